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
