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

    /// <summary>The live directory of a stored center: its active teams, queues and agents (deactivated ones take no events).</summary>
    public static InMemoryDirectory Of(CenterData center) =>
        new(ClockOf(center.Settings), center.Teams.Where(t => t.IsActive), center.Queues.Where(q => q.IsActive), center.Agents.Where(a => a.IsActive));

    /// <summary>Follows the stored center after a change.</summary>
    public void Replace(CenterData center) =>
        Replace(ClockOf(center.Settings), center.Teams.Where(t => t.IsActive), center.Queues.Where(q => q.IsActive), center.Agents.Where(a => a.IsActive));

    private static CenterClock ClockOf(CenterSettings settings) =>
        CenterClock.For(settings.TimeZone, settings.IntervalMinutes);

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
