using System.Globalization;
using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Core.Time;
using Wfm.Core.Wellbeing;

namespace Wfm.Simulation.Tests;

/// <summary>What the demo is built from: traffic that follows given plans and arrival shapes, and a hard fortnight that reads as burnout risk.</summary>
public sealed class DemoPlanInputsTests
{
    private static readonly CenterClock Clock = CenterClock.For("Europe/Istanbul", 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Agents_FollowTheirGivenPlans_SomeStayAway_AndArrivalsFollowEachQueuesShape()
    {
        var center = DemoCenterGenerator.Generate(7, 40);
        var day = new DateOnly(2026, 11, 4); // a Wednesday
        // Only agents with an even number work, 09:00–17:00; the chat queue takes contacts only from 12:00 to 14:00.
        IReadOnlyList<PlannedActivity> Plan(string agent, DateOnly d) =>
            int.Parse(agent[^3..], CultureInfo.InvariantCulture) % 2 == 0 && d == day ? [new(Clock.ToUtc(d, new TimeOnly(9, 0)), Clock.ToUtc(d, new TimeOnly(17, 0)), ActivityKind.Work)] : [];
        var chatOnlyAtNoon = ArrivalProfile.FromIntervals(
            Enumerable.Range(0, 7 * 24).Select(h => (new DateTime(2026, 11, 2).AddHours(h), h % 24 is 12 or 13 ? 10.0 : 0)).ToList(), 60);

        var events = new TrafficGenerator(center, Clock, 3, Clock.StartOfDay(day), plans: Plan,
            queueProfiles: new Dictionary<string, ArrivalProfile> { ["chat-support"] = chatOnlyAtNoon }, absence: 0.25).Advance(Clock.StartOfDay(day.AddDays(1)));

        var working = events.Where(e => e.Type == EventType.AgentStateChanged).Select(e => e.AgentId!).Distinct().ToList();
        Assert.All(working, a => Assert.True(int.Parse(a[^3..], CultureInfo.InvariantCulture) % 2 == 0, $"{a} worked without a plan"));
        var planned = center.Agents.Count(a => int.Parse(a.Id[^3..], CultureInfo.InvariantCulture) % 2 == 0);
        Assert.InRange(working.Count, planned / 2, planned - 1); // a quarter stay away, give or take
        var logins = events.Where(e => e.Type == EventType.AgentStateChanged && e.State == AgentState.Available)
            .GroupBy(e => e.AgentId).Select(g => Clock.ToLocal(g.Min(e => e.At)).TimeOfDay).ToList();
        Assert.All(logins, t => Assert.InRange(t, new TimeSpan(8, 59, 0), new TimeSpan(9, 9, 0)));
        var chats = events.Where(e => e.Type == EventType.ContactArrived && e.QueueId == "chat-support").Select(e => Clock.ToLocal(e.At).Hour).ToList();
        Assert.NotEmpty(chats);
        Assert.All(chats, h => Assert.InRange(h, 12, 13));
        Assert.Contains(events, e => e.Type == EventType.ContactArrived && e.QueueId == "voice-support" && Clock.ToLocal(e.At).Hour < 8);
    }

    [Fact]
    public async Task TheHardFortnight_ReadsAsBurnoutRisk_TheFirstAgentAtAlert_TheOthersAtLeastWatch()
    {
        var yesterday = new DateOnly(2026, 12, 5);
        var strain = DemoStrainHistory.Generate([("agent-001", "voice-support"), ("agent-002", "chat-support")], yesterday, Clock, 11);
        var journal = new InMemoryEventJournal();
        await journal.AppendAsync(strain.Events, Ct);
        var now = Clock.StartOfDay(yesterday.AddDays(1)).AddHours(9);
        var history = new WellbeingHistory(journal, Clock);
        await history.RefreshAsync(Clock.StartOfDay(yesterday.AddDays(-27)), Ct);

        var levels = new List<BurnoutLevel>();
        foreach (var agent in new[] { "agent-001", "agent-002" })
        {
            var plans = strain.Plans.Where(p => p.Key.AgentId == agent).ToDictionary(p => p.Key.Day, p => p.Value);
            var incidents = strain.Incidents.Where(i => i.AgentId == agent).GroupBy(i => Clock.LocalDate(i.At)).ToDictionary(g => g.Key, g => g.Count());
            var days = WellbeingCalculator.Days(history.Changes(agent), plans, incidents, yesterday.AddDays(-27), yesterday.AddDays(1), Clock, now);
            var score = BurnoutRisk.Score(agent, days, yesterday.AddDays(1));
            Assert.True(score.Factors.Single(f => f.Code == "overtime").Points > 0, string.Join("; ", score.Factors.Select(f => $"{f.Code} {f.Points}: {f.Observed}")));
            Assert.True(score.Factors.Single(f => f.Code == "abuse").Points > 0);
            levels.Add(score.Level);
        }

        Assert.Equal(BurnoutLevel.Alert, levels[0]);
        Assert.NotEqual(BurnoutLevel.Low, levels[1]);
    }

    [Fact]
    public async Task OrdinaryRecentWeeks_AreConsistent_ReadAsLowRisk_AndGiveEachAgentAWeeklyTrend()
    {
        var center = DemoCenterGenerator.Generate(5, 24);
        var lastDay = new DateOnly(2026, 12, 6); // a Sunday: three whole weeks and this one
        var firstDay = new DateOnly(2026, 11, 9);
        var handle = DemoCenterGenerator.DemoQueues().ToDictionary(q => q.Profile.Id, q => q.MeanHandleSeconds);
        var agents = center.Agents.Select(a => (a.Id, a.Skills[0].QueueId, handle[a.Skills[0].QueueId])).ToList();
        var past = DemoRecentWeeks.Generate(agents, firstDay, lastDay, Clock, 9);

        // Every event is one the server's ledgers accept, in order.
        var ledgers = agents.ToDictionary(a => a.Id, _ => new AgentLedger());
        foreach (var e in past.Events.Where(e => e.AgentId is not null))
        {
            Assert.Empty(ledgers[e.AgentId!].Check([e]));
            Assert.True(ledgers[e.AgentId!].Apply(e, Clock), $"{e.Id} {e.Type} {e.State}");
        }

        // Five planned days a week each, two off in a row, and ids never repeat.
        Assert.All(agents, a => Assert.Equal(20, past.Plans.Keys.Count(k => k.AgentId == a.Id)));
        Assert.Equal(past.Events.Count, past.Events.Select(e => e.Id).Distinct().Count());

        // Ordinary days read as low risk: no overtime, no missed breaks.
        var journal = new InMemoryEventJournal();
        await journal.AppendAsync(past.Events, Ct);
        var history = new WellbeingHistory(journal, Clock);
        await history.RefreshAsync(Clock.StartOfDay(lastDay.AddDays(-27)), Ct);
        var now = Clock.StartOfDay(lastDay.AddDays(1)).AddHours(6);
        foreach (var (agent, _, _) in agents)
        {
            var plans = past.Plans.Where(p => p.Key.AgentId == agent).ToDictionary(p => p.Key.Day, p => p.Value);
            var days = WellbeingCalculator.Days(history.Changes(agent), plans, new Dictionary<DateOnly, int>(), lastDay.AddDays(-27), lastDay.AddDays(1), Clock, now);
            var score = BurnoutRisk.Score(agent, days, lastDay.AddDays(1));
            Assert.True(score.Level == BurnoutLevel.Low, $"{agent} {score.Score}: " + string.Join("; ", score.Factors.Where(f => f.Points > 0).Select(f => $"{f.Code} {f.Points}: {f.Observed}")));
            Assert.All(days.Where(d => d.Adherence is not null), d => Assert.True(d.Adherence >= 0.85, $"{agent} {d.Date} adherence {d.Adherence}"));
        }

        // Each agent handles contacts every week; some agents slow down week after week, the others hold their pace.
        var directory = new InMemoryDirectory(Clock, center.Teams, center.Queues.Select(q => q.Profile), center.Agents);
        var records = ContactRecords.From(past.Events, directory);
        var weekly = agents.ToDictionary(a => a.Id, a => Enumerable.Range(0, 4).Select(w => KpiCalculator.Compute(
            records.Where(r => r.AgentId == a.Id), Clock.StartOfDay(firstDay.AddDays(7 * w)), Clock.StartOfDay(firstDay.AddDays(7 * (w + 1))), Clock)).ToList());
        Assert.All(weekly, w => Assert.All(w.Value, k => Assert.InRange(k.Handled, 60, 600)));
        var rising = weekly.Where(w => w.Value[3].AverageHandleSeconds > w.Value[0].AverageHandleSeconds * 1.15).Select(w => w.Key).ToList();
        Assert.InRange(rising.Count, 1, agents.Count / 2);
    }
}
