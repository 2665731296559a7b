namespace Wfm.Core.Staffing;

/// <summary>Bad staffing input; <see cref="Field"/> names what was wrong so a CLI or API can point at it.</summary>
public sealed class StaffingInputException(string field, string detail) : ArgumentException($"{field}: {detail}")
{
    public string Field { get; } = field;

    /// <summary>What was expected, without the field name.</summary>
    public string Detail { get; } = detail;

    /// <summary>Which interval of a series the error is about, when it is about one.</summary>
    public int? IntervalIndex { get; private init; }

    /// <summary>The field inside the interval (e.g. "load"), when <see cref="IntervalIndex"/> is set.</summary>
    public string? IntervalField { get; private init; }

    /// <summary>The same error located inside a larger input, e.g. "intervals[3]".</summary>
    public StaffingInputException Within(string prefix) => new($"{prefix}.{Field}", Detail);

    /// <summary>The same error located at interval <paramref name="index"/> of a series ("intervals[index].field").</summary>
    public StaffingInputException AtInterval(int index) =>
        new($"intervals[{index}].{Field}", Detail) { IntervalIndex = index, IntervalField = Field };
}
