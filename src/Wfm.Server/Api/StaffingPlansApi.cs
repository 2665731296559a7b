using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Directory;
using Wfm.Data.Forecasts;
using Wfm.Data.History;
using Wfm.Planning;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>
/// A staffing plan for a period as a planner asks for it: the period, shrinkage beyond breaks, where handle times come
/// from (forecast, history or typed), callers' patience for voice; the forecasts to use (default: the newest of each
/// queue of the center).
/// </summary>
public sealed record StaffingPlanRequestDto(
    DateOnly Start, int Weeks = 1, string? Name = null, double Shrinkage = 0.15, string Aht = "forecast", double? AhtSeconds = null,
    double PatienceSeconds = 180, IReadOnlyList<long>? ForecastIds = null);

/// <summary>A stored plan; <c>Plan</c> is left out of lists.</summary>
public sealed record StaffingPlanDto(long Id, string Name, DateTimeOffset CreatedAt, DateOnly Start, int Days, int IntervalMinutes, PeriodStaffingResult? Plan);

/// <summary>/api/staffing/plans: forecasts of the center's queues → agents per interval for a period, kept for scheduling.</summary>
public static class StaffingPlansApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapStaffingPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/staffing/plans").WithTags("Staffing").RequireAccess(Access.Planners);
        plans.MapPost("/", Create).WithSummary("Staffs a period (whole weeks) for every queue with a stored forecast, each by its channel's model and target, and keeps the plan").Audited("staffing.plan.create");
        plans.MapGet("/", async (StaffingPlanService s, CancellationToken ct) =>
            TypedResults.Ok((await s.ListAsync(ct)).Select(p => new StaffingPlanDto(p.Id, p.Name, p.CreatedAt, p.Start, p.Days, p.IntervalMinutes, null)).ToArray()));
        plans.MapGet("/{id:long}", async Task<Results<Ok<StaffingPlanDto>, NotFound>> (long id, StaffingPlanService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } p ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound());
        plans.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (long id, StaffingPlanService s, CancellationToken ct) =>
            await s.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).Audited("staffing.plan.delete");
    }

    private static async Task<Results<Created<StaffingPlanDto>, ValidationProblem>> Create(
        StaffingPlanRequestDto request, StaffingPlanService plans, IContactCenterDirectory directory, ForecastStore forecasts, HistoryStore history, CancellationToken ct)
    {
        try
        {
            if (!Enum.TryParse<AhtSource>(request.Aht, ignoreCase: true, out var aht) || !Enum.IsDefined(aht))
            {
                throw new PlanningException("aht", $"expected forecast, history or typed, got '{request.Aht}'");
            }

            var chosen = await ForecastsAsync(request.ForecastIds, directory, forecasts, history, aht == AhtSource.History);
            var options = new PeriodStaffingOptions(request.Start, request.Weeks, request.Shrinkage, aht, request.AhtSeconds, request.PatienceSeconds);
            var plan = await plans.CreateAsync(request.Name, chosen, options, ct);
            return TypedResults.Created($"/api/staffing/plans/{plan.Id}", ToDto(plan));
        }
        catch (PlanningException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Detail).ToArray()));
        }
    }

    /// <summary>The forecasts named, or the newest stored forecast of each active queue; with the history's mean handle time when asked for.</summary>
    private static async Task<List<QueueForecast>> ForecastsAsync(
        IReadOnlyList<long>? ids, IContactCenterDirectory directory, ForecastStore forecasts, HistoryStore history, bool historyAht)
    {
        var series = (await history.ListAsync()).ToDictionary(s => s.Key, StringComparer.Ordinal);
        string QueueOf(string key) => series.TryGetValue(key, out var s) ? s.Queue : key.Split('/')[0];
        var stored = await forecasts.ListAsync();
        var picked = ids is { Count: > 0 }
            ? ids.Select(id => stored.FirstOrDefault(f => f.Id == id) ?? throw new PlanningException("forecastIds", $"there is no stored forecast {id}")).ToList()
            : [.. directory.Queues.Select(q => stored.FirstOrDefault(f => QueueOf(f.SeriesKey) == q.Id)).OfType<StoredForecast>()];
        if (picked.GroupBy(f => QueueOf(f.SeriesKey)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new PlanningException("forecastIds", $"forecasts {string.Join(" and ", twice.Select(f => f.Id))} are both of queue '{twice.Key}': choose one");
        }

        var result = new List<QueueForecast>();
        foreach (var f in picked)
        {
            var full = (await forecasts.GetAsync(f.Id))!;
            var intervals = JsonSerializer.Deserialize<ForecastResultDto>(full.ResultJson, Json)!.Intervals;
            double? aht = null;
            if (historyAht)
            {
                var kept = await history.IntervalsAsync(f.SeriesKey);
                var weighted = kept.Where(i => i.AhtSeconds is not null && i.Offered > 0).ToList();
                aht = weighted.Count == 0 ? null : weighted.Sum(i => i.AhtSeconds!.Value * i.Offered) / weighted.Sum(i => i.Offered);
            }

            result.Add(new QueueForecast(QueueOf(f.SeriesKey), f.Id, [.. intervals.Select((x, i) => new ForecastPoint(x.Start, x.Forecast, x.AhtSeconds, i))], aht));
        }

        return result;
    }

    private static StaffingPlanDto ToDto(StaffingPlan p) =>
        new(p.Id, p.Name, p.CreatedAt, p.Result.Start, p.Result.Days, p.Result.IntervalMinutes, p.Result);
}
