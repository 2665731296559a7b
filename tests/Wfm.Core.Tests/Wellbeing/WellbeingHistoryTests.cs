using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Core.Time;
using Wfm.Core.Wellbeing;

namespace Wfm.Core.Tests.Wellbeing;

/// <summary>The burnout window's history kept up from the journal's tail gives what a full replay gives.</summary>
public sealed class WellbeingHistoryTests
{
    private static readonly CenterClock Clock = new(TimeZoneInfo.Utc, 15);
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly DateTimeOffset MondayStart = Clock.StartOfDay(Monday);

    /// <summary>A few agents' random days: log in, contacts with or without wrap-up, breaks, log out.</summary>
    private static List<ContactCenterEvent> RandomDays(int seed, int agents, int days)
    {
        var random = new Random(seed);
        var events = new List<ContactCenterEvent>();
        var n = 0;
        for (var d = 0; d < days; d++)
        {
            for (var a = 0; a < agents; a++)
            {
                var agent = $"agent-{a}";
                var t = MondayStart.AddDays(d).AddHours(7 + random.Next(4)).AddMinutes(random.Next(60));
                events.Add(State(agent, AgentState.Available, t));
                for (var c = random.Next(3, 25); c > 0; c--)
                {
                    var contact = $"c-{d}-{a}-{c}";
                    t = t.AddSeconds(random.Next(5, 600));
                    events.Add(new ContactCenterEvent { Id = $"e{++n}", Type = EventType.ContactAnswered, At = t, QueueId = "q", ContactId = contact, AgentId = agent });
                    t = t.AddSeconds(random.Next(30, 900));
                    var wrap = random.Next(2) == 0;
                    events.Add(new ContactCenterEvent { Id = $"e{++n}", Type = EventType.ContactEnded, At = t, QueueId = "q", ContactId = contact, AgentId = agent, WrapUp = wrap });
                    if (wrap)
                    {
                        t = t.AddSeconds(random.Next(10, 120));
                        events.Add(State(agent, AgentState.Available, t));
                    }

                    if (random.Next(8) == 0)
                    {
                        events.Add(State(agent, AgentState.Break, t = t.AddSeconds(1)));
                        events.Add(State(agent, AgentState.Available, t = t.AddMinutes(random.Next(5, 30))));
                    }
                }

                events.Add(State(agent, AgentState.Offline, t.AddMinutes(random.Next(1, 30))));
            }
        }

        return events.OrderBy(e => e.At).ToList();

        ContactCenterEvent State(string agent, AgentState state, DateTimeOffset at) =>
            new() { Id = $"e{++n}", Type = EventType.AgentStateChanged, At = at, AgentId = agent, State = state };
    }

    /// <summary>The agent logs in at 8:00 on Monday and handles contacts k0, k1, … from 9:00, one an hour, half an hour each.</summary>
    private static List<ContactCenterEvent> MondayContacts(string agent, int count)
    {
        var events = new List<ContactCenterEvent> { new() { Id = "s", Type = EventType.AgentStateChanged, At = MondayStart.AddHours(8), AgentId = agent, State = AgentState.Available } };
        for (var i = 0; i < count; i++)
        {
            events.Add(new() { Id = $"a{i}", Type = EventType.ContactAnswered, At = MondayStart.AddHours(9 + i), AgentId = agent, QueueId = "q", ContactId = $"k{i}" });
            events.Add(new() { Id = $"e{i}", Type = EventType.ContactEnded, At = MondayStart.AddHours(9.5 + i), AgentId = agent, QueueId = "q", ContactId = $"k{i}", WrapUp = false });
        }

        return events;
    }

    private static List<StateChange> FullReplay(IEnumerable<ContactCenterEvent> events, string agent, DateTimeOffset since)
    {
        var ledger = new AgentLedger();
        var changes = new List<StateChange>();
        foreach (var e in events.Where(e => e.AgentId == agent && e.At >= since))
        {
            if (ledger.Apply(e, Clock))
            {
                changes.Add(new StateChange(ledger.Since, ledger.State));
            }
        }

        return changes;
    }

    [Fact]
    public async Task RefreshedInSteps_GivesTheSameChangesAsOneFullReplay()
    {
        var events = RandomDays(seed: 7, agents: 5, days: 3);
        var journal = new InMemoryEventJournal();
        var history = new WellbeingHistory(journal, Clock);
        var random = new Random(3);
        for (var i = 0; i < events.Count;)
        {
            var take = Math.Min(events.Count - i, random.Next(1, 200));
            await journal.AppendAsync(events.GetRange(i, take), TestContext.Current.CancellationToken);
            i += take;
            await history.RefreshAsync(MondayStart, TestContext.Current.CancellationToken);
        }

        Assert.Equal(journal.Count, history.Through);
        for (var a = 0; a < 5; a++)
        {
            var expected = FullReplay(events, $"agent-{a}", MondayStart);
            Assert.True(expected.Count > 20, "the random days give each agent many changes");
            Assert.Equal(expected, history.Changes($"agent-{a}"));
        }

        Assert.Empty(history.Changes("nobody"));
    }

    [Fact]
    public async Task MoreEventsThanOnePage_AreAllRead()
    {
        var journal = new InMemoryEventJournal();
        var events = Enumerable.Range(0, WellbeingHistory.PageSize + 1234).Select(i => new ContactCenterEvent
        {
            Id = $"e{i}",
            Type = EventType.AgentStateChanged,
            At = MondayStart.AddSeconds(i),
            AgentId = "agent-0",
            State = i % 2 == 0 ? AgentState.Available : AgentState.Break,
        }).ToList();
        await journal.AppendAsync(events, TestContext.Current.CancellationToken);
        var history = new WellbeingHistory(journal, Clock);
        await history.RefreshAsync(MondayStart, TestContext.Current.CancellationToken);

        Assert.Equal(events.Count, history.Changes("agent-0").Count);
        Assert.Equal(events[^1].At, history.Changes("agent-0")[^1].At);
        Assert.Equal(events.Count, history.Through);
    }

    [Fact]
    public async Task WindowMovingOn_ForgetsTheOldDays_ButKeepsTheStateCarriedIn()
    {
        var journal = new InMemoryEventJournal();
        var history = new WellbeingHistory(journal, Clock);
        var tuesday = MondayStart.AddDays(1);
        await journal.AppendAsync(
        [
            new() { Id = "1", Type = EventType.AgentStateChanged, At = MondayStart.AddHours(9), AgentId = "a", State = AgentState.Available },
            new() { Id = "2", Type = EventType.ContactAnswered, At = MondayStart.AddHours(10), AgentId = "a", QueueId = "q", ContactId = "monday-contact" },
            new() { Id = "3", Type = EventType.ContactEnded, At = MondayStart.AddHours(10.5), AgentId = "a", QueueId = "q", ContactId = "monday-contact", WrapUp = false },
            new() { Id = "4", Type = EventType.ContactAnswered, At = tuesday.AddHours(1), AgentId = "a", QueueId = "q", ContactId = "tuesday-contact" },
            new() { Id = "5", Type = EventType.ContactEnded, At = tuesday.AddHours(2), AgentId = "a", QueueId = "q", ContactId = "tuesday-contact", WrapUp = false },
        ], TestContext.Current.CancellationToken);
        var answers = new Dictionary<string, SurveyAnswer> { ["monday-contact"] = new(Csat: 1), ["tuesday-contact"] = new(Csat: 5), ["unknown"] = new(Csat: 3) };

        await history.RefreshAsync(MondayStart, TestContext.Current.CancellationToken);
        Assert.Equal(5, history.Changes("a").Count);
        var csat = history.CsatByAgentDay(answers, Monday.AddDays(1));
        Assert.Equal(1, csat[("a", Monday)]);
        Assert.Equal(5, csat[("a", Monday.AddDays(1))]);
        Assert.Equal(2, csat.Count);

        await history.RefreshAsync(tuesday, TestContext.Current.CancellationToken);
        // Monday's changes are gone but the last (Available since 10:30) still says how Tuesday began.
        Assert.Equal([new StateChange(MondayStart.AddHours(10.5), AgentState.Available), new StateChange(tuesday.AddHours(1), AgentState.OnContact), new StateChange(tuesday.AddHours(2), AgentState.Available)],
            history.Changes("a"));
        csat = history.CsatByAgentDay(answers, Monday.AddDays(1));
        Assert.Equal(5, Assert.Single(csat).Value);
        Assert.Equal(1, history.EndedContacts);

        // A window moved back (the clock was set back) reads the journal again from its start.
        await history.RefreshAsync(MondayStart, TestContext.Current.CancellationToken);
        Assert.Equal(5, history.Changes("a").Count);
        Assert.Equal(2, history.CsatByAgentDay(answers, Monday.AddDays(1)).Count);
    }

    [Fact]
    public async Task CsatOfAnAgentsDay_IsTheAverageOfTheAnswersOnTheContactsTheyEnded_AnsweredLaterToo()
    {
        var journal = new InMemoryEventJournal();
        var history = new WellbeingHistory(journal, Clock);
        await journal.AppendAsync(MondayContacts("b", 3), TestContext.Current.CancellationToken);
        await history.RefreshAsync(MondayStart, TestContext.Current.CancellationToken);
        Assert.Empty(history.CsatByAgentDay(new Dictionary<string, SurveyAnswer>(), Monday));

        // The answers come after the contacts ended (and after the history read them); one has no CSAT.
        var answers = new Dictionary<string, SurveyAnswer> { ["k0"] = new(Csat: 2), ["k1"] = new(Csat: 5), ["k2"] = new(Nps: 9) };
        Assert.Equal(3.5, history.CsatByAgentDay(answers, Monday)[("b", Monday)]);
    }

    [Fact]
    public async Task ContactsEnds_AreKeptWhileAnAnswerCanCome_AndAnswersOnceCountedStay()
    {
        var journal = new InMemoryEventJournal();
        var history = new WellbeingHistory(journal, Clock, answerDays: 3);
        await journal.AppendAsync(MondayContacts("b", 4), TestContext.Current.CancellationToken);
        await history.RefreshAsync(MondayStart, TestContext.Current.CancellationToken);
        Assert.Equal(4, history.EndedContacts);

        // Wednesday: k0 answered (within three days of Monday) counts; nothing is let go yet.
        var answers = new Dictionary<string, SurveyAnswer> { ["k0"] = new(Csat: 4) };
        Assert.Equal(4, history.CsatByAgentDay(answers, Monday.AddDays(2))[("b", Monday)]);
        Assert.Equal(4, history.EndedContacts);

        // Friday: Monday's unanswered ends are let go; k0's answer, counted before, still counts.
        Assert.Equal(4, history.CsatByAgentDay(answers, Monday.AddDays(4))[("b", Monday)]);
        Assert.Equal(1, history.EndedContacts);

        // An answer that comes after that is not put on Monday (nothing is left to say whose contact it was).
        answers["k1"] = new(Csat: 1);
        Assert.Equal(4, history.CsatByAgentDay(answers, Monday.AddDays(5))[("b", Monday)]);
        Assert.Equal(1, history.EndedContacts);
    }

    [Fact]
    public async Task AFirstReadKnowingTodayAndTheAnswers_KeepsOnlyEndsThatCanStillCount()
    {
        var journal = new InMemoryEventJournal();
        var history = new WellbeingHistory(journal, Clock, answerDays: 3);
        await journal.AppendAsync(MondayContacts("b", 4), TestContext.Current.CancellationToken);
        var answers = new Dictionary<string, SurveyAnswer> { ["k2"] = new(Csat: 3), ["k3"] = new(Nps: 8) };

        // Read on Saturday: of Monday's four contacts only k2 (answered with a CSAT) is kept; k3's answer has none.
        await history.RefreshAsync(MondayStart, Monday.AddDays(5), answers, TestContext.Current.CancellationToken);
        Assert.Equal(1, history.EndedContacts);
        Assert.Equal(3, history.CsatByAgentDay(answers, Monday.AddDays(5))[("b", Monday)]);

        // Read on Wednesday instead: all four can still be answered.
        var again = new WellbeingHistory(journal, Clock, answerDays: 3);
        await again.RefreshAsync(MondayStart, Monday.AddDays(2), answers, TestContext.Current.CancellationToken);
        Assert.Equal(4, again.EndedContacts);
    }

    [Fact]
    public async Task AWindowYearsOn_StartsOverWithANewEpoch_AndKeepsExactSeconds()
    {
        var journal = new InMemoryEventJournal();
        var history = new WellbeingHistory(journal, Clock);
        var later = MondayStart.AddYears(9);
        await journal.AppendAsync(
            [new() { Id = "1", Type = EventType.AgentStateChanged, At = MondayStart.AddHours(9), AgentId = "a", State = AgentState.Available }],
            TestContext.Current.CancellationToken);
        await history.RefreshAsync(MondayStart, TestContext.Current.CancellationToken);
        Assert.Single(history.Changes("a"));

        await journal.AppendAsync(
        [
            new() { Id = "2", Type = EventType.AgentStateChanged, At = later.AddHours(9).AddSeconds(17), AgentId = "a", State = AgentState.Available },
            new() { Id = "3", Type = EventType.AgentStateChanged, At = later.AddHours(10), AgentId = "a", State = AgentState.Lunch },
        ], TestContext.Current.CancellationToken);

        // Nine years on, seconds from the first epoch no longer fit a kept change: the history starts over.
        await history.RefreshAsync(later, TestContext.Current.CancellationToken);
        Assert.Equal([new StateChange(later.AddHours(9).AddSeconds(17), AgentState.Available), new StateChange(later.AddHours(10), AgentState.Lunch)], history.Changes("a"));
    }
}
