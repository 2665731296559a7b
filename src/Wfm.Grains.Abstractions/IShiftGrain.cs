namespace Wfm.Grains.Abstractions;

/// <summary>
/// One agent's planned day, keyed "agentId|yyyy-MM-dd" (the center's local date; see <see cref="ShiftKey"/>),
/// and the real-time adherence of that day.
/// </summary>
[Alias("wfm.IShiftGrain")]
public interface IShiftGrain : IGrainWithStringKey
{
    /// <summary>Replaces the plan; activities must not overlap.</summary>
    [Alias("SetPlan")]
    Task SetPlanAsync(IReadOnlyList<PlannedActivity> activities);

    /// <summary>Whether a plan was ever set for this day; an empty plan that was set is a day off.</summary>
    [Alias("HasPlan"), AlwaysInterleave]
    Task<bool> HasPlanAsync();

    [Alias("GetPlan"), AlwaysInterleave]
    Task<IReadOnlyList<PlannedActivity>> GetPlanAsync();

    /// <summary>Adherence so far: the plan against the agent's actual states up to now.</summary>
    [Alias("GetAdherence")]
    Task<AdherenceResult> GetAdherenceAsync();
}
