using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Wfm.Core.Agents;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Grains.Abstractions;
using Wfm.Grains.Ingestion;
using Wfm.Server.Hosting;

using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>
/// A supervisor's action on an incident: acknowledge, recovery-break (minutes), route-away, escalate (to: a role or a
/// user name, or queueId; and a note), close (outcome).
/// </summary>
public sealed record IncidentActionDto(string Kind, string By, string? Note = null, string? Outcome = null, string? QueueId = null, int? Minutes = null, string? To = null);

/// <summary>
/// Abuse incidents: raised by ingestion (an abusive MessageReceived, or AbuseReported), listed, acted on,
/// counted. A recovery break puts the agent into the RecoveryBreak state (never counted against adherence) — at once, or
/// when the contact in hand ends — for its minutes; an escalation names a role or a person and says why.
/// </summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents").WithTags("Incidents");
        group.MapGet("/", List).WithSummary("Incidents newest first; open=true for those not closed (a supervisor's teams only)")
            .RequireAccess(Access.Supervisors).Audited("incidents.read");
        group.MapGet("/stats", Stats).WithSummary("Incidents per 1,000 contacts and per agent per month, by team, queue, channel, language and category; share reported by agents; time to acknowledge (a supervisor's teams only)")
            .RequireAccess(Access.Supervisors);
        group.MapGet("/routing-blocks", RoutingBlocks).WithSummary("Customers the ACD should not route to an agent (from route-away actions on incidents not closed)")
            .RequireAccess(Access.Supervisors, WfmScopes.EventsWrite);
        group.MapGet("/{id}", Get).RequireAccess(Access.Supervisors).Audited("incidents.read");
        group.MapPost("/{id}/actions", Act).WithSummary("Acknowledge, give a recovery break, route the customer away, escalate, or close with an outcome")
            .RequireAccess(Access.Supervisors).Audited("incident.action");
        group.MapPost("/report", Report).WithSummary("An agent reports abuse on one of their contacts (the agent is the one signed in); it reaches the board at once")
            .RequireAccess([WfmRoles.Agent]).Audited("incident.report");
        return api;
    }

    /// <summary>
    /// Whether a signed-in supervisor or admin sees an incident: their teams' agents' (all for an admin), and any
    /// escalated to them by name or to one of their roles, whichever team it is in.
    /// </summary>
    internal static bool Sees(AccessScope scope, ClaimsPrincipal user, AbuseIncident incident) =>
        scope.All || (incident.AgentId is not null && scope.CanSeeAgent(incident.AgentId)) || EscalatedToUser(user, incident);

    /// <summary>Escalated to this signed-in user or one of their roles (never to a machine client).</summary>
    internal static bool EscalatedToUser(ClaimsPrincipal user, AbuseIncident incident) =>
        !user.HasClaim(c => c.Type == WfmClaims.ApiKey) && incident.IsEscalatedTo(user.Identity?.Name, user.IsInRole);

    private static async Task<Ok<IReadOnlyList<AbuseIncident>>> List(IGrainFactory grains, AccessScope scope, ClaimsPrincipal user, bool? open, DateTimeOffset? since, int? limit) =>
        TypedResults.Ok<IReadOnlyList<AbuseIncident>>((await grains.GetGrain<IIncidentRegistryGrain>(0).ListAsync(open ?? false, since, limit ?? 200)).Where(i => Sees(scope, user, i)).ToList());

    private static async Task<Results<Ok<AbuseIncident>, NotFound>> Get(string id, IGrainFactory grains, AccessScope scope, ClaimsPrincipal user) =>
        await grains.GetGrain<IIncidentRegistryGrain>(0).GetAsync(id) is { } incident && Sees(scope, user, incident)
            ? TypedResults.Ok(incident) : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<RoutingBlock>>> RoutingBlocks(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IIncidentRegistryGrain>(0).RoutingBlocksAsync());

    private static async Task<Results<Ok<IncidentStatisticsResult>, ValidationProblem>> Stats(
        IGrainFactory grains, IEventJournal journal, IContactCenterDirectory directory, TimeProvider time, AccessScope scope, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        if (end <= start)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [$"must be after from ({start:O})"] });
        }

        IReadOnlyList<AbuseIncident> incidents = await grains.GetGrain<IIncidentRegistryGrain>(0).ListAsync(false, start, IncidentRegistryLimit);
        var contacts = await journal.CountArrivalsAsync(start, end, cancellationToken);
        if (!scope.All)
        {
            // A supervisor's teams only: their agents' incidents, and the contacts of the queues those agents serve.
            incidents = [.. scope.Visible(incidents, i => i.AgentId)];
            var queues = directory.Agents.Where(a => scope.CanSeeAgent(a.Id)).SelectMany(a => a.Skills.Select(k => k.QueueId)).ToHashSet(StringComparer.Ordinal);
            contacts = contacts.Where(c => queues.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        }

        return TypedResults.Ok(IncidentStatistics.Compute(incidents, start, end, contacts, directory));
    }

    private const int IncidentRegistryLimit = 20_000;

    private static async Task<Results<Ok<AbuseIncident>, NotFound, ValidationProblem>> Act(
        string id, IncidentActionDto body, IGrainFactory grains, SupervisorRequests requests, UserManager<WfmUser> users, IContactCenterDirectory directory,
        TimeProvider time, AccessScope scope, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kind = body.Kind?.Trim().ToLowerInvariant() switch
        {
            "acknowledge" => IncidentActionKind.Acknowledge,
            "recovery-break" => IncidentActionKind.RecoveryBreak,
            "route-away" => IncidentActionKind.RouteAway,
            "escalate" => IncidentActionKind.Escalate,
            "close" => IncidentActionKind.Close,
            _ => (IncidentActionKind?)null,
        };
        if (kind is null)
        {
            return Invalid("kind", $"expected acknowledge, recovery-break, route-away, escalate or close, got '{body.Kind}'");
        }

        var registry = grains.GetGrain<IIncidentRegistryGrain>(0);
        if (await registry.GetAsync(id) is not { } incident || !Sees(scope, user, incident))
        {
            return TypedResults.NotFound();
        }

        // A signed-in supervisor acts as themself; only a machine client names who acted.
        var by = user.HasClaim(c => c.Type == WfmClaims.ApiKey) ? body.By?.Trim() ?? string.Empty : user.Identity?.Name ?? string.Empty;
        var now = time.GetUtcNow();
        var to = await EscalationTargetAsync(body.To, users);
        if (to.Error is not null)
        {
            return Invalid("to", to.Error);
        }

        var action = new IncidentAction(kind.Value, by, now, body.Note?.Trim(), body.Outcome?.Trim(), body.QueueId?.Trim(), body.Minutes, To: to.Name);
        try
        {
            // Check the action first, so a refused one changes no agent's state.
            IncidentWorkflow.Apply(incident, action);
        }
        catch (IncidentActionException ex)
        {
            return Invalid("action", ex.Message);
        }

        if (kind == IncidentActionKind.RecoveryBreak)
        {
            // Now, or — the agent is on the contact, often the very one that was abusive — when the contact ends.
            var agent = grains.GetGrain<IAgentGrain>(incident.AgentId!);
            var name = directory.FindAgent(incident.AgentId!)?.Name ?? incident.AgentId;
            var before = await agent.GetSnapshotAsync();
            if (before.State == AgentState.Offline)
            {
                return Invalid("action", $"{name} is offline: a recovery break starts only for an agent who is signed in. Talk to them when they are back, or give the break then.");
            }

            var request = new ContactCenterEvent
            {
                Id = $"recovery-{id}-{now.UtcTicks}",
                Type = EventType.StateRequested,
                At = now,
                AgentId = incident.AgentId,
                State = AgentState.RecoveryBreak,
                Minutes = body.Minutes,
            };
            var result = await requests.SubmitAsync(request, cancellationToken);
            if (result.IsRejected)
            {
                return Invalid("action", $"{name} cannot go on a recovery break now: {string.Join("; ", result.Errors.Select(e => e.Message))}");
            }

            var after = await agent.GetSnapshotAsync();
            action = action with { Deferred = after.Requested == AgentState.RecoveryBreak };
        }

        try
        {
            return TypedResults.Ok(await registry.ActAsync(id, action));
        }
        catch (IncidentActionException ex)
        {
            return Invalid("action", ex.Message);
        }
    }

    /// <summary>What an agent reports: the contact (and its queue), optionally the customer and what was said.</summary>
    public sealed record AbuseReportDto(string? ContactId, string? QueueId, string? CustomerId, string? Text, string? Language);

    private static async Task<Results<Ok<AbuseIncident>, ValidationProblem>> Report(
        AbuseReportDto body, AccessScope scope, IGrainFactory grains, EventIngestor ingestor, IEventJournal journal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (scope.AgentId is null)
        {
            return Invalid("agentId", "your user is not linked to an agent; an admin sets it");
        }

        // Only the agent's own contacts — the one in hand or one of the last 24 hours — can be reported.
        var contactId = body.ContactId?.Trim();
        var recent = await MeApi.RecentContactsAsync(scope.AgentId, journal, grains, time, cancellationToken);
        if (recent.FirstOrDefault(c => c.ContactId == contactId) is not { } contact)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["contactId"] = [$"'{contactId}' is not one of your contacts of the last 24 hours; pick the contact from your list"],
            }, title: "The report was refused; nothing was stored");
        }

        body = body with { QueueId = contact.QueueId };
        var now = time.GetUtcNow();
        var report = new ContactCenterEvent
        {
            Id = $"report-{scope.AgentId}-{now.UtcTicks}",
            Type = EventType.AbuseReported,
            At = now,
            AgentId = scope.AgentId,
            QueueId = body.QueueId?.Trim(),
            ContactId = body.ContactId?.Trim(),
            CustomerId = string.IsNullOrWhiteSpace(body.CustomerId) ? null : body.CustomerId.Trim(),
            Text = string.IsNullOrWhiteSpace(body.Text) ? null : body.Text.Trim(),
            Language = string.IsNullOrWhiteSpace(body.Language) ? null : body.Language,
        };
        var result = await ingestor.IngestAsync([report], cancellationToken);
        if (result.IsRejected)
        {
            return TypedResults.ValidationProblem(result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The report was refused; nothing was stored");
        }

        return await grains.GetGrain<IIncidentRegistryGrain>(0).GetAsync($"inc-{report.Id}") is { } incident
            ? TypedResults.Ok(incident)
            : Invalid("contactId", "the report was recorded but no incident came of it");
    }

    /// <summary>Whom an incident is escalated to: a role (admin, supervisor…) or an existing user, by name.</summary>
    private static async Task<(string? Name, string? Error)> EscalationTargetAsync(string? to, UserManager<WfmUser> users)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return (null, null);
        }

        // Only to someone who can read and act on incidents: a supervisor or an admin, by role or by name.
        var wanted = to.Trim();
        var able = string.Join(" or ", Access.Supervisors);
        if (WfmRoles.All.FirstOrDefault(r => string.Equals(r, wanted, StringComparison.OrdinalIgnoreCase)) is { } role)
        {
            return Access.Supervisors.Contains(role) ? (role, null) : (null, $"the {role} role cannot read incidents: escalate to {able}, by role or by name");
        }

        if (await users.FindByNameAsync(wanted) is not { } found)
        {
            return (null, $"'{wanted}' is neither a role ({string.Join(", ", WfmRoles.All)}) nor a user's name");
        }

        var roles = await users.GetRolesAsync(found);
        return roles.Any(r => Access.Supervisors.Contains(r))
            ? (found.UserName, null)
            : (null, $"{found.UserName} cannot read incidents (not a {able}): escalate to someone who can, by role or by name");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The action was refused; the incident is unchanged");
}
