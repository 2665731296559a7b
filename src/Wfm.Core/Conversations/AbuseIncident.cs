using System.Globalization;

namespace Wfm.Core.Conversations;

/// <summary>Where an incident stands.</summary>
[GenerateSerializer]
public enum IncidentStatus
{
    Open = 0,
    Acknowledged = 1,
    Closed = 2,
}

/// <summary>How an incident came to be: found in a message, or reported by the agent.</summary>
[GenerateSerializer]
public enum IncidentSource
{
    Detected = 0,
    Reported = 1,
}

/// <summary>What a supervisor did about an incident.</summary>
[GenerateSerializer]
public enum IncidentActionKind
{
    Acknowledge = 0,
    RecoveryBreak = 1,
    RouteAway = 2,
    Escalate = 3,
    Close = 4,
}

/// <summary>One of the words that made the message abusive (personal data already removed).</summary>
[GenerateSerializer, Immutable, Alias("wfm.IncidentEvidence")]
public sealed record IncidentEvidence(
    [property: Id(0)] string Text,
    [property: Id(1)] AbuseCategory Category,
    [property: Id(2)] AbuseSeverity Severity,
    [property: Id(3)] string Source);

/// <summary>
/// An action recorded on an incident: what, who, when, and the details it needs. <see cref="Deferred"/>: a recovery
/// break asked for while the agent was on the contact (it starts when the contact ends); <see cref="To"/>: the role
/// or person an incident is escalated to.
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.IncidentAction")]
public sealed record IncidentAction(
    [property: Id(0)] IncidentActionKind Kind,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Note = null,
    [property: Id(4)] string? Outcome = null,
    [property: Id(5)] string? QueueId = null,
    [property: Id(6)] int? Minutes = null,
    [property: Id(7)] bool Deferred = false,
    [property: Id(8)] string? To = null);

/// <summary>
/// Abuse of an agent: who, which customer and conversation, the evidence, category and severity, when;
/// and what supervisors did about it. The message is kept with personal data removed.
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.AbuseIncident")]
public sealed record AbuseIncident(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? AgentId,
    [property: Id(3)] string QueueId,
    [property: Id(4)] string ContactId,
    [property: Id(5)] string? CustomerId,
    [property: Id(6)] IncidentSource Source,
    [property: Id(7)] AbuseCategory Category,
    [property: Id(8)] AbuseSeverity Severity,
    [property: Id(9)] double Score,
    [property: Id(10)] string Language,
    [property: Id(11)] string? Message,
    [property: Id(12)] IReadOnlyList<IncidentEvidence> Evidence,
    [property: Id(13)] IncidentStatus Status,
    [property: Id(14)] IReadOnlyList<IncidentAction> Actions,
    [property: Id(15)] DateTimeOffset? AcknowledgedAt = null,
    [property: Id(16)] DateTimeOffset? ClosedAt = null,
    [property: Id(17)] string? Outcome = null)
{
    /// <summary>
    /// An incident from a customer's message and its verdict (detected), or from an agent's report (the
    /// verdict, when the report carries the message, says what it held). The message is redacted here.
    /// </summary>
    public static AbuseIncident From(string id, DateTimeOffset at, string? agentId, string queueId, string contactId, string? customerId,
        IncidentSource source, string? message, AbuseVerdict? verdict)
    {
        var redacted = message is null ? null : PiiRedactor.Redact(message).Text;
        var evidence = verdict is { Abusive: true }
            ? verdict.Evidence.Select(e => new IncidentEvidence(PiiRedactor.Redact(e.Text).Text, e.Category, e.Severity, e.Source)).ToList()
            : [];
        return new AbuseIncident(id, at, agentId, queueId, contactId, customerId, source,
            verdict is { Abusive: true } ? verdict.Category : AbuseCategory.None,
            verdict is { Abusive: true } ? verdict.Severity : source == IncidentSource.Reported ? AbuseSeverity.Medium : AbuseSeverity.None,
            verdict?.Score ?? 0, verdict?.Language ?? "en", redacted, evidence, IncidentStatus.Open, []);
    }

    /// <summary>The roles and people the incident was escalated to, in order, each once.</summary>
    public IReadOnlyList<string> EscalatedTo =>
        [.. Actions.Where(a => a.Kind == IncidentActionKind.Escalate && !string.IsNullOrWhiteSpace(a.To)).Select(a => a.To!).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Whether the incident was escalated to this user (by name) or to one of their roles.</summary>
    public bool IsEscalatedTo(string? userName, Func<string, bool> hasRole) =>
        EscalatedTo.Any(to => string.Equals(to, userName, StringComparison.OrdinalIgnoreCase) || hasRole(to));
}

/// <summary>A refused action: the incident's state does not allow it, or a detail is missing.</summary>
public sealed class IncidentActionException(string message) : Exception(message);

/// <summary>The rules of acting on an incident.</summary>
public static class IncidentWorkflow
{
    /// <summary>
    /// Applies an action. Acknowledging is once, and any first action acknowledges; nothing follows closing;
    /// closing needs an outcome, escalating whom to (a role, a person or a queue) and a note, a recovery break its minutes (1–120).
    /// </summary>
    public static AbuseIncident Apply(AbuseIncident incident, IncidentAction action)
    {
        if (string.IsNullOrWhiteSpace(action.By))
        {
            throw new IncidentActionException("by: who acts is required");
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            throw new IncidentActionException($"incident {incident.Id} is closed ({incident.Outcome}); nothing more can be done on it");
        }

        switch (action.Kind)
        {
            case IncidentActionKind.Acknowledge when incident.Status != IncidentStatus.Open:
                throw new IncidentActionException($"incident {incident.Id} was already acknowledged at {incident.AcknowledgedAt:O}");
            case IncidentActionKind.Close when string.IsNullOrWhiteSpace(action.Outcome):
                throw new IncidentActionException("outcome: closing needs an outcome, e.g. \"warning sent to customer\" or \"no action needed\"");
            case IncidentActionKind.Escalate when string.IsNullOrWhiteSpace(action.To) && string.IsNullOrWhiteSpace(action.QueueId):
                throw new IncidentActionException("to: say who the incident is escalated to (a role such as Admin, or a person's user name)");
            case IncidentActionKind.Escalate when string.IsNullOrWhiteSpace(action.Note):
                throw new IncidentActionException("note: say why the incident is escalated");
            case IncidentActionKind.RecoveryBreak when incident.AgentId is null:
                throw new IncidentActionException("the incident names no agent to give a recovery break to");
            case IncidentActionKind.RecoveryBreak when action.Minutes is not (>= 1 and <= 120):
                throw new IncidentActionException($"minutes: a recovery break of 1 to 120 minutes is expected, got {action.Minutes?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
            case IncidentActionKind.RouteAway when incident.AgentId is null || incident.CustomerId is null:
                throw new IncidentActionException("routing away needs both the customer and the agent on the incident");
        }

        var acknowledgedAt = incident.AcknowledgedAt ?? action.At;
        return incident with
        {
            Status = action.Kind == IncidentActionKind.Close ? IncidentStatus.Closed : IncidentStatus.Acknowledged,
            AcknowledgedAt = acknowledgedAt,
            ClosedAt = action.Kind == IncidentActionKind.Close ? action.At : null,
            Outcome = action.Kind == IncidentActionKind.Close ? action.Outcome!.Trim() : null,
            Actions = [.. incident.Actions, action],
        };
    }
}
