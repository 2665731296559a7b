using System.Text.Json.Serialization;
using Wfm.Core.Events;
using Wfm.Core.Time;

namespace Wfm.Core.Agents;

/// <summary>
/// An agent's live day: current state and since when, the contact in hand, today's totals and today's
/// timeline of state changes (for adherence). Pure and serialisable; the AgentGrain keeps one as its state.
/// </summary>
public sealed class AgentLedger
{
    public DateOnly Day { get; set; }
    public long LastSequence { get; set; }
    public AgentState State { get; set; } = AgentState.Offline;
    public DateTimeOffset Since { get; set; }
    public string? ContactId { get; set; }
    public string? ContactQueueId { get; set; }
    public AgentTotals Today { get; set; } = new();
    [JsonConverter(typeof(TimelineJson))]
    public List<StateChange> Timeline { get; set; } = [];

    /// <summary>The state an event moves the agent into.</summary>
    public static AgentState Target(ContactCenterEvent e) => e.Type switch
    {
        EventType.ContactAnswered => AgentState.OnContact,
        EventType.ContactEnded => e.WrapUp == false ? AgentState.Available : AgentState.AfterContactWork,
        _ => e.State ?? AgentState.Offline,
    };

    /// <summary>Checks a sequence of events against the current state without changing it.</summary>
    public IEnumerable<(int Position, string Message)> Check(IReadOnlyList<ContactCenterEvent> events)
    {
        var state = State;
        var contact = ContactId;
        for (var i = 0; i < events.Count; i++)
        {
            var error = Explain(events[i], state, contact);
            if (error is not null)
            {
                yield return (i, error);
                continue;
            }

            state = Target(events[i]);
            contact = state == AgentState.OnContact ? events[i].ContactId : null;
        }
    }

    private static string? Explain(ContactCenterEvent e, AgentState state, string? contact)
    {
        if (e.Type == EventType.ContactEnded && contact != e.ContactId)
        {
            return contact is null
                ? $"agent '{e.AgentId}' is {state} and has no contact to end"
                : $"agent '{e.AgentId}' is on contact '{contact}', not '{e.ContactId}'";
        }

        var explanation = AgentStateMachine.Explain(state, Target(e));
        return explanation is null ? null : $"agent '{e.AgentId}': {explanation}";
    }

    /// <summary>Applies one accepted event; returns false (and changes nothing) if it does not fit the state.</summary>
    public bool Apply(ContactCenterEvent e, CenterClock clock)
    {
        if (e.Type is EventType.ContactArrived or EventType.ContactAbandoned || Explain(e, State, ContactId) is not null)
        {
            return false;
        }

        var at = e.At < Since ? Since : e.At; // late events never run time backwards
        RollOver(clock.LocalDate(at), clock);
        Today.Add(State, (at - Since).TotalSeconds);
        if (e.Type == EventType.ContactEnded && clock.LocalDate(e.At) >= Day) // a late end of an earlier day's contact counts on that day

        {
            Today.Handled++;
        }

        State = Target(e);
        Since = at;
        ContactId = State == AgentState.OnContact ? e.ContactId : null;
        ContactQueueId = State == AgentState.OnContact ? e.QueueId : null;
        Timeline.Add(new StateChange(at, State));
        return true;
    }

    /// <summary>A new local day: totals start at zero and the timeline starts at midnight in the state carried over.</summary>
    public void RollOver(DateOnly day, CenterClock clock)
    {
        if (day <= Day)
        {
            return;
        }

        var midnight = clock.StartOfDay(day);
        if (Since < midnight)
        {
            Since = midnight;
        }

        Day = day;
        Today = new AgentTotals();
        Timeline = [new StateChange(Since, State)];
    }

    /// <summary>Today's totals including the time spent so far in the current state.</summary>
    public AgentTotals TotalsAt(DateTimeOffset now)
    {
        var totals = Today.Copy();
        if (now > Since && Since != default)
        {
            totals.Add(State, (now - Since).TotalSeconds);
        }

        return totals;
    }
}
