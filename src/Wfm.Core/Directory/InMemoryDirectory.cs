using Wfm.Core.Time;

namespace Wfm.Core.Directory;

/// <summary>A directory held in memory, replaced whole when the stored directory changes.</summary>
public sealed class InMemoryDirectory : IContactCenterDirectory
{
    private volatile Snapshot _current;

    public InMemoryDirectory(CenterClock clock, IEnumerable<TeamProfile> teams, IEnumerable<QueueProfile> queues, IEnumerable<AgentProfile> agents)
    {
        _current = new Snapshot(clock, teams.ToList(), queues.ToList(), agents.ToList());
    }

    public CenterClock Clock => _current.Clock;

    public IReadOnlyList<AgentProfile> Agents => _current.AgentList;

    public IReadOnlyList<QueueProfile> Queues => _current.QueueList;

    public IReadOnlyList<TeamProfile> Teams => _current.TeamList;

    public AgentProfile? FindAgent(string id) => _current.AgentsById.GetValueOrDefault(id);

    public QueueProfile? FindQueue(string id) => _current.QueuesById.GetValueOrDefault(id);

    public void Replace(CenterClock clock, IEnumerable<TeamProfile> teams, IEnumerable<QueueProfile> queues, IEnumerable<AgentProfile> agents) =>
        _current = new Snapshot(clock, teams.ToList(), queues.ToList(), agents.ToList());

    private sealed class Snapshot(CenterClock clock, List<TeamProfile> teams, List<QueueProfile> queues, List<AgentProfile> agents)
    {
        public CenterClock Clock { get; } = clock;
        public List<TeamProfile> TeamList { get; } = teams;
        public List<QueueProfile> QueueList { get; } = queues;
        public List<AgentProfile> AgentList { get; } = agents;
        public Dictionary<string, AgentProfile> AgentsById { get; } = agents.ToDictionary(a => a.Id);
        public Dictionary<string, QueueProfile> QueuesById { get; } = queues.ToDictionary(q => q.Id);
    }
}
