using Wfm.Core.Events;

namespace Wfm.Core.Ports;

/// <summary>An event journal kept in memory: for tests and for running without a database.</summary>
public sealed class InMemoryEventJournal : IEventJournal
{
    private readonly Lock _gate = new();
    private readonly List<SequencedEvent> _events = [];
    private readonly HashSet<EventKey> _keys = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    public Task<IReadOnlySet<EventKey>> FindExistingAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlySet<EventKey>>(keys.Where(_keys.Contains).ToHashSet());
        }
    }

    public Task<IReadOnlyList<SequencedEvent>> AppendAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var added = new List<SequencedEvent>();
            foreach (var e in events)
            {
                if (_keys.Add(EventKey.Of(e)))
                {
                    var sequenced = new SequencedEvent(_events.Count + 1, e);
                    _events.Add(sequenced);
                    added.Add(sequenced);
                }
            }

            return Task.FromResult<IReadOnlyList<SequencedEvent>>(added);
        }
    }

    public Task<IReadOnlyList<SequencedEvent>> ReadForAgentAsync(string agentId, long afterSequence, CancellationToken cancellationToken = default) =>
        Read(e => e.AgentId == agentId && IsAgents(e), afterSequence);

    public Task<IReadOnlyList<SequencedEvent>> ReadForAgentSinceAsync(string agentId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Read(e => e.AgentId == agentId && IsAgents(e) && e.At >= since, 0);

    public Task<IReadOnlyList<SequencedEvent>> ReadAgentEventsAfterAsync(long afterSequence, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SequencedEvent>>(_events
                .Where(s => s.Sequence > afterSequence && s.Event.AgentId is not null && s.Event.At >= since && IsAgents(s.Event))
                .Take(limit).ToList());
        }
    }

    public Task<IReadOnlyList<SequencedEvent>> ReadRangeAsync(long afterSequence, long throughSequence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SequencedEvent>>(_events.Where(s => s.Sequence > afterSequence && s.Sequence <= throughSequence).ToList());
        }
    }

    public Task<IReadOnlyList<SequencedEvent>> ReadForQueueAsync(string queueId, long afterSequence, CancellationToken cancellationToken = default) =>
        Read(e => e.QueueId == queueId && e.IsContactLifecycle, afterSequence);

    public Task<IReadOnlyList<SequencedEvent>> ReadContactEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Read(e => e.Type is not (EventType.AgentStateChanged or EventType.StateRequested) && e.At >= from && e.At < to, 0);

    public Task<IReadOnlyDictionary<string, int>> CountArrivalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, int> counts = _events
                .Where(s => s.Event.Type == EventType.ContactArrived && s.Event.At >= from && s.Event.At < to && s.Event.QueueId is not null)
                .GroupBy(s => s.Event.QueueId!)
                .ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult(counts);
        }
    }

    /// <summary>The events that move an agent (what the agent reads replay).</summary>
    private static bool IsAgents(ContactCenterEvent e) => e.Type is EventType.ContactAnswered or EventType.ContactEnded or EventType.AgentStateChanged or EventType.StateRequested;

    private Task<IReadOnlyList<SequencedEvent>> Read(Func<ContactCenterEvent, bool> match, long afterSequence)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SequencedEvent>>(
                _events.Where(s => s.Sequence > afterSequence && match(s.Event)).ToList());
        }
    }
}
