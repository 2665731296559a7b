using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Data.Privacy;
using Wfm.Data;
using Wfm.Grains.Abstractions;
using Wfm.Planning.Center;
using Wfm.Server.Board;

namespace Wfm.Server.Security;

/// <summary>
/// /api/admin/privacy: an admin exports or erases everything Wfm holds about one agent or one customer (a data
/// subject's request). Erasure keeps counts and statistics: events keep their ids and times, incidents keep their
/// category, severity and times, while names, words, notes and reviews go.
/// </summary>
public static class PrivacyApi
{
    public sealed record AgentExport(
        DateTimeOffset ExportedAt, AgentProfile Agent, IReadOnlyList<object> Users, IReadOnlyList<object> Events,
        IReadOnlyList<AbuseIncident> Incidents, AgentRows Coaching);

    public sealed record CustomerExport(
        DateTimeOffset ExportedAt, string CustomerId, IReadOnlyList<AbuseIncident> Incidents, IReadOnlyList<RoutingBlock> RoutingBlocks,
        IReadOnlyList<ConversationView> Conversations, IReadOnlyList<IReadOnlyDictionary<string, object?>> Events);

    public sealed record Erased(string Subject, string Id, IReadOnlyDictionary<string, int> Removed);

    private const int AllIncidents = 1_000_000;

    public static RouteGroupBuilder MapPrivacyApi(this RouteGroupBuilder api)
    {
        var privacy = api.MapGroup("/admin/privacy").WithTags("Admin").RequireAccess(Access.Admins);
        privacy.MapGet("/agents/{id}", ExportAgent).WithSummary("Everything held about one agent, as JSON").Audited("privacy.export");
        privacy.MapDelete("/agents/{id}", EraseAgent).WithSummary("Erases one agent's personal data; statistics stay").Audited("privacy.erase");
        privacy.MapGet("/customers/{id}", ExportCustomer).WithSummary("Everything held about one customer, as JSON").Audited("privacy.export");
        privacy.MapDelete("/customers/{id}", EraseCustomer).WithSummary("Erases one customer's personal data; statistics stay").Audited("privacy.erase");
        return api;
    }

    private static async Task<IResult> ExportAgent(
        string id, IContactCenterDirectory directory, IEventJournal journal, IIncidentStore incidents, PersonalDataStore personal,
        UserManager<WfmUser> users, TimeProvider time, CancellationToken cancellationToken)
    {
        if (directory.FindAgent(id) is not { } agent)
        {
            return Results.Problem(statusCode: 404, detail: $"agent '{id}' is not an agent of this center");
        }

        var events = await journal.ReadForAgentSinceAsync(id, DateTimeOffset.MinValue, cancellationToken);
        var linked = new List<object>();
        foreach (var user in await LinkedUsersAsync(users, id))
        {
            linked.Add(new { user.UserName, user.DisplayName, user.CreatedAt, Roles = await users.GetRolesAsync(user) });
        }

        var held = (await incidents.ListAsync(false, null, AllIncidents, cancellationToken)).Where(i => i.AgentId == id).ToList();
        return Results.Ok(new AgentExport(time.GetUtcNow(), agent, linked, events.Select(e => (object)e.Event).ToList(), held, await personal.ReadAgentAsync(id, cancellationToken)));
    }

    private static async Task<IResult> EraseAgent(
        string id, InMemoryDirectory directory, CenterService center, IIncidentStore incidents, PersonalDataStore personal,
        UserManager<WfmUser> users, IGrainFactory grains, BoardBridge board, HubSessions sessions, CancellationToken cancellationToken)
    {
        if (directory.FindAgent(id) is null)
        {
            return Results.Problem(statusCode: 404, detail: $"agent '{id}' is not an agent of this center");
        }

        var removed = new Dictionary<string, int>(await personal.EraseAgentAsync(id, cancellationToken));
        var erasedIncidents = 0;
        foreach (var incident in (await incidents.ListAsync(false, null, AllIncidents, cancellationToken)).Where(i => i.AgentId == id))
        {
            await incidents.UpdateAsync(WithoutWords(incident), cancellationToken);
            erasedIncidents++;
        }

        removed["IncidentTexts"] = erasedIncidents;
        var linked = await LinkedUsersAsync(users, id);
        foreach (var user in linked)
        {
            await users.DeleteAsync(user);
        }

        removed["Users"] = linked.Count;
        sessions.Recheck();

        // The directory in memory follows the stored one, and the board shows "(erased)" at once.
        await center.RefreshAsync(cancellationToken);
        await board.OnUpdateAsync(new BoardUpdate([], [await grains.GetGrain<IAgentGrain>(id).GetSnapshotAsync()]));
        return Results.Ok(new Erased("agent", id, removed));
    }

    private static async Task<IResult> ExportCustomer(
        string id, IIncidentStore incidents, PersonalDataStore personal, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var held = (await incidents.ListAsync(false, null, AllIncidents, cancellationToken)).Where(i => i.CustomerId == id).ToList();
        var blocks = (await grains.GetGrain<IIncidentRegistryGrain>(0).RoutingBlocksAsync()).Where(b => b.CustomerId == id).ToList();
        var conversations = new List<ConversationView>();
        foreach (var conversation in await ConversationsOfAsync(id, personal, grains))
        {
            if (await grains.GetGrain<IConversationGrain>(conversation).GetAsync() is { } view && view.Summary.CustomerId == id)
            {
                conversations.Add(view);
            }
        }

        return Results.Ok(new CustomerExport(time.GetUtcNow(), id, held, blocks, conversations, await personal.CustomerEventsAsync(id, cancellationToken)));
    }

    /// <summary>Stored conversations naming the customer, and open ones in the inbox (not saved yet).</summary>
    private static async Task<IReadOnlyList<string>> ConversationsOfAsync(string customerId, PersonalDataStore personal, IGrainFactory grains)
    {
        var open = (await grains.GetGrain<IInboxGrain>(0).ListAsync()).Where(c => c.CustomerId == customerId).Select(c => c.Id);
        return [.. (await personal.ConversationsOfCustomerAsync(customerId)).Union(open)];
    }

    private static async Task<IResult> EraseCustomer(string id, IIncidentStore incidents, PersonalDataStore personal, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var conversations = 0;
        foreach (var conversation in await ConversationsOfAsync(id, personal, grains))
        {
            var grain = grains.GetGrain<IConversationGrain>(conversation);
            if (await grain.GetAsync() is { } view && view.Summary.CustomerId == id)
            {
                await grain.EraseCustomerAsync(PersonalDataStore.ErasedName);
                conversations++;
            }
        }

        var erased = 0;
        foreach (var incident in (await incidents.ListAsync(false, null, AllIncidents, cancellationToken)).Where(i => i.CustomerId == id))
        {
            await incidents.UpdateAsync(WithoutWords(incident) with { CustomerId = null }, cancellationToken);
            erased++;
        }

        var events = await personal.PseudonymizeCustomerAsync(id, cancellationToken);
        return Results.Ok(new Erased("customer", id, new Dictionary<string, int> { ["Incidents"] = erased, ["Conversations"] = conversations, ["Events"] = events }));
    }

    /// <summary>The incident without the customer's words and the supervisors' notes; what, when and how bad stay.</summary>
    private static AbuseIncident WithoutWords(AbuseIncident incident) => incident with
    {
        Message = null,
        Evidence = incident.Evidence.Select(e => e with { Text = PersonalDataStore.ErasedName }).ToList(),
        Actions = incident.Actions.Select(a => a with { Note = null, Outcome = a.Outcome is null ? null : PersonalDataStore.ErasedName }).ToList(),
        Outcome = incident.Outcome is null ? null : PersonalDataStore.ErasedName,
    };

    private static async Task<List<WfmUser>> LinkedUsersAsync(UserManager<WfmUser> users, string agentId) =>
        [.. await users.GetUsersForClaimAsync(new Claim(WfmClaims.Agent, agentId))];
}
