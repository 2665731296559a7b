using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Directory;
using Wfm.Planning.Forecasting;
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
    double PatienceSeconds = 180, IReadOnlyList<long>? ForecastIds = null, bool Calibrated = false);

/// <summary>A stored plan; <c>Plan</c> is left out of lists.</summary>
public sealed record StaffingPlanDto(long Id, string Name, DateTimeOffset CreatedAt, DateOnly Start, int Days, int IntervalMinutes, PeriodStaffingResult? Plan);

/// <summary>/api/staffing/plans: forecasts of the center's queues → agents per interval for a period, kept for scheduling.</summary>
public static class StaffingPlansApi
{
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
        StaffingPlanRequestDto request, StaffingPlanService plans, IContactCenterDirectory directory, ForecastService forecasts, CenterCalibrationService calibrations, CancellationToken ct)
    {
        try
        {
            if (!Enum.TryParse<AhtSource>(request.Aht, ignoreCase: true, out var aht) || !Enum.IsDefined(aht))
            {
                throw new PlanningException("aht", $"expected forecast, history or typed, got '{request.Aht}'");
            }

            var chosen = await forecasts.ForQueuesAsync(request.ForecastIds, directory.Queues.Select(q => q.Id), aht == AhtSource.History);
            // The newest forecast of each queue (none chosen): a queue whose forecast does not reach over the period is left out and named.
            // Calibrated: each voice queue with a kept calibration is staffed in agents logged in; the others as before.
            var calibration = request.Calibrated
                ? await calibrations.AllAsync(ct) ?? throw new PlanningException("calibrated", "no queue has a calibration yet: calibrate a voice queue on its past days or an outcomes file first")
                : null;
            var options = new PeriodStaffingOptions(request.Start, request.Weeks, request.Shrinkage, aht, request.AhtSeconds, request.PatienceSeconds,
                LeaveOutUncovered: request.ForecastIds is not { Count: > 0 }, Calibration: calibration);
            var plan = await plans.CreateAsync(request.Name, chosen, options, ct);
            return TypedResults.Created($"/api/staffing/plans/{plan.Id}", ToDto(plan));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static StaffingPlanDto ToDto(StaffingPlan p) =>
        new(p.Id, p.Name, p.CreatedAt, p.Result.Start, p.Result.Days, p.Result.IntervalMinutes, p.Result);
}
