using Wfm.Core.Coaching;

namespace Wfm.Core.Tests.Coaching;

/// <summary>The trainer's queue: what comes first and what says why.</summary>
public sealed class CoachingQueueTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Queue_PutsFailuresAndSupportFirst_AndPraiseLast()
    {
        var items = CoachingQueue.Build(
        [
            new AgentSignals("a1",
                [new ReviewSignal("a1", "c1", 0, true, ["verify"], Now), new ReviewSignal("a1", "c2", 72, false, ["name", "fix"], Now), new ReviewSignal("a1", "c3", 95, false, [], Now)],
                AbuseIncidents: 0, ConfirmedWow: [], OpenActionItems: [("Use the greeting macro", Today.AddDays(-2), 7), ("Not yet due", Today.AddDays(3), 7)]),
            new AgentSignals("a2", [], AbuseIncidents: 3, ConfirmedWow: [("personal connection", "have a great trip", "c9")], OpenActionItems: [], BurnoutScore: 64, BurnoutFactor: "abuse incidents"),
            new AgentSignals("a3", [], AbuseIncidents: 1, ConfirmedWow: [], OpenActionItems: [], BurnoutScore: 20),
        ], Today);

        Assert.Equal(
        [
            (CoachingItemKind.Coach, "a1", 1),
            (CoachingItemKind.Support, "a2", 1),
            (CoachingItemKind.Support, "a2", 1),
            (CoachingItemKind.Coach, "a1", 2),
            (CoachingItemKind.FollowUp, "a1", 2),
            (CoachingItemKind.Praise, "a2", 3),
        ], items.Select(i => (i.Kind, i.AgentId, i.Priority)));
        Assert.Contains("missed: verify", items[0].Text);
        Assert.Contains(items, i => i.Text.Contains("not a performance one", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Text == "burnout risk 64, mostly abuse incidents: check in");
        Assert.Contains(items, i => i.Text.Contains("QA score 72 below 80 — missed: name, fix", StringComparison.Ordinal) && i.Reference == "conversation c2");
        Assert.DoesNotContain(items, i => i.Text.Contains("Not yet due", StringComparison.Ordinal));
        Assert.DoesNotContain(items, i => i.AgentId == "a3");
    }
}
