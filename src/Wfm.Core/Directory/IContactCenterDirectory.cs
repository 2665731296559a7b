using Wfm.Core.Time;

namespace Wfm.Core.Directory;

/// <summary>Read access to who and what exists in the contact center: agents, queues, teams and its time zone.</summary>
public interface IContactCenterDirectory
{
    AgentProfile? FindAgent(string id);

    QueueProfile? FindQueue(string id);

    IReadOnlyList<AgentProfile> Agents { get; }

    IReadOnlyList<QueueProfile> Queues { get; }

    IReadOnlyList<TeamProfile> Teams { get; }

    CenterClock Clock { get; }
}
