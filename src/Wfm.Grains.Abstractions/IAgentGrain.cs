namespace Wfm.Grains.Abstractions;

/// <summary>One agent, keyed by agent id: live state machine, today's totals, today's timeline and adherence.</summary>
[Alias("wfm.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Refusals for these events, in order, as if applied now; changes nothing.</summary>
    [Alias("Validate")]
    Task<IReadOnlyList<EventError>> ValidateAsync(IReadOnlyList<BatchItem> items);

    /// <summary>Applies journaled events; ones already applied (by sequence) are skipped.</summary>
    [Alias("Apply")]
    Task ApplyAsync(IReadOnlyList<SequencedEvent> events);

    [Alias("GetSnapshot")]
    Task<AgentSnapshot> GetSnapshotAsync();

    /// <summary>Today's state changes (local day of the center).</summary>
    [Alias("GetTimeline"), AlwaysInterleave]
    Task<IReadOnlyList<StateChange>> GetTimelineAsync();

    /// <summary>Today's shift plan changed: reload it and recompute adherence.</summary>
    [Alias("PlanChanged"), OneWay]
    Task PlanChangedAsync();
}
