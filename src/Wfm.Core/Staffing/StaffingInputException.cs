namespace Wfm.Core.Staffing;

/// <summary>Bad staffing input; <see cref="Field"/> names what was wrong so a CLI or API can point at it.</summary>
/// <remarks>The message is in the API's words; <see cref="CliMessage"/> names command-line options instead (see <see cref="OptionWords"/>).</remarks>
public sealed class StaffingInputException(string field, string detail) : ArgumentException(OptionWords.ForApi($"{field}: {detail}"))
{
    public string Field { get; } = field;

    /// <summary>What was expected, without the field name, in the API's words.</summary>
    public string Detail { get; } = OptionWords.ForApi(detail);

    private readonly string _raw = detail;

    /// <summary>The message in the command line's words.</summary>
    public string CliMessage => OptionWords.ForCli($"{Field}: {_raw}");

    /// <summary>Which interval of a series the error is about, when it is about one.</summary>
    public int? IntervalIndex { get; private init; }

    /// <summary>The field inside the interval (e.g. "load"), when <see cref="IntervalIndex"/> is set.</summary>
    public string? IntervalField { get; private init; }

    /// <summary>The same error located inside a larger input, e.g. "intervals[3]".</summary>
    public StaffingInputException Within(string prefix) => new($"{prefix}.{Field}", _raw);

    /// <summary>The same error located at interval <paramref name="index"/> of a series ("intervals[index].field").</summary>
    public StaffingInputException AtInterval(int index) =>
        new($"intervals[{index}].{Field}", _raw) { IntervalIndex = index, IntervalField = Field };
}
