using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Grains.Abstractions;
using Wfm.Server.Board;

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
            .WithSummary("The center's time zone, interval length, today's local date, teams and queues");

        api.MapGet("/board", (BoardCache cache) => TypedResults.Ok(cache.Snapshot()))
            .WithSummary("Everything the board shows, as last pushed");

        api.MapGet("/queues/{id}", GetQueueAsync).WithSummary("A queue's live snapshot");
        api.MapGet("/queues/{id}/intervals", GetIntervalsAsync).WithSummary("Today's statistics per interval");
        api.MapGet("/agents/{id}", GetAgentAsync).WithSummary("An agent's live snapshot with adherence");
        api.MapGet("/shifts/{agentId}/{date}", GetShiftAsync).WithSummary("An agent's planned activities for a local date (yyyy-MM-dd)");
        api.MapPut("/shifts/{agentId}/{date}", PutShiftAsync).WithSummary("Replace an agent's plan for a local date");
        api.MapGet("/shifts/{agentId}/{date}/adherence", GetAdherenceAsync).WithSummary("Adherence so far for that day");
        return api;
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
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON array of {start, end, kind} is required"] });
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
