using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Wfm.Core.Staffing;
using Wfm.Data.Forecasts;
using Wfm.Data.Scenarios;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;
using Wfm.Server.Hosting;
using Wfm.Server.Security;
using Wfm.Simulation;

namespace Wfm.Server.Api;

/// <summary>
/// /api/staffing: requirement and reverse calculation per interval set, saved scenarios, and the demo
/// center's traffic model as a starting point for the planner page.
/// </summary>
public static class StaffingApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapStaffingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/staffing").WithTags("Staffing").RequireAccess(Access.Planners);
        group.MapPost("/calculate", Calculate).WithSummary("Required agents per interval (or, with agents, the expected outcomes of that staffing)");
        group.MapPost("/backlog", Backlog).WithSummary("Least agents per interval for deferred work (email, messaging) meeting a response-time target");
        group.MapPost("/chart.svg", Chart).WithSummary("The calculation's chart as an SVG document");
        group.MapGet("/demo-traffic", DemoTraffic).WithSummary("The demo center's traffic model for a queue and day (not a forecast)");
        group.MapPost("/forecast-file", ReadForecastFile).WithSummary("Reads a forecast CSV (text/csv body) into intervals for one queue");
        group.MapGet("/scenarios", ListScenarios);
        group.MapPost("/scenarios", SaveScenario);
        group.MapGet("/scenarios/{id:long}", GetScenario);
        group.MapGet("/scenarios/{id:long}/chart.svg", ScenarioChart);
        group.MapDelete("/scenarios/{id:long}", DeleteScenario).Audited("scenario.delete");
        group.MapStaffingCalibrationApi();
        return group;
    }

    private static async Task<Results<Ok<StaffingResultDto>, ValidationProblem>> Calculate(
        StaffingRequestDto request, string? lang, CenterCalibrationService calibrations, CancellationToken cancellationToken)
    {
        try
        {
            var calibration = request.Calibrated ? await calibrations.ForQueuesAsync([request.Queue ?? "default"], cancellationToken) : null;
            return TypedResults.Ok(StaffingCalculator.Calculate(request, I18nApi.ChartWords(lang), calibration));
        }
        catch (StaffingInputException ex)
        {
            return Invalid(ex);
        }
        catch (Wfm.Planning.PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static Results<Ok<BacklogResultDto>, ValidationProblem> Backlog(BacklogRequestDto request, string? lang)
    {
        try
        {
            return TypedResults.Ok(StaffingCalculator.Backlog(request, I18nApi.ChartWords(lang)));
        }
        catch (StaffingInputException ex)
        {
            return Invalid(ex);
        }
    }

    private static IResult Chart(StaffingRequestDto request, string? lang)
    {
        try
        {
            return Results.Text(StaffingCalculator.Calculate(request, I18nApi.ChartWords(lang)).ChartSvg, "image/svg+xml");
        }
        catch (StaffingInputException ex)
        {
            return Invalid(ex);
        }
    }

    private static Results<Ok<DemoTrafficDto>, ValidationProblem> DemoTraffic(string queue, DateOnly? date, int? intervalMinutes, IOptions<WfmServerOptions> options)
    {
        var demo = DemoCenterGenerator.DemoQueues().FirstOrDefault(q => q.Profile.Id == queue);
        if (demo is null)
        {
            var known = string.Join(", ", DemoCenterGenerator.DemoQueues().Select(q => q.Profile.Id));
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["queue"] = [$"unknown queue '{queue}'; the demo center has {known}"] });
        }

        var minutes = intervalMinutes ?? options.Value.IntervalMinutes;
        if (minutes is not (15 or 30 or 60))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["intervalMinutes"] = [$"must be 15, 30 or 60, got {minutes}"] });
        }

        var day = date ?? DateOnly.FromDateTime(DateTime.Today.AddDays(1));
        var intervals = new List<StaffingIntervalDto>();
        for (var start = day.ToDateTime(TimeOnly.MinValue); start < day.AddDays(1).ToDateTime(TimeOnly.MinValue); start = start.AddMinutes(minutes))
        {
            var mid = start.AddMinutes(minutes / 2.0);
            var contacts = demo.PeakPerHour * IntradayProfile.Factor(mid) * minutes / 60;
            intervals.Add(new StaffingIntervalDto(start, Math.Round(contacts, 2), demo.MeanHandleSeconds + demo.MeanWrapUpSeconds));
        }

        var sl = demo.Profile.Target;
        return TypedResults.Ok(new DemoTrafficDto(demo.Profile.Id, demo.Profile.Name, day, minutes, demo.MeanPatienceSeconds, sl.Percent, sl.ThresholdSeconds, intervals));
    }

    private static async Task<Results<Ok<DemoTrafficDto>, ValidationProblem>> ReadForecastFile(HttpRequest http, string? queue, double? aht, string? name)
    {
        using var reader = new StreamReader(http.Body);
        var text = await reader.ReadToEndAsync();
        try
        {
            var all = ForecastCsv.Read(new StringReader(text), name ?? "forecast.csv");
            var series = queue is null ? all[0] : all.FirstOrDefault(s => s.Queue == queue)
                ?? throw new StaffingInputException("queue", $"'{queue}' is not in the file; it has {string.Join(", ", all.Select(s => s.Queue))}");
            var intervals = new List<StaffingIntervalDto>();
            foreach (var p in series.Points)
            {
                var handle = p.AhtSeconds ?? aht ?? throw new StaffingInputException("aht_seconds", $"line {p.Line} has no handle time: add an aht_seconds column or give the AHT");
                intervals.Add(new StaffingIntervalDto(p.Timestamp, p.Contacts, handle));
            }

            var first = DateOnly.FromDateTime(series.Points[0].Timestamp);
            return TypedResults.Ok(new DemoTrafficDto(series.Queue, series.Queue, first, series.IntervalMinutes, 0, 0, 0, intervals));
        }
        catch (InputFileException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Column ?? "file"] = [ex.Message] });
        }
        catch (StaffingInputException ex)
        {
            return Invalid(ex);
        }
    }

    /// <summary>Saved scenarios, newest first; <c>forecastId</c> keeps those computed from one stored forecast.</summary>
    private static async Task<Ok<ScenarioListItemDto[]>> ListScenarios(long? forecastId, StaffingScenarioStore store) =>
        TypedResults.Ok((await store.ListAsync(forecastId: forecastId)).Select(s => new ScenarioListItemDto(s.Id, s.Name, s.Queue, s.CreatedAt, s.ForecastId)).ToArray());

    private static async Task<Results<Created<ScenarioDto>, ValidationProblem>> SaveScenario(
        SaveScenarioDto body, StaffingScenarioStore store, ForecastStore forecasts)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["give the scenario a name of 1–200 characters"] });
        }

        if (body.ForecastId is { } forecastId && await forecasts.GetAsync(forecastId) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["forecastId"] = [$"no stored forecast has id {forecastId}"] });
        }

        StaffingResultDto result;
        try
        {
            result = StaffingCalculator.Calculate(body.Request);
        }
        catch (StaffingInputException ex)
        {
            return Invalid(ex, "request.");
        }

        var id = await store.SaveAsync(body.Name.Trim(), result.Queue, JsonSerializer.Serialize(body.Request, Json), JsonSerializer.Serialize(result, Json), body.ForecastId);
        var saved = (await store.GetAsync(id))!;
        return TypedResults.Created($"/api/staffing/scenarios/{id}", ToDto(saved));
    }

    private static async Task<Results<Ok<ScenarioDto>, NotFound>> GetScenario(long id, StaffingScenarioStore store) =>
        await store.GetAsync(id) is { } s ? TypedResults.Ok(ToDto(s)) : TypedResults.NotFound();

    /// <summary>The scenario's chart; in another language than English it is drawn again from the saved request.</summary>
    private static async Task<IResult> ScenarioChart(long id, string? lang, StaffingScenarioStore store)
    {
        if (await store.GetAsync(id) is not { } s)
        {
            return Results.NotFound();
        }

        var scenario = ToDto(s);
        var svg = lang is null or "en" ? scenario.Result.ChartSvg : StaffingCalculator.Calculate(scenario.Request, I18nApi.ChartWords(lang)).ChartSvg;
        return Results.Text(svg, "image/svg+xml");
    }

    private static async Task<Results<NoContent, NotFound>> DeleteScenario(long id, StaffingScenarioStore store) =>
        await store.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ScenarioDto ToDto(StoredScenario s) => new(
        s.Id, s.Name, s.Queue, s.CreatedAt,
        JsonSerializer.Deserialize<StaffingRequestDto>(s.RequestJson, Json)!,
        JsonSerializer.Deserialize<StaffingResultDto>(s.ResultJson, Json)!,
        s.ForecastId);

    private static ValidationProblem Invalid(StaffingInputException ex, string prefix = "") =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [prefix + ex.Field] = [ex.Detail] });
}
