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
