namespace Wfm.Core.Adherence;

/// <summary>
/// Adherence so far today: scheduled minutes elapsed, minutes in the scheduled activity, minutes out,
/// whether the agent is in adherence right now, and conformance (productive minutes ÷ scheduled work minutes).
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.AdherenceResult")]
public sealed record AdherenceResult(
    [property: Id(0)] double ScheduledMinutes,
    [property: Id(1)] double InAdherenceMinutes,
    [property: Id(2)] double MinutesOut,
    [property: Id(3)] bool? InAdherenceNow,
    [property: Id(4)] ActivityKind? ScheduledNow,
    [property: Id(5)] double? Conformance)
{
    /// <summary>Share of elapsed scheduled time spent in the scheduled activity; null before the shift starts.</summary>
    public double? Adherence => ScheduledMinutes <= 0 ? null : InAdherenceMinutes / ScheduledMinutes;

    public static readonly AdherenceResult Unscheduled = new(0, 0, 0, null, null, null);
}
