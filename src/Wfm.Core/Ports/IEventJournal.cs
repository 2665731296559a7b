using Wfm.Core.Events;

namespace Wfm.Core.Ports;

/// <summary>
/// The durable, de-duplicated record of every accepted event. An event is acknowledged only after it is here;
/// grains rebuild whatever their last saved state lacks by reading their events back after their last sequence.
/// </summary>
public interface IEventJournal
{
    /// <summary>The events among <paramref name="keys"/> (id and time) that are already recorded.</summary>
    Task<IReadOnlySet<EventKey>> FindExistingAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the events in one transaction, in order. Returns the newly recorded ones with their sequence;
    /// an event (id and time, <see cref="EventKey"/>) recorded before or meanwhile by someone else is skipped, so each is recorded once.
    /// </summary>
    Task<IReadOnlyList<SequencedEvent>> AppendAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SequencedEvent>> ReadForAgentAsync(string agentId, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>The agent's events (answered, ended, state changes) stamped at or after <paramref name="since"/>, in journal order.</summary>
    Task<IReadOnlyList<SequencedEvent>> ReadForAgentSinceAsync(string agentId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every agent's events (answered, ended, state changes) recorded after <paramref name="afterSequence"/> and
    /// stamped at or after <paramref name="since"/>, in journal order, at most <paramref name="limit"/>: one pass
    /// over the journal's tail for a reader that keeps up with all agents at once. The events carry what an agent's
    /// replay needs (type, time, agent, contact, state, wrap-up); a journal may leave out their ids, queues and customers.
    /// </summary>
    Task<IReadOnlyList<SequencedEvent>> ReadAgentEventsAfterAsync(long afterSequence, DateTimeOffset since, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every event recorded with a sequence in (<paramref name="afterSequence"/>, <paramref name="throughSequence"/>], in journal order.</summary>
    Task<IReadOnlyList<SequencedEvent>> ReadRangeAsync(long afterSequence, long throughSequence, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SequencedEvent>> ReadForQueueAsync(string queueId, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Every contact and message event stamped in [from, to), in journal order (for KPIs over a period).</summary>
    Task<IReadOnlyList<SequencedEvent>> ReadContactEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Contacts that arrived per queue in [from, to), for rates such as incidents per 1,000 contacts.</summary>
    Task<IReadOnlyDictionary<string, int>> CountArrivalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
