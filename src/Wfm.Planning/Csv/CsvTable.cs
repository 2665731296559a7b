using System.Globalization;
using CsvHelper;

namespace Wfm.Planning.Csv;

/// <summary>Writes a header and rows of fields with CsvHelper; numbers in invariant culture, infinity as "inf".</summary>
public sealed class CsvTable : IDisposable
{
    private readonly CsvWriter _csv;

    public CsvTable(TextWriter writer, params string[] header)
    {
        _csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true);
        foreach (var h in header)
        {
            _csv.WriteField(h);
        }

        _csv.EndRecord();
    }

    public static string Number(double value, string format = "0.####") =>
        double.IsPositiveInfinity(value) ? "inf" : double.IsNaN(value) ? string.Empty : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// Text a spreadsheet will not run as a formula: a cell starting with =, +, -, @, tab or carriage return gets a
    /// leading apostrophe (OWASP's advice for CSV injection) — unless it is a number such as -1.5, which stays one.
    /// Every row written goes through it; <see cref="Uncell"/> takes the apostrophe off again when a file is read.
    /// </summary>
    public static string Cell(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + text
            : text;

    /// <summary>A cell as <see cref="Cell"/> wrote it, back to its text.</summary>
    public static string Uncell(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;

    public void Row(params string[] fields)
    {
        foreach (var f in fields)
        {
            _csv.WriteField(Cell(f));
        }

        _csv.EndRecord();
    }

    public void Dispose()
    {
        _csv.Flush();
        _csv.Dispose();
    }
}
