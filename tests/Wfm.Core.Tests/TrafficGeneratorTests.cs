using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Time;
using Wfm.Simulation;

namespace Wfm.Core.Tests;

public sealed class TrafficGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero); // 11:00 Istanbul

    [Fact]
    public void SameSeed_GivesTheSameStream()
    {
        var center = DemoCenterGenerator.Generate(7, 40);
        var clock = CenterClock.For(center.TimeZone, 15);
        var a = new TrafficGenerator(center, clock, 7, Start).Advance(Start.AddMinutes(30));
        var b = new TrafficGenerator(DemoCenterGenerator.Generate(7, 40), clock, 7, Start).Advance(Start.AddMinutes(30));
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void DemoCenter_HasThreeChannelsFourTeamsAndThreeLocales()
    {
        var center = DemoCenterGenerator.Generate(agentCount: 64);
        Assert.True(center.Queues.Select(q => q.Profile.Channel).Distinct().Count() >= 3);
        Assert.Equal(4, center.Teams.Count);
        Assert.Equal(64, center.Agents.Count);
        Assert.Equal(["en", "fa", "tr"], center.Agents.Select(a => a.Locale).Distinct().Order());
        Assert.All(center.Agents, a => Assert.NotEmpty(a.Skills));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the demo restarts right after the requests (one break running, one waiting for the contact to end): the generator resumes from the server's ledgers
    public void SupervisorsRequest_IsHonouredForItsFullLength_AndTheStreamStaysConsistentWithTheServer(bool restart)
    {
        var center = DemoCenterGenerator.Generate(11, 48);
        var clock = CenterClock.For(center.TimeZone, 15);
        var generator = new TrafficGenerator(center, clock, 11, Start);
        var ledgers = center.Agents.ToDictionary(a => a.Id, _ => new AgentLedger());
        void Feed(IEnumerable<ContactCenterEvent> events)
        {
            foreach (var e in events.Where(e => e.AgentId is not null))
            {
                Assert.Empty(ledgers[e.AgentId!].Check([e]));
                Assert.True(ledgers[e.AgentId!].Apply(e, clock));
            }
        }

        // Run until some agent is on a contact and another is available (demo hours: both happen within the first hours).
        var now = Start;
        string? onContact = null, available = null;
        while ((onContact is null || available is null) && now < Start.AddHours(12))
        {
            now = now.AddSeconds(15);
            Feed(generator.Advance(now));
            onContact = ledgers.FirstOrDefault(l => l.Value.State == AgentState.OnContact).Key;
            available = ledgers.FirstOrDefault(l => l.Value.State == AgentState.Available).Key;
        }

        Assert.NotNull(onContact);
        Assert.NotNull(available);

        // The server accepts both requests (as its ledger does), then the generator is told.
        foreach (var agent in new[] { onContact, available })
        {
            var request = new ContactCenterEvent { Id = $"req-{agent}", Type = EventType.StateRequested, At = now, AgentId = agent, State = AgentState.RecoveryBreak, Minutes = 15 };
            Feed([request]);
            generator.Request(agent, AgentState.RecoveryBreak, 15);
        }

        Assert.Equal(AgentState.RecoveryBreak, ledgers[available].State);
        Assert.Equal(AgentState.RecoveryBreak, ledgers[onContact].Requested);

        // Every event after that fits the server's ledgers; each break runs its 15 minutes (the available agent's from now,
        // the other's from the end of the contact) and the agents then follow their plan again.
        var breakStarts = new Dictionary<string, DateTimeOffset> { [available] = now };
        var breakEnds = new Dictionary<string, DateTimeOffset>();
        var until = now.AddMinutes(45);
        var restartAt = restart ? now.AddSeconds(10) : (DateTimeOffset?)null;
        while (now < until)
        {
            now = now.AddSeconds(10);
            if (now >= restartAt)
            {
                restartAt = null;
                var starts = ledgers.ToDictionary(l => l.Key, l => new AgentStart(l.Value.State, l.Value.ContactId, l.Value.ContactQueueId, l.Value.Until, l.Value.Requested, l.Value.RequestedMinutes));
                Assert.Equal(AgentState.OnContact, starts[onContact].State); // still on the contact: its break is yet to come
                generator = new TrafficGenerator(center, clock, 12, now, starts);
            }

            var events = generator.Advance(now);
            foreach (var e in events.Where(e => e.AgentId is not null))
            {
                var ledger = ledgers[e.AgentId!];
                var before = ledger.State;
                Assert.Empty(ledger.Check([e]));
                Assert.True(ledger.Apply(e, clock));
                if (before != AgentState.RecoveryBreak && ledger.State == AgentState.RecoveryBreak)
                {
                    breakStarts[e.AgentId!] = e.At;
                }
                else if (before == AgentState.RecoveryBreak && ledger.State != AgentState.RecoveryBreak)
                {
                    breakEnds.TryAdd(e.AgentId!, e.At);
                }
            }
        }

        foreach (var agent in new[] { onContact, available })
        {
            Assert.True(breakStarts.ContainsKey(agent), $"{agent}'s break never started");
            Assert.True(breakEnds.ContainsKey(agent), $"{agent}'s break never ended");
            Assert.InRange((breakEnds[agent] - breakStarts[agent]).TotalMinutes, 15, 15.01);
        }
    }

    [Fact]
    public void Stream_IsConsistentWithTheAgentStateMachine()
    {
        var center = DemoCenterGenerator.Generate(11, 48);
        var clock = CenterClock.For(center.TimeZone, 15);
        var events = new TrafficGenerator(center, clock, 11, Start).Advance(Start.AddHours(3));
        var ledgers = center.Agents.ToDictionary(a => a.Id, _ => new AgentLedger());
        var contacts = new Dictionary<string, string>(); // contact → queue
        foreach (var e in events)
        {
            Assert.True(e.At >= Start && e.At <= Start.AddHours(3));
            if (e.AgentId is not null)
            {
                var ledger = ledgers[e.AgentId];
                Assert.Empty(ledger.Check([e]));
                Assert.True(ledger.Apply(e, clock));
            }

            if (e.Type == EventType.ContactArrived)
            {
                contacts.Add(e.ContactId!, e.QueueId!);
            }
            else if (e.ContactId is not null)
            {
                Assert.Equal(contacts[e.ContactId], e.QueueId);
            }
        }

        Assert.True(events.Count(e => e.Type == EventType.ContactArrived) > 100);
        Assert.Contains(events, e => e.Type == EventType.ContactEnded);
        Assert.Contains(events, e => e.State == AgentState.Break);
    }
}
