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

    private static AnalyzedConversation Read(string id, string agent, double? empathy, int negative = 0, int wow = 0, bool abusive = false, params string[] missed) =>
        new(id, agent, "chat", "en", Now.AddMinutes(-id.Length), 6, empathy, negative, wow, abusive, missed);

    [Fact]
    public void FinishedConversations_PutAnAgentInTheQueue_WithTheConversationThatShowsIt()
    {
        var items = CoachingQueue.Build(
        [
            new AgentSignals("cold", [], 0, [], [], Conversations:
            [
                Read("k1", "cold", 0.2, missed: ["acknowledge feelings", "first name"]), Read("k2", "cold", 0.4, negative: 2, missed: ["acknowledge feelings"]), Read("k3", "cold", 0.5),
            ]),
            new AgentSignals("warm", [], 0, [], [], Conversations: [Read("w1", "warm", 0.9, wow: 1), Read("w2", "warm", 1.0), Read("w3", "warm", 0.8, abusive: true)]),
            new AgentSignals("few", [], 0, [], [], Conversations: [Read("f1", "few", 0.1), Read("f2", "few", 0.2)]),
        ], Today);

        var low = Assert.Single(items, i => i.AgentId == "cold" && i.Text.StartsWith("low empathy", StringComparison.Ordinal));
        Assert.Equal(("k1", CoachingItemKind.Coach), (low.ConversationId, low.Kind));
        Assert.Contains("37% of the rubric found over 3 conversations — most missed: acknowledge feelings, first name", low.Text);
        var negative = Assert.Single(items, i => i.AgentId == "cold" && i.Text.StartsWith("negative language", StringComparison.Ordinal));
        Assert.Equal("k2", negative.ConversationId);
        Assert.Contains("in 1 of 3 conversations", negative.Text);
        Assert.Equal("w1", Assert.Single(items, i => i.AgentId == "warm" && i.Kind == CoachingItemKind.Praise).ConversationId);
        Assert.Equal("w3", Assert.Single(items, i => i.AgentId == "warm" && i.Kind == CoachingItemKind.Support).ConversationId);
        Assert.DoesNotContain(items, i => i.AgentId == "warm" && i.Kind == CoachingItemKind.Coach);
        Assert.DoesNotContain(items, i => i.AgentId == "few"); // two conversations are too few to call empathy low
    }

    [Fact]
    public void AConversation_IsReadForTheAgentWhoAnswered_AndOneWithoutAnAgentsReplyIsNot()
    {
        var at = Now;
        IReadOnlyList<Wfm.Core.Conversations.ConversationEntry> messages =
        [
            new("e1", at, Wfm.Core.Conversations.ConversationSender.Customer, null, "I'm so upset, my order is late again", "en", false),
            new("e2", at.AddMinutes(1), Wfm.Core.Conversations.ConversationSender.Agent, "a7", "Our policy says we can't do that.", "en", false),
            new("e3", at.AddMinutes(2), Wfm.Core.Conversations.ConversationSender.Customer, null, "you idiot", "en", true),
        ];
        var read = AnalyzedConversation.From("c-1", "chat", at.AddMinutes(3), messages, "Deniz Kaya")!;
        Assert.Equal(("a7", 3, true), (read.AgentId, read.Messages, read.Abusive));
        Assert.True(read.NegativePhrases > 0);
        Assert.Contains("acknowledge feelings", read.MissedItems);
        Assert.Null(AnalyzedConversation.From("c-2", "chat", at, [messages[0]], null));
    }

    private static Wfm.Core.Kpis.KpiValues Kpis(int handled, double? aht, int surveys = 0, double? csat = null) =>
        new(handled, handled, 0, null, null, null, null, null, null, null, null, null, aht, 0, csat, null, null, surveys);

    [Fact]
    public void KpiDrops_NameTheFigureThatFell_OnlyWithEnoughToGoBy()
    {
        var drops = KpiDrops.Find(Kpis(30, 390, 8, 0.60), Kpis(90, 270, 20, 0.82));
        Assert.Equal(["handle time up 44% this week (6.5 min against 4.5 in the three weeks before)", "CSAT down to 60% this week from 82% in the three weeks before"], drops);
        Assert.Empty(KpiDrops.Find(Kpis(4, 600, 2, 0.1), Kpis(90, 270, 20, 0.82))); // four contacts and two surveys are too few
        Assert.Empty(KpiDrops.Find(Kpis(30, 300, 8, 0.75), Kpis(90, 270, 20, 0.82))); // +11 % and −7 points: ordinary weeks

        var items = CoachingQueue.Build([new AgentSignals("slow", [], 0, [], [], KpiDrops: drops)], Today);
        Assert.Equal(2, items.Count(i => i.AgentId == "slow" && i.Kind == CoachingItemKind.Coach && i.Reference == "KPIs"));
    }
}
