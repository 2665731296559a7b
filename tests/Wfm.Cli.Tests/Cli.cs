using System.Globalization;
using CsvHelper;

namespace Wfm.Cli.Tests;

/// <summary>Runs the CLI in-process the way a user would and captures what it says on standard error.</summary>
internal static class Cli
{
    public static (int Code, string Stderr) Run(params string[] args)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            return (Program.Main(args), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    /// <summary>A CSV the CLI wrote, one dictionary (column → value) per row.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = CsvReader.Create(new StreamReader(path), new CsvReaderOptions { FormatProvider = CultureInfo.InvariantCulture });
        var header = reader.Headers;
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(header.Select((h, i) => (h, reader.GetString(i))).ToDictionary(p => p.h, p => p.Item2));
        }

        return rows;
    }
}
