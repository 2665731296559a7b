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

    public void Row(params string[] fields)
    {
        foreach (var f in fields)
        {
            _csv.WriteField(f);
        }

        _csv.EndRecord();
    }

    public void Dispose()
    {
        _csv.Flush();
        _csv.Dispose();
    }
}
