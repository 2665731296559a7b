namespace Wfm.Core.Queues;

/// <summary>
/// "Percent of contacts answered within ThresholdSeconds", e.g. 80/20. Abandoned contacts count as
/// misses unless <see cref="AbandonsCountAsMisses"/> is off, in which case SL is over answered contacts only.
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.ServiceLevelTarget")]
public sealed record ServiceLevelTarget(
    [property: Id(0)] double Percent,
    [property: Id(1)] int ThresholdSeconds,
    [property: Id(2)] bool AbandonsCountAsMisses = true)
{
    public override string ToString() => $"{Percent:0.#}/{ThresholdSeconds}";
}
