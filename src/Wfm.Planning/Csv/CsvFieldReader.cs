using System.Globalization;
using CsvHelper;

namespace Wfm.Planning.Csv;

/// <summary>
/// Header-driven CSV reading on CsvHelper with errors that name the file, line and column. Column names
/// are matched case-insensitively; callers may map their own names onto the expected ones.
/// </summary>
internal sealed class CsvFieldReader : IDisposable
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;

    public CsvFieldReader(TextReader reader, string fileName)
    {
        FileName = fileName;
        var options = new CsvReaderOptions
        {
            TrimWhitespace = true,
            TrackLineNumbers = true,
            FormatProvider = CultureInfo.InvariantCulture,
            SkipEmptyLines = true,
        };
        _csv = CsvReader.Create(reader, options, leaveOpen: true);
        IReadOnlyList<string> header;
        try
        {
            header = _csv.Headers;
        }
        catch (CsvFormatException ex)
        {
            throw new InputFileException(fileName, 1, null, $"the header row is malformed: {ex.Message}");
        }

        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            throw new InputFileException(fileName, 1, null, "the file is empty: expected a header row");
        }

        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            _columns.TryAdd(header[i].Trim(), i);
        }
    }

    public string FileName { get; }

    /// <summary>1-based line of the current record in the file.</summary>
    public int Line => (int)_csv.LineNumber;

    public IReadOnlyCollection<string> Columns => _columns.Keys;

    public bool Has(string column) => _columns.ContainsKey(column);

    public void Require(params string[] columns)
    {
        var missing = columns.Where(c => !Has(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InputFileException(FileName, 1, missing[0], $"missing column(s) {string.Join(", ", missing)}; the header has {string.Join(", ", _columns.Keys)}");
        }
    }

    public bool Read()
    {
        try
        {
            return _csv.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new InputFileException(FileName, Line + 1, null, $"malformed row: {ex.Message}");
        }
    }

    public string Text(string column)
    {
        if (!_columns.TryGetValue(column, out var index) || index >= _csv.FieldCount)
        {
            return string.Empty;
        }

        // A cell written as text rather than a formula ('=…) reads as what it was.
        return CsvTable.Uncell(_csv.GetString(index).Trim());
    }

    public double Number(string column, double min = double.NegativeInfinity, bool exclusiveMin = false)
    {
        var text = Text(column);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(column, $"expected a number, got '{text}'");
        }

        if (exclusiveMin ? !(value > min) : !(value >= min))
        {
            throw Error(column, $"expected a number {(exclusiveMin ? "above" : "of at least")} {min.ToString(CultureInfo.InvariantCulture)}, got {text}");
        }

        return value;
    }

    public double? OptionalNumber(string column, double min = double.NegativeInfinity, bool exclusiveMin = false) =>
        Has(column) && Text(column).Length > 0 ? Number(column, min, exclusiveMin) : null;

    public DateTime Timestamp(string column)
    {
        var text = Text(column);
        if (!TimestampParser.TryParse(text, out var value))
        {
            throw Error(column, $"expected a timestamp such as 2026-11-25 08:30, got '{text}'");
        }

        return value;
    }

    public InputFileException Error(string? column, string problem) => new(FileName, Line, column, problem);

    public void Dispose() => _csv.Dispose();
}
