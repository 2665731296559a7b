namespace Wfm.Core.Staffing;

/// <summary>Bad staffing input; <see cref="Field"/> names what was wrong so a CLI or API can point at it.</summary>
public sealed class StaffingInputException(string field, string detail) : ArgumentException($"{field}: {detail}")
{
    public string Field { get; } = field;

    /// <summary>What was expected, without the field name.</summary>
    public string Detail { get; } = detail;

    /// <summary>The same error located inside a larger input, e.g. "intervals[3]".</summary>
    public StaffingInputException Within(string prefix) => new($"{prefix}.{Field}", Detail);
}
