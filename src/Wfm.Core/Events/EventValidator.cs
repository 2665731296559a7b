using Wfm.Core.Agents;
using Wfm.Core.Directory;

namespace Wfm.Core.Events;

/// <summary>Checks a batch for what can be known without the live state: fields, types, known agents and queues, time.</summary>
public static class EventValidator
{
    public const int MaxIdLength = 128;

    public const int MaxTextLength = 4000;

    /// <summary>How far ahead of the server clock an event may be stamped (clock skew between systems).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How late an event may arrive by default: stamped at most this long before the server clock.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(3);

    /// <param name="maxAge">How late an event may arrive (<see cref="DefaultMaxAge"/> when null); an older one is refused.</param>
    public static List<EventError> Validate(IReadOnlyList<ContactCenterEvent?> events, IContactCenterDirectory directory, DateTimeOffset now, TimeSpan? maxAge = null)
    {
        var oldest = now - (maxAge ?? DefaultMaxAge);
        var errors = new List<EventError>();
        var firstWithId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is null)
            {
                errors.Add(new EventError(i, "", "event is null; expected an object"));
                continue;
            }

            ValidateOne(i, e, directory, now, errors);
            if (e.At != default && e.At < oldest)
            {
                errors.Add(new EventError(i, "at", $"{e.At:O} is older than events may arrive: at most {Describe(maxAge ?? DefaultMaxAge)} before the server time {now:O}"));
            }

            // A resent batch is dropped as a repeat, but one id twice in the same batch is a sender's mistake.
            if (!string.IsNullOrWhiteSpace(e.Id) && !firstWithId.TryAdd(e.Id, i))
            {
                errors.Add(new EventError(i, "id", $"'{e.Id}' is also the id of events[{firstWithId[e.Id]}]; every event in a batch needs its own id"));
            }
        }

        return errors;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0} day{(span.TotalDays == 1 ? "" : "s")}"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}"
        : $"{span.TotalMinutes:0.#} minutes";

    private static void ValidateOne(int i, ContactCenterEvent e, IContactCenterDirectory directory, DateTimeOffset now, List<EventError> errors)
    {
        if (string.IsNullOrWhiteSpace(e.Id))
        {
            errors.Add(new EventError(i, "id", "is required: a unique id chosen by the sender"));
        }
        else if (e.Id.Length > MaxIdLength)
        {
            errors.Add(new EventError(i, "id", $"is {e.Id.Length} characters; at most {MaxIdLength} expected"));
        }

        if (!Enum.IsDefined(e.Type))
        {
            errors.Add(new EventError(i, "type", $"'{e.Type}' is unknown; expected one of {string.Join(", ", Enum.GetNames<EventType>())}"));
            return;
        }

        if (e.At == default)
        {
            errors.Add(new EventError(i, "at", "is required: when the event happened, ISO 8601 with offset"));
        }
        else if (e.At > now + MaxClockSkew)
        {
            errors.Add(new EventError(i, "at", $"{e.At:O} is in the future (server time {now:O})"));
        }

        // Every name-like field is an id or a name, never a document: a 10 MB customer id is refused, not journaled.
        foreach (var (field, value) in new[] { ("queueId", e.QueueId), ("contactId", e.ContactId), ("agentId", e.AgentId), ("customerId", e.CustomerId), ("customerName", e.CustomerName), ("language", e.Language) })
        {
            if (value is { Length: > MaxIdLength })
            {
                errors.Add(new EventError(i, field, $"is {value.Length} characters; at most {MaxIdLength} expected"));
            }
        }

        if (e.Text is { Length: > MaxTextLength } && e.Type is not (EventType.MessageReceived or EventType.AbuseReported or EventType.MessageSent))
        {
            errors.Add(new EventError(i, "text", $"is {e.Text.Length} characters; at most {MaxTextLength} expected"));
        }

        var isContact = e.Type is not (EventType.AgentStateChanged or EventType.StateRequested);
        if (isContact)
        {
            RequireKnown(i, "queueId", e.QueueId, directory.FindQueue, errors);
            if (string.IsNullOrWhiteSpace(e.ContactId))
            {
                errors.Add(new EventError(i, "contactId", $"is required for {e.Type}"));
            }
        }

        if (e.Type is EventType.ContactAnswered or EventType.ContactEnded or EventType.AgentStateChanged or EventType.StateRequested or EventType.AbuseReported
                or EventType.MessageSent or EventType.ContactTransferred
            || (e.Type is EventType.MessageReceived or EventType.ContactResolved && e.AgentId is not null))
        {
            var agent = RequireKnown(i, "agentId", e.AgentId, directory.FindAgent, errors);
            if (agent is not null && isContact && e.QueueId is not null && directory.FindQueue(e.QueueId) is not null
                && !agent.Skills.Any(s => s.QueueId == e.QueueId))
            {
                errors.Add(new EventError(i, "agentId", $"agent '{agent.Id}' has no skill for queue '{e.QueueId}'"));
            }
        }

        if (e.Type is EventType.MessageReceived or EventType.AbuseReported or EventType.MessageSent)
        {
            if (e.Type == EventType.MessageReceived && string.IsNullOrWhiteSpace(e.Text))
            {
                errors.Add(new EventError(i, "text", "is required for MessageReceived: the customer's message"));
            }
            else if (e.Text is { Length: > MaxTextLength })
            {
                errors.Add(new EventError(i, "text", $"is {e.Text.Length} characters; at most {MaxTextLength} expected (split long messages)"));
            }

            if (e.Language is not null && e.Language is not ("en" or "tr" or "fa"))
            {
                errors.Add(new EventError(i, "language", $"'{e.Language}' is not supported; expected en, tr or fa, or leave it out to detect"));
            }
        }

        if (e.Type == EventType.StateRequested)
        {
            if (e.State is not { } requested || !AgentStateMachine.IsSupervisorSet(requested))
            {
                errors.Add(new EventError(i, "state", $"'{e.State?.ToString() ?? "none"}' cannot be set by a supervisor; expected one of {string.Join(", ", AgentStateMachine.SupervisorSet)}"));
            }

            if (e.Minutes is not (>= 1 and <= 480))
            {
                errors.Add(new EventError(i, "minutes", $"{e.Minutes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: 1 to 480 minutes expected"));
            }
        }

        if (e.Type == EventType.AgentStateChanged)
        {
            if (e.State is null)
            {
                errors.Add(new EventError(i, "state", "is required for AgentStateChanged"));
            }
            else if (!Enum.IsDefined(e.State.Value))
            {
                errors.Add(new EventError(i, "state", $"'{e.State}' is unknown"));
            }
            else if (e.State is AgentState.OnContact)
            {
                errors.Add(new EventError(i, "state", "OnContact is entered by a ContactAnswered event, not set directly"));
            }
        }
    }

    private static T? RequireKnown<T>(int i, string field, string? id, Func<string, T?> find, List<EventError> errors)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new EventError(i, field, "is required"));
            return null;
        }

        var found = find(id);
        if (found is null)
        {
            errors.Add(new EventError(i, field, $"'{id}' is unknown"));
        }

        return found;
    }
}

/// <summary>How late an event may arrive: stamped at most <paramref name="MaxAge"/> before the server clock.</summary>
public sealed record EventBounds(TimeSpan MaxAge);
