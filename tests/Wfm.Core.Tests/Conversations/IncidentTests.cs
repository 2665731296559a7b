using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Core.Queues;
using Wfm.Core.Time;

namespace Wfm.Core.Tests.Conversations;

/// <summary>The incident workflow's rules and the statistics supervisors read.</summary>
public sealed class IncidentTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static AbuseIncident Incident(string id, DateTimeOffset at, string agent = "a1", string queue = "chat", IncidentSource source = IncidentSource.Detected, string? customer = "c1") =>
        AbuseIncident.From(id, at, agent, queue, $"contact-{id}", customer, source, "you idiot, call 0532 123 45 67",
            AbuseDetector.Default.Classify("you idiot, call 0532 123 45 67", "en"));

    [Fact]
    public void NewIncident_KeepsTheMessageRedacted_AndTheEvidence()
    {
        var incident = Incident("i1", T);

        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal(AbuseCategory.Insult, incident.Category);
        Assert.Equal("you idiot, call [phone]", incident.Message);
        Assert.Contains(incident.Evidence, e => e.Text == "idiot");
    }

    [Fact]
    public void Actions_FollowTheRules_AndEachIsRecorded()
    {
        var incident = Incident("i1", T);
        var acked = IncidentWorkflow.Apply(incident, new IncidentAction(IncidentActionKind.Acknowledge, "sup", T.AddMinutes(2)));
        Assert.Equal(IncidentStatus.Acknowledged, acked.Status);
        Assert.Equal(T.AddMinutes(2), acked.AcknowledgedAt);
        Assert.Throws<IncidentActionException>(() => IncidentWorkflow.Apply(acked, new IncidentAction(IncidentActionKind.Acknowledge, "sup", T.AddMinutes(3))));
        Assert.Contains("minutes", Assert.Throws<IncidentActionException>(() => IncidentWorkflow.Apply(acked, new IncidentAction(IncidentActionKind.RecoveryBreak, "sup", T.AddMinutes(3), Minutes: 500))).Message);
        Assert.StartsWith("to:", Assert.Throws<IncidentActionException>(() => IncidentWorkflow.Apply(acked, new IncidentAction(IncidentActionKind.Escalate, "sup", T.AddMinutes(3), Note: "threat"))).Message);
        Assert.StartsWith("note:", Assert.Throws<IncidentActionException>(() => IncidentWorkflow.Apply(acked, new IncidentAction(IncidentActionKind.Escalate, "sup", T.AddMinutes(3), To: "Admin"))).Message);

        var escalated = IncidentWorkflow.Apply(acked, new IncidentAction(IncidentActionKind.Escalate, "sup", T.AddMinutes(4), Note: "a threat: security team", To: "Admin"));
        Assert.Equal("Admin", escalated.Actions[^1].To);
        var closed = IncidentWorkflow.Apply(escalated, new IncidentAction(IncidentActionKind.Close, "sup", T.AddMinutes(9), Outcome: " warned "));
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.Equal("warned", closed.Outcome);
        Assert.Equal(3, closed.Actions.Count);
        Assert.Throws<IncidentActionException>(() => IncidentWorkflow.Apply(closed, new IncidentAction(IncidentActionKind.Escalate, "sup", T.AddMinutes(10), Note: "again")));

        // The first action of any kind acknowledges.
        var routed = IncidentWorkflow.Apply(Incident("i2", T), new IncidentAction(IncidentActionKind.RouteAway, "sup", T.AddMinutes(1)));
        Assert.Equal(T.AddMinutes(1), routed.AcknowledgedAt);
        Assert.Throws<IncidentActionException>(() => IncidentWorkflow.Apply(Incident("i3", T, customer: null), new IncidentAction(IncidentActionKind.RouteAway, "sup", T)));
    }

    [Fact]
    public void Statistics_RatesPer1000Contacts_PerAgentMonth_ReportedShare_AndTimeToAcknowledge()
    {
        var directory = new InMemoryDirectory(
            new CenterClock(TimeZoneInfo.Utc, 15),
            [new TeamProfile("t1", "Team one"), new TeamProfile("t2", "Team two")],
            [new QueueProfile("chat", "Chat", Channel.Chat, new ServiceLevelTarget(0.8, 60)), new QueueProfile("voice", "Voice", Channel.Voice, new ServiceLevelTarget(0.8, 20))],
            [new AgentProfile("a1", "A One", "t1", [new AgentSkill("chat", 5)], "en"), new AgentProfile("a2", "A Two", "t2", [new AgentSkill("voice", 5)], "en")]);
        var incidents = new[]
        {
            IncidentWorkflow.Apply(Incident("i1", T), new IncidentAction(IncidentActionKind.Acknowledge, "sup", T.AddMinutes(2))),
            IncidentWorkflow.Apply(Incident("i2", T.AddHours(1), "a2", "voice", IncidentSource.Reported), new IncidentAction(IncidentActionKind.Acknowledge, "sup", T.AddHours(1).AddMinutes(6))),
            Incident("i3", T.AddHours(2)),
            Incident("outside", T.AddDays(40)),
        };

        var stats = IncidentStatistics.Compute(incidents, T.AddDays(-1), T.AddDays(29), new Dictionary<string, int> { ["chat"] = 1500, ["voice"] = 500 }, directory);

        Assert.Equal(3, stats.Incidents);
        Assert.Equal(2000, stats.Contacts);
        Assert.Equal(1.5, stats.Per1000Contacts);
        Assert.Equal(Math.Round(3 / (2 * (30 / 30.4375)), 3), stats.PerAgentPerMonth);
        Assert.Equal(Math.Round(1 / 3.0, 4), stats.ReportedShare);
        Assert.Equal(4, stats.MeanMinutesToAcknowledge);
        Assert.Equal(4, stats.MedianMinutesToAcknowledge);
        Assert.Equal(3, stats.Open);
        var chat = stats.ByQueue.Single(g => g.Key == "chat");
        Assert.Equal(2, chat.Incidents);
        Assert.Equal(Math.Round(2 * 1000.0 / 1500, 3), chat.Per1000Contacts);
        Assert.Equal(2, stats.ByTeam.Single(g => g.Key == "t1").Incidents);
        Assert.Equal(1, stats.ByChannel.Single(g => g.Key == "voice").Incidents);
        Assert.Equal(3, stats.ByLanguage.Single(g => g.Key == "en").Incidents);
    }
}
