using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Grains.Abstractions;
using Wfm.Server.Board;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>Read endpoints for the center, its queues, agents and shifts, and writing a day's plan.</summary>
public static class CenterApi
{
    /// <summary>The contact center as the board needs it.</summary>
    public sealed record CenterInfo(string TimeZone, int IntervalMinutes, DateOnly Today, IReadOnlyList<TeamProfile> Teams, IReadOnlyList<QueueProfile> Queues);

    public static RouteGroupBuilder MapCenterApi(this RouteGroupBuilder api)
    {
        api.MapGet("/center", (IContactCenterDirectory d, TimeProvider time) => TypedResults.Ok(new CenterInfo(
            d.Clock.Zone.Id, d.Clock.IntervalMinutes, d.Clock.LocalDate(time.GetUtcNow()), d.Teams, d.Queues)))
            .WithSummary("The center's time zone, interval length, today's local date, teams and queues")
            .RequireAccess(Access.Everyone, WfmScopes.BoardRead);

        api.MapGet("/board", (BoardCache cache, AccessScopes scopes, ClaimsPrincipal user) => TypedResults.Ok(BoardHub.Visible(cache.Snapshot(), scopes.For(user))))
            .WithSummary("Everything the board shows, as last pushed (a supervisor's teams only)")
            .RequireAccess(Access.Leads, WfmScopes.BoardRead);

        api.MapGet("/queues/{id}", GetQueueAsync).WithSummary("A queue's live snapshot").RequireAccess(Access.Everyone, WfmScopes.BoardRead).AddEndpointFilter(QueueFilter);
        api.MapGet("/queues/{id}/intervals", GetIntervalsAsync).WithSummary("Today's statistics per interval").RequireAccess(Access.Everyone, WfmScopes.BoardRead).AddEndpointFilter(QueueFilter);
        api.MapGet("/agents/{id}", GetAgentAsync).WithSummary("An agent's live snapshot with adherence").RequireAccess(Access.Everyone, WfmScopes.BoardRead).ForAgent("id");
        api.MapGet("/shifts/{agentId}/{date}", GetShiftAsync).WithSummary("An agent's planned activities for a local date (yyyy-MM-dd)")
            .RequireAccess(Access.Everyone).ForAgent();
        api.MapPut("/shifts/{agentId}/{date}", PutShiftAsync).WithSummary("Replace an agent's plan for a local date")
            .RequireAccess(Access.Planners).Audited("shift.edit");
        api.MapGet("/shifts/{agentId}/{date}/adherence", GetAdherenceAsync).WithSummary("Adherence so far for that day")
            .RequireAccess(Access.Everyone).ForAgent();
        return api;
    }

    /// <summary>A supervisor or agent sees the queues their people serve.</summary>
    private static async ValueTask<object?> QueueFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var id = http.Request.RouteValues["id"]?.ToString() ?? "";
        return http.RequestServices.GetRequiredService<AccessScopes>().For(http.User).CanSeeQueue(id) || http.RequestServices.GetRequiredService<IContactCenterDirectory>().FindQueue(id) is null
            ? await next(context)
            : Results.Problem(statusCode: 403, title: "Forbidden", detail: $"queue '{id}' is not served by your teams");
    }

    private static async Task<Results<Ok<QueueSnapshot>, NotFound<string>>> GetQueueAsync(string id, IContactCenterDirectory d, IGrainFactory grains) =>
        d.FindQueue(id) is null
            ? TypedResults.NotFound($"queue '{id}' is unknown")
            : TypedResults.Ok(await grains.GetGrain<IQueueGrain>(id).GetSnapshotAsync());

    private static async Task<Results<Ok<IReadOnlyList<IntervalStatistics>>, NotFound<string>>> GetIntervalsAsync(string id, IContactCenterDirectory d, IGrainFactory grains) =>
        d.FindQueue(id) is null
            ? TypedResults.NotFound($"queue '{id}' is unknown")
            : TypedResults.Ok(await grains.GetGrain<IQueueGrain>(id).GetIntervalsAsync());

    private static async Task<Results<Ok<AgentSnapshot>, NotFound<string>>> GetAgentAsync(string id, IContactCenterDirectory d, IGrainFactory grains) =>
        d.FindAgent(id) is null
            ? TypedResults.NotFound($"agent '{id}' is unknown")
            : TypedResults.Ok(await grains.GetGrain<IAgentGrain>(id).GetSnapshotAsync());

    private static async Task<Results<Ok<IReadOnlyList<PlannedActivity>>, NotFound<string>, ValidationProblem>> GetShiftAsync(
        string agentId, string date, IContactCenterDirectory d, IGrainFactory grains)
    {
        if (Resolve(agentId, date, d) is not { } key)
        {
            return Invalid<IReadOnlyList<PlannedActivity>>(agentId, date, d);
        }

        return TypedResults.Ok(await grains.GetGrain<IShiftGrain>(key).GetPlanAsync());
    }

    private static async Task<Results<Ok<AdherenceResult>, NotFound<string>, ValidationProblem>> GetAdherenceAsync(
        string agentId, string date, IContactCenterDirectory d, IGrainFactory grains)
    {
        if (Resolve(agentId, date, d) is not { } key)
        {
            return Invalid<AdherenceResult>(agentId, date, d);
        }

        return TypedResults.Ok(await grains.GetGrain<IShiftGrain>(key).GetAdherenceAsync());
    }

    private static async Task<Results<Ok<IReadOnlyList<PlannedActivity>>, NotFound<string>, ValidationProblem>> PutShiftAsync(
        string agentId, string date, IReadOnlyList<PlannedActivity>? activities, IContactCenterDirectory d, IGrainFactory grains)
    {
        if (Resolve(agentId, date, d) is not { } key)
        {
            return Invalid<IReadOnlyList<PlannedActivity>>(agentId, date, d);
        }

        if (activities is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON array of {start, end, kind[, queueId]} is required"] });
        }

        var skills = d.FindAgent(agentId)!.Skills.Select(s => s.QueueId).ToList();
        if (activities.Select((a, i) => (a, i)).FirstOrDefault(x => x.a.QueueId is { } q && !skills.Contains(q)) is { a: not null } wrong)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [$"activities[{wrong.i}].queueId"] = [$"'{wrong.a.QueueId}' is not a queue {agentId} is skilled for; they have {string.Join(", ", skills)}"],
            });
        }

        var grain = grains.GetGrain<IShiftGrain>(key);
        try
        {
            await grain.SetPlanAsync(activities);
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["activities"] = [e.Message] });
        }

        return TypedResults.Ok(await grain.GetPlanAsync());
    }

    private static string? Resolve(string agentId, string date, IContactCenterDirectory d) =>
        d.FindAgent(agentId) is not null && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? ShiftKey.For(agentId, day)
            : null;

    private static Results<Ok<T>, NotFound<string>, ValidationProblem> Invalid<T>(string agentId, string date, IContactCenterDirectory d) =>
        d.FindAgent(agentId) is null
            ? TypedResults.NotFound($"agent '{agentId}' is unknown")
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [$"'{date}' is not a date; expected yyyy-MM-dd"] });
}
