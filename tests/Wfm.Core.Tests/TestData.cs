using Wfm.Core.Agents;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Queues;
using Wfm.Core.Time;

namespace Wfm.Core.Tests;

internal static class TestData
{
    public static readonly CenterClock Istanbul = CenterClock.For("Europe/Istanbul", 15);

    /// <summary>2026-03-02 09:00 in Istanbul (UTC+3) = 06:00 UTC.</summary>
    public static readonly DateTimeOffset NineAm = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public static readonly ServiceLevelTarget EightyTwenty = new(80, 20);

    public static InMemoryDirectory NewDirectory() => new(
        Istanbul,
        [new TeamProfile("t1", "Team one")],
        [new QueueProfile("q1", "Queue one", Channel.Voice, EightyTwenty)],
        [new AgentProfile("a1", "Ayşe Yılmaz", "t1", [new AgentSkill("q1", 3)], "tr")]);

    private static int _next;

    public static ContactCenterEvent Contact(EventType type, string contact, DateTimeOffset at, string? agent = null) => new()
    {
        Id = $"e{Interlocked.Increment(ref _next)}", Type = type, At = at, QueueId = "q1", ContactId = contact, AgentId = agent,
    };

    public static ContactCenterEvent State(AgentState state, DateTimeOffset at, string agent = "a1") => new()
    {
        Id = $"e{Interlocked.Increment(ref _next)}", Type = EventType.AgentStateChanged, At = at, AgentId = agent, State = state,
    };
}
