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

    /// <summary>A state a supervisor asked for while the agent was on a contact: it starts when the contact ends.</summary>
    public AgentState? Requested { get; set; }

    /// <summary>How long the requested state lasts once it starts.</summary>
    public int? RequestedMinutes { get; set; }

    /// <summary>When the supervisor-set state the agent is in now is meant to end (null when the state is the agent's own).</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>
    /// The state an event moves the agent into, given the state they are in and a state requested for the end of the
    /// contact: a contact ending (to wrap-up or straight to Available) starts the requested state instead; a supervisor's
    /// request made during a contact leaves the agent on it.
    /// </summary>
    public static AgentState Target(ContactCenterEvent e, AgentState state, AgentState? requested) => e.Type switch
    {
        EventType.ContactAnswered => AgentState.OnContact,
        EventType.ContactEnded => requested ?? (e.WrapUp == false ? AgentState.Available : AgentState.AfterContactWork),
        EventType.StateRequested => state == AgentState.OnContact ? state : e.State!.Value,
        EventType.AgentStateChanged when state == AgentState.OnContact && requested is { } r && e.State is AgentState.Available or AgentState.AfterContactWork => r,
        _ => e.State ?? AgentState.Offline,
    };

    /// <summary>Checks a sequence of events against the current state without changing it.</summary>
    public IEnumerable<(int Position, string Message)> Check(IReadOnlyList<ContactCenterEvent> events)
    {
        var state = State;
        var contact = ContactId;
        var requested = Requested;
        for (var i = 0; i < events.Count; i++)
        {
            var error = Explain(events[i], state, contact, requested);
            if (error is not null)
            {
                yield return (i, error);
                continue;
            }

            (state, requested) = (Target(events[i], state, requested), NextRequested(events[i], state, requested));
            contact = state == AgentState.OnContact ? events[i].ContactId ?? contact : null;
        }
    }

    /// <summary>The requested state after an event: set by a request during a contact, gone once the contact is left.</summary>
    private static AgentState? NextRequested(ContactCenterEvent e, AgentState state, AgentState? requested) =>
        e.Type == EventType.StateRequested && state == AgentState.OnContact ? e.State
        : Target(e, state, requested) == AgentState.OnContact ? requested
        : null;

    private static string? Explain(ContactCenterEvent e, AgentState state, string? contact, AgentState? requested)
    {
        if (e.Type == EventType.ContactEnded && contact != e.ContactId)
        {
            return contact is null
                ? $"agent '{e.AgentId}' is {state} and has no contact to end"
                : $"agent '{e.AgentId}' is on contact '{contact}', not '{e.ContactId}'";
        }

        if (e.Type == EventType.StateRequested)
        {
            if (state == AgentState.Offline)
            {
                return $"agent '{e.AgentId}' is offline: {e.State} can only start for an agent who is signed in";
            }

            if (state == e.State)
            {
                return $"agent '{e.AgentId}' is already on {e.State}";
            }

            if (state == AgentState.OnContact)
            {
                return requested == e.State ? $"agent '{e.AgentId}' already has {e.State} coming when the contact ends" : null;
            }
        }

        // The move the event itself makes: a requested state taking the place of wrap-up is always allowed.
        var explanation = AgentStateMachine.Explain(state, e.Type == EventType.StateRequested ? e.State!.Value : Target(e, state, null));
        return explanation is null ? null : $"agent '{e.AgentId}': {explanation}";
    }

    /// <summary>Applies one accepted event; returns false (and changes nothing) if it does not fit the state.</summary>
    public bool Apply(ContactCenterEvent e, CenterClock clock)
    {
        if (e.Type is EventType.ContactArrived or EventType.ContactAbandoned || Explain(e, State, ContactId, Requested) is not null)
        {
            return false;
        }

        var at = e.At < Since ? Since : e.At; // late events never run time backwards
        RollOver(clock.LocalDate(at), clock);
        var target = Target(e, State, Requested);
        if (e.Type == EventType.StateRequested && target == State)
        {
            // Asked for during a contact: it starts when the contact ends.
            Requested = e.State;
            RequestedMinutes = e.Minutes;
            return true;
        }

        Today.Add(State, (at - Since).TotalSeconds);
        if (e.Type == EventType.ContactEnded && clock.LocalDate(e.At) >= Day) // a late end of an earlier day's contact counts on that day

        {
            Today.Handled++;
        }

        var starting = e.Type == EventType.StateRequested ? e.Minutes : Requested is { } r && target == r && State == AgentState.OnContact ? RequestedMinutes : null;
        Until = starting is { } minutes ? at.AddMinutes(minutes) : null;
        if (target != AgentState.OnContact)
        {
            Requested = null;
            RequestedMinutes = null;
        }

        State = target;
        Since = at;
        ContactId = State == AgentState.OnContact ? e.ContactId ?? ContactId : null;
        ContactQueueId = State == AgentState.OnContact ? e.QueueId ?? ContactQueueId : null;
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
