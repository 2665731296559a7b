using System.Text.Json.Serialization;
using System.Text.Json;
using Wfm.Core.Agents;
using Wfm.Core.Events;
using static Wfm.Core.Tests.TestData;

namespace Wfm.Core.Tests;

public sealed class AgentLedgerTests
{
    public static TheoryData<AgentState, AgentState> AllowedMoves()
    {
        var data = new TheoryData<AgentState, AgentState>();
        foreach (var from in Enum.GetValues<AgentState>())
        {
            foreach (var to in Enum.GetValues<AgentState>())
            {
                if (AgentStateMachine.CanMove(from, to))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void EveryAllowedMove_IsAcceptedByTheLedger(AgentState from, AgentState to)
    {
        var ledger = LedgerIn(from);
        var e = to == AgentState.OnContact
            ? Contact(EventType.ContactAnswered, "c9", NineAm.AddMinutes(5), "a1")
            : State(to, NineAm.AddMinutes(5));
        if (from == AgentState.OnContact && to == AgentState.AfterContactWork)
        {
            e = Contact(EventType.ContactEnded, "c1", NineAm.AddMinutes(5), "a1");
        }
        else if (from == AgentState.OnContact && to == AgentState.Available)
        {
            e = Contact(EventType.ContactEnded, "c1", NineAm.AddMinutes(5), "a1") with { WrapUp = false };
        }

        Assert.Empty(ledger.Check([e]));
        Assert.True(ledger.Apply(e, Istanbul));
        Assert.Equal(to, ledger.State);
    }

    [Theory]
    [InlineData(AgentState.Offline, AgentState.Break)]
    [InlineData(AgentState.Offline, AgentState.AfterContactWork)]
    [InlineData(AgentState.OnContact, AgentState.Offline)]
    [InlineData(AgentState.OnContact, AgentState.Break)]
    [InlineData(AgentState.Break, AgentState.AfterContactWork)]
    [InlineData(AgentState.Available, AgentState.Available)]
    public void ForbiddenMove_IsRefusedNamingCurrentAndRequestedState(AgentState from, AgentState to)
    {
        var ledger = LedgerIn(from);
        var e = State(to, NineAm.AddMinutes(5));

        var refusal = Assert.Single(ledger.Check([e]));
        Assert.Contains(from.ToString(), refusal.Message);
        Assert.Contains(from == to ? "already" : to.ToString(), refusal.Message);
        Assert.False(ledger.Apply(e, Istanbul));
        Assert.Equal(from, ledger.State);
    }

    [Fact]
    public void Totals_CountTalkWrapUpAvailableAndOccupancy()
    {
        var ledger = new AgentLedger();
        Apply(ledger,
            State(AgentState.Available, NineAm),
            Contact(EventType.ContactAnswered, "c1", NineAm.AddSeconds(60), "a1"),
            Contact(EventType.ContactEnded, "c1", NineAm.AddSeconds(240), "a1"),
            State(AgentState.Available, NineAm.AddSeconds(300)),
            State(AgentState.Break, NineAm.AddSeconds(420)));

        var totals = ledger.TotalsAt(NineAm.AddSeconds(600));
        Assert.Equal(1, totals.Handled);
        Assert.Equal(180, totals.TalkSeconds);
        Assert.Equal(60, totals.AfterContactWorkSeconds);
        Assert.Equal(180, totals.AvailableSeconds); // 60 + 120
        Assert.Equal(180, totals.AuxSeconds);       // break so far
        Assert.Equal(240.0 / 420, totals.Occupancy!.Value, 10);
    }

    [Fact]
    public void EndingAnotherAgentsContact_IsRefused()
    {
        var ledger = new AgentLedger();
        Apply(ledger, State(AgentState.Available, NineAm), Contact(EventType.ContactAnswered, "c1", NineAm.AddSeconds(5), "a1"));
        var refusal = Assert.Single(ledger.Check([Contact(EventType.ContactEnded, "c2", NineAm.AddSeconds(9), "a1")]));
        Assert.Contains("'c1', not 'c2'", refusal.Message);
    }

    private static ContactCenterEvent Request(AgentState state, DateTimeOffset at, int minutes = 15) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Type = EventType.StateRequested, At = at, AgentId = "a1", State = state, Minutes = minutes,
    };

    [Fact]
    public void RecoveryBreak_AskedForDuringAContact_StartsWhenTheContactEnds_AndRunsItsMinutes()
    {
        var ledger = LedgerIn(AgentState.OnContact);
        var asked = Request(AgentState.RecoveryBreak, NineAm.AddMinutes(3));
        Assert.Empty(ledger.Check([asked]));
        Assert.True(ledger.Apply(asked, Istanbul));

        // Still on the contact, with the break coming; the timeline has no change yet.
        Assert.Equal((AgentState.OnContact, AgentState.RecoveryBreak, 15), (ledger.State, ledger.Requested!.Value, ledger.RequestedMinutes!.Value));
        Assert.DoesNotContain(ledger.Timeline, c => c.State == AgentState.RecoveryBreak);
        var again = Assert.Single(ledger.Check([Request(AgentState.RecoveryBreak, NineAm.AddMinutes(4))]));
        Assert.Contains("already has RecoveryBreak coming", again.Message);

        // The contact ends (the ACD would go to wrap-up): the break starts instead, for its full length.
        var ended = Contact(EventType.ContactEnded, "c1", NineAm.AddMinutes(6), "a1");
        Assert.Empty(ledger.Check([ended]));
        Assert.True(ledger.Apply(ended, Istanbul));
        Assert.Equal(AgentState.RecoveryBreak, ledger.State);
        Assert.Equal(NineAm.AddMinutes(21), ledger.Until);
        Assert.Null(ledger.Requested);
        Assert.Equal(1, ledger.TotalsAt(NineAm.AddMinutes(7)).Handled);

        // Back to work: the supervisor's end time no longer applies.
        Assert.True(ledger.Apply(State(AgentState.Available, NineAm.AddMinutes(21)), Istanbul));
        Assert.Null(ledger.Until);
    }

    [Fact]
    public void Request_ForAnAgentNotOnAContact_StartsAtOnce_AndForAnOfflineAgentIsRefusedInPlainWords()
    {
        var available = LedgerIn(AgentState.Available);
        Assert.True(available.Apply(Request(AgentState.RecoveryBreak, NineAm.AddMinutes(2), 20), Istanbul));
        Assert.Equal((AgentState.RecoveryBreak, NineAm.AddMinutes(22)), (available.State, available.Until!.Value));

        var wrapping = LedgerIn(AgentState.AfterContactWork);
        Assert.True(wrapping.Apply(Request(AgentState.Meeting, NineAm.AddMinutes(3), 30), Istanbul));
        Assert.Equal(AgentState.Meeting, wrapping.State);

        var offline = new AgentLedger();
        var refusal = Assert.Single(offline.Check([Request(AgentState.RecoveryBreak, NineAm)]));
        Assert.Contains("is offline", refusal.Message);
        Assert.Contains("signed in", refusal.Message);
        Assert.False(offline.Apply(Request(AgentState.RecoveryBreak, NineAm), Istanbul));
        Assert.Equal(AgentState.Offline, offline.State);
    }

    [Fact]
    public void ARequestedState_IsDroppedWhenTheAgentLeavesTheContactAnotherWay()
    {
        var ledger = LedgerIn(AgentState.OnContact);
        Assert.True(ledger.Apply(Request(AgentState.RecoveryBreak, NineAm.AddMinutes(2)), Istanbul));

        // A contact released straight to Available by the ACD still starts the break.
        var released = Contact(EventType.ContactEnded, "c1", NineAm.AddMinutes(4), "a1") with { WrapUp = false };
        Assert.True(ledger.Apply(released, Istanbul));
        Assert.Equal(AgentState.RecoveryBreak, ledger.State);

        // A check over a sequence sees the request's effect on the events after it.
        var other = LedgerIn(AgentState.OnContact);
        Assert.Empty(other.Check([Request(AgentState.RecoveryBreak, NineAm.AddMinutes(2)), Contact(EventType.ContactEnded, "c1", NineAm.AddMinutes(3), "a1"),
            State(AgentState.Available, NineAm.AddMinutes(20))]));
        var refused = Assert.Single(other.Check([Request(AgentState.RecoveryBreak, NineAm.AddMinutes(2)), Contact(EventType.ContactEnded, "c1", NineAm.AddMinutes(3), "a1"),
            Contact(EventType.ContactAnswered, "c2", NineAm.AddMinutes(4), "a1")]));
        Assert.Contains("RecoveryBreak to OnContact", refused.Message);
    }

    private static AgentLedger LedgerIn(AgentState state)
    {
        var ledger = new AgentLedger();
        switch (state)
        {
            case AgentState.Offline:
                break;
            case AgentState.OnContact:
                Apply(ledger, State(AgentState.Available, NineAm), Contact(EventType.ContactAnswered, "c1", NineAm.AddMinutes(1), "a1"));
                break;
            case AgentState.AfterContactWork:
                Apply(ledger, State(AgentState.Available, NineAm), Contact(EventType.ContactAnswered, "c1", NineAm.AddMinutes(1), "a1"),
                    Contact(EventType.ContactEnded, "c1", NineAm.AddMinutes(2), "a1"));
                break;
            case AgentState.Available:
                Apply(ledger, State(AgentState.Available, NineAm));
                break;
            default:
                Apply(ledger, State(AgentState.Available, NineAm), State(state, NineAm.AddMinutes(1)));
                break;
        }

        Assert.Equal(state, ledger.State);
        return ledger;
    }

    private static void Apply(AgentLedger ledger, params ContactCenterEvent[] events)
    {
        foreach (var e in events)
        {
            Assert.True(ledger.Apply(e, Istanbul), $"{e.Type} {e.State} should apply from {ledger.State}");
        }
    }
}

/// <summary>How an agent's saved state holds its timeline.</summary>
public sealed class TimelineJsonTests
{
    private static readonly JsonSerializerOptions ObjectTimeline = new() { Converters = { new TimelineJson() } };

    private static readonly JsonSerializerOptions Store = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    [Fact]
    public void SavedLedger_KeepsEveryChange_InAFractionOfTheSpace_AndOldSavesStillRead()
    {
        var random = new Random(3);
        var ledger = new AgentLedger { Day = new DateOnly(2026, 12, 1), State = AgentState.Available };
        var at = new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(3));
        var states = Enum.GetValues<AgentState>();
        for (var i = 0; i < 500; i++)
        {
            at = at.AddTicks(random.Next(0, 3) == 0 ? 0 : random.NextInt64(1, TimeSpan.TicksPerHour));
            ledger.Timeline.Add(new StateChange(at, states[random.Next(states.Length)]));
        }

        var json = JsonSerializer.Serialize(ledger, Store);
        var back = JsonSerializer.Deserialize<AgentLedger>(json, Store)!;

        Assert.Equal(ledger.Timeline, back.Timeline); // the same instants and states
        Assert.All(back.Timeline, c => Assert.Equal(TimeSpan.Zero, c.At.Offset));
        var asObjects = JsonSerializer.Serialize(ledger.Timeline, Store);
        Assert.True(json.Length * 5 < asObjects.Length, $"{json.Length} characters against {asObjects.Length} as objects");

        // A state saved before the compact form: the timeline as an array of objects.
        var old = json.Replace(JsonSerializer.Serialize(ledger.Timeline, ObjectTimeline), asObjects, StringComparison.Ordinal);
        Assert.Contains("\"timeline\":[{", old);
        Assert.Equal(ledger.Timeline, JsonSerializer.Deserialize<AgentLedger>(old, Store)!.Timeline);
    }

    [Theory]
    [InlineData("\"x1:AAAA\"")]
    [InlineData("\"t1:gA==\"")] // a change cut off inside its time
    [InlineData("\"t1:AGM=\"")] // state 99
    public void DamagedTimeline_IsRefused(string timeline)
    {
        var json = $"{{\"day\":\"2026-12-01\",\"state\":\"Available\",\"timeline\":{timeline}}}";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AgentLedger>(json, Store));
    }
}
