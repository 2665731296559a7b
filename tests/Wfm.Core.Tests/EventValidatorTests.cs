using Wfm.Core.Agents;
using Wfm.Core.Events;
using static Wfm.Core.Tests.TestData;

namespace Wfm.Core.Tests;

public sealed class EventValidatorTests
{
    [Fact]
    public void BadEvents_AreNamedByIndexAndField()
    {
        ContactCenterEvent?[] batch =
        [
            Contact(EventType.ContactArrived, "c1", NineAm),
            Contact(EventType.ContactArrived, "c2", NineAm) with { QueueId = "nope" },
            State(AgentState.Break, NineAm, agent: "ghost"),
            State(AgentState.Available, NineAm) with { Id = "" },
            null,
            Contact(EventType.ContactAnswered, "c1", NineAm.AddDays(2), "a1"),
        ];

        var errors = EventValidator.Validate(batch, NewDirectory(), NineAm);

        Assert.Contains(errors, e => e is { Index: 1, Field: "queueId" } && e.Message.Contains("'nope' is unknown"));
        Assert.Contains(errors, e => e is { Index: 2, Field: "agentId" } && e.Message.Contains("'ghost' is unknown"));
        Assert.Contains(errors, e => e is { Index: 3, Field: "id" });
        Assert.Contains(errors, e => e.Index == 4);
        Assert.Contains(errors, e => e is { Index: 5, Field: "at" } && e.Message.Contains("future"));
        Assert.DoesNotContain(errors, e => e.Index == 0);
    }

    [Fact]
    public void OneIdTwiceInABatch_IsRefused_NamingBothPositions_EvenWhenTheEventsDiffer()
    {
        var arrived = Contact(EventType.ContactArrived, "c1", NineAm);
        ContactCenterEvent?[] batch = [arrived, State(AgentState.Available, NineAm), State(AgentState.Break, NineAm.AddMinutes(1)) with { Id = arrived.Id }];

        var error = Assert.Single(EventValidator.Validate(batch, NewDirectory(), NineAm));

        Assert.Equal((2, "id"), (error.Index, error.Field));
        Assert.Contains("events[0]", error.Message);
    }

    [Fact]
    public void OnContactSetDirectly_IsRefused()
    {
        var errors = EventValidator.Validate([State(AgentState.OnContact, NineAm)], NewDirectory(), NineAm);
        Assert.Equal("state", Assert.Single(errors).Field);
    }

    [Fact]
    public void AnEventOlderThanEventsMayArrive_IsRefused_NamingTheLimit_AndTheYearOne_Too()
    {
        ContactCenterEvent?[] batch =
        [
            Contact(EventType.ContactArrived, "c1", NineAm.AddDays(-2)),
            Contact(EventType.ContactArrived, "c2", NineAm.AddDays(-4)),
            Contact(EventType.ContactArrived, "c3", new DateTimeOffset(1, 1, 1, 0, 0, 1, TimeSpan.Zero)),
        ];

        var errors = EventValidator.Validate(batch, NewDirectory(), NineAm);
        Assert.DoesNotContain(errors, e => e.Index == 0);
        Assert.Contains(errors, e => e is { Index: 1, Field: "at" } && e.Message.Contains("at most 3 days"));
        Assert.Contains(errors, e => e is { Index: 2, Field: "at" } && e.Message.Contains("older than events may arrive"));

        // A center that takes late events for a day only refuses the one of two days ago.
        var strict = EventValidator.Validate(batch[..1], NewDirectory(), NineAm, TimeSpan.FromDays(1));
        Assert.Contains(strict, e => e is { Index: 0, Field: "at" } && e.Message.Contains("at most 1 day "));
    }
}
