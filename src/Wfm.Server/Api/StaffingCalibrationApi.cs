using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Staffing;
using Wfm.Planning;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>
/// /api/staffing/calibrations: each queue's staffing calibrated on its own outcomes — fitted from the floor's past days
/// or from an outcomes file, kept per queue, used by <c>calculate</c> when asked — and /api/staffing/model-vs-actuals,
/// a past day's service level and abandonment against every model's prediction.
/// </summary>
public static class StaffingCalibrationApi
{
    public static RouteGroupBuilder MapStaffingCalibrationApi(this RouteGroupBuilder group)
    {
        group.MapGet("/calibrations", async (CenterCalibrationService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .WithSummary("Every queue's kept calibration: its factors, each model's error on the held-out days, what each factor does");
        group.MapGet("/calibrations/{queue}", async Task<Results<Ok<CalibrationReport>, NotFound>> (string queue, CenterCalibrationService s, CancellationToken ct) =>
                await s.GetAsync(queue, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound())
            .WithSummary("A queue's kept calibration");
        group.MapPost("/calibrations/{queue}/floor", FromFloor)
            .WithSummary("Fits the queue's calibration on its last days (days=28; holdoutDays: the last days scored, not fitted) from the floor's counters and agents logged in, and keeps it")
            .Audited("staffing.calibration.floor");
        group.MapPost("/calibrations", FromFile)
            .WithSummary("Fits calibrations from an outcomes CSV (text/csv body: timestamp, queue, offered, answered, abandoned, answered_within_threshold, aht_seconds, agents) and keeps one per queue; nothing is kept when any row or queue is refused")
            .Audited("staffing.calibration.import");
        group.MapDelete("/calibrations/{queue}", async Task<Results<NoContent, NotFound>> (string queue, CenterCalibrationService s, CancellationToken ct) =>
                await s.DeleteAsync(queue, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .Audited("staffing.calibration.delete");
        group.MapGet("/model-vs-actuals", ModelVsActuals)
            .WithSummary("A past day of a queue: actual service level and abandonment per interval beside Erlang C, Erlang A, the simulation and (when kept) the calibrated model, fed the same load and agents logged in, with each model's mean absolute error");
        group.MapGet("/model-vs-actuals/chart.svg", ModelVsActualsChart)
            .WithSummary("The past day's chart: actual service level per interval and each model's prediction (lang=tr|fa labels it)");
        return group;
    }

    private static async Task<IResult> ModelVsActualsChart(string queue, DateOnly date, string? lang, CenterCalibrationService s, Wfm.Core.Directory.IContactCenterDirectory directory, CancellationToken ct)
    {
        try
        {
            var view = await s.ModelVsActualsAsync(queue, date, ct);
            return Results.Text(CenterCalibrationService.Chart(view, directory.FindQueue(queue)?.Name ?? queue, I18nApi.ChartWords(lang)), "image/svg+xml");
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<Results<Ok<CalibrationReport>, ValidationProblem>> FromFloor(
        string queue, int? days, int? holdoutDays, CenterCalibrationService s, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await s.CalibrateFromFloorAsync(queue, days ?? 28, holdoutDays, ct));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
        catch (StaffingInputException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Detail] });
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<CalibrationReport>>, ValidationProblem>> FromFile(
        HttpRequest http, string? name, double? thresholdSeconds, bool? abandonsAreMisses, int? holdoutDays, CenterCalibrationService s, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Body);
        var text = await reader.ReadToEndAsync(ct);
        try
        {
            return TypedResults.Ok(await s.CalibrateFromFileAsync(text, name ?? "outcomes.csv", thresholdSeconds ?? 20, abandonsAreMisses ?? true, holdoutDays, ct));
        }
        catch (InputFileException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Column ?? "file"] = [ex.Message] });
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
        catch (StaffingInputException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Detail] });
        }
    }

    private static async Task<Results<Ok<ModelVsActuals>, ValidationProblem>> ModelVsActuals(string queue, DateOnly date, CenterCalibrationService s, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await s.ModelVsActualsAsync(queue, date, ct));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }
}
