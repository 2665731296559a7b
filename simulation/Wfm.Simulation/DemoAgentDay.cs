using Wfm.Core.Agents;
using Wfm.Core.Events;

namespace Wfm.Simulation;

/// <summary>
/// One agent's day in the demo's past as journal events: state changes, and contacts handled one after another (arrived,
/// answered, ended into wrap-up, available again). Ids come from the day's prefix, so a day's events are always the same.
/// </summary>
internal sealed class DemoAgentDay(List<ContactCenterEvent> events, string prefix, string agentId, string queueId)
{
    private int _id;
    private int _contacts;

    public void State(DateTimeOffset at, AgentState state) => Add(at, EventType.AgentStateChanged, state);

    /// <summary>
    /// Contacts from <paramref name="from"/> on while the next one (handle and wrap-up from <paramref name="size"/>) ends
    /// before <paramref name="until"/>; each waited <paramref name="waited"/> seconds in the queue and is followed by
    /// <paramref name="gap"/> seconds available. Returns when the agent is free: after the last contact, and its gap.
    /// </summary>
    public DateTimeOffset Contacts(DateTimeOffset from, DateTimeOffset until, Func<(int Handle, int Wrap)> size, Func<int> waited, Func<int> gap)
    {
        var at = from;
        while (true)
        {
            var (handle, wrap) = size();
            if (at.AddSeconds(handle + wrap) >= until)
            {
                return at;
            }

            var contact = $"{prefix}-c{++_contacts}";
            Add(at.AddSeconds(-waited()), EventType.ContactArrived, contact: contact);
            Add(at, EventType.ContactAnswered, contact: contact);
            Add(at.AddSeconds(handle), EventType.ContactEnded, contact: contact, wrapUp: true);
            Add(at.AddSeconds(handle + wrap), EventType.AgentStateChanged, AgentState.Available);
            at = at.AddSeconds(handle + wrap + gap());
        }
    }

    private void Add(DateTimeOffset at, EventType type, AgentState? state = null, string? contact = null, bool? wrapUp = null) =>
        events.Add(new ContactCenterEvent
        {
            Id = $"{prefix}-{++_id}", Type = type, At = at, AgentId = type == EventType.ContactArrived ? null : agentId, State = state,
            ContactId = contact, WrapUp = wrapUp, QueueId = contact is null ? null : queueId,
        });
}
