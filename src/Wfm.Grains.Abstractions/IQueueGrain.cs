namespace Wfm.Grains.Abstractions;

/// <summary>One queue, keyed by queue id: contacts waiting and in progress, today's and per-interval statistics.</summary>
[Alias("wfm.IQueueGrain")]
public interface IQueueGrain : IGrainWithStringKey
{
    [Alias("Validate")]
    Task<IReadOnlyList<EventError>> ValidateAsync(IReadOnlyList<BatchItem> items);

    [Alias("Apply")]
    Task ApplyAsync(IReadOnlyList<SequencedEvent> events);

    [Alias("GetSnapshot")]
    Task<QueueSnapshot> GetSnapshotAsync();

    /// <summary>Today's statistics per interval, in interval order.</summary>
    [Alias("GetIntervals")]
    Task<IReadOnlyList<IntervalStatistics>> GetIntervalsAsync();

    /// <summary>Contacts waiting or in progress, oldest first.</summary>
    [Alias("GetContacts")]
    Task<IReadOnlyList<ContactInQueue>> GetContactsAsync();

    /// <summary>An agent with a skill for this queue changed state.</summary>
    [Alias("AgentStateChanged"), OneWay]
    Task AgentStateChangedAsync(string agentId, AgentState state);
}
