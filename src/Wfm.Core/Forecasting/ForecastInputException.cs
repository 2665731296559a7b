namespace Wfm.Core.Forecasting;

/// <summary>
/// Bad forecasting input. <see cref="Field"/> names what was wrong; <see cref="Row"/> is the source row
/// (a CSV line, an API array index) when the error is about one, so the caller can point at it.
/// </summary>
public sealed class ForecastInputException(string field, string detail, long? row = null)
    : ArgumentException(row is { } r ? $"row {r}: {field}: {detail}" : $"{field}: {detail}")
{
    public string Field { get; } = field;

    /// <summary>What was expected, without the field name or row.</summary>
    public string Detail { get; } = detail;

    public long? Row { get; } = row;
}
