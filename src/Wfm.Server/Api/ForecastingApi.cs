using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wfm.Core.Directory;
using Wfm.Core.Forecasting.Models;
using Wfm.Core.Forecasting;
using Wfm.Core.Ports;
using Wfm.Data.Forecasts;
using Wfm.Data.History;
using Wfm.Planning.Csv;
using Wfm.Planning.Forecasting;
using Wfm.Planning;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>
/// /api/history: import contact history (CSV body, interval totals or one row per contact), list,
/// read and delete stored series. /api/forecasts: forecast a stored series (model chosen by backtest
/// or named), keep it, fetch it with its accuracy report, chart and CSV.
/// </summary>
public static class ForecastingApi
{
    /// <summary>Largest history file accepted in one request (a year of per-contact rows for a mid-size center).</summary>
    public const long MaxHistoryBytes = 256L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapForecastingApi(this RouteGroupBuilder api)
    {
        var history = api.MapGroup("/history").WithTags("History").RequireAccess(Access.Planners);
        history.MapPost("/", Import)
            .WithMetadata(new RequestSizeLimitAttribute(MaxHistoryBytes))
            .WithSummary("Imports a history CSV (text/csv body) into series named by its queues or by `series`; replaces the stored days it covers, all series or none; a file whose days do not meet a stored series' needs mode=append, replace or new")
            .Audited("history.import");
        history.MapPost("/rename", Rename).WithSummary("Gives a stored series another name (its forecasts follow)").Audited("history.rename");
        history.MapGet("/", ListSeries).WithSummary("Stored history series: queue, channel, interval length, days covered, contacts");
        history.MapGet("/intervals", Intervals).WithSummary("A series' stored intervals between two days");
        history.MapDelete("/", DeleteSeries).WithSummary("Deletes a stored series and its intervals").Audited("history.delete");

        var forecasts = api.MapGroup("/forecasts").WithTags("Forecasts").RequireAccess(Access.Planners);
        forecasts.MapGet("/models", Models).WithSummary("The models a forecast can use besides auto");
        forecasts.MapPost("/", Create).WithSummary("Forecasts a stored series and keeps the forecast");
        forecasts.MapGet("/", List).WithSummary("Stored forecasts, newest first (optionally of one series)");
        forecasts.MapGet("/{id:long}", Get);
        forecasts.MapGet("/{id:long}/chart.svg", Chart).WithSummary("History, forecast and prediction band as SVG");
        forecasts.MapGet("/{id:long}/forecast.csv", Csv).WithSummary("timestamp, queue, forecast, lower, upper[, aht_seconds]: the input of `wfm staff`");
        forecasts.MapDelete("/{id:long}", Delete).Audited("forecast.delete");
    }

    private static async Task<Results<Ok<HistoryImportDto>, ValidationProblem>> Import(
        HttpRequest http, HistoryService service, string? name, int? intervalMinutes, string? timeZone, string? queue,
        [FromQuery(Name = "column")] string[]? columns, string? series, string? mode)
    {
        // CsvHelper reads synchronously; the body is buffered first so the server's threads never block on the network.
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, http.HttpContext.RequestAborted);
        buffer.Position = 0;
        using var reader = new StreamReader(buffer);
        var request = new HistoryImportRequest(name ?? "history.csv", columns, intervalMinutes, timeZone, queue, series, mode);
        try
        {
            var imported = await service.ImportAsync(reader, request, http.HttpContext.RequestAborted);
            return TypedResults.Ok(new HistoryImportDto(string.IsNullOrWhiteSpace(name) ? "history.csv" : Path.GetFileName(name.Trim()), imported));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> Rename(SeriesRenameDto body, HistoryService service)
    {
        try
        {
            return await service.RenameAsync(body.Series, body.Name) ? TypedResults.NoContent() : TypedResults.NotFound();
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<Ok<IReadOnlyList<StoredSeries>>> ListSeries(HistoryService service) => TypedResults.Ok(await service.ListAsync());

    private static async Task<Results<Ok<IReadOnlyList<StoredInterval>>, NotFound, ValidationProblem>> Intervals(
        HistoryService service, string series, DateOnly? from, DateOnly? to)
    {
        try
        {
            var intervals = await service.IntervalsAsync(series, from, to);
            return await service.FindAsync(series) is null ? TypedResults.NotFound() : TypedResults.Ok(intervals);
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<Results<NoContent, NotFound>> DeleteSeries(HistoryService service, string series) =>
        await service.DeleteAsync(series) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Ok<ForecastModelDto[]> Models() =>
        TypedResults.Ok(ModelCatalog.Candidates.Select(n => ModelCatalog.Create(n)).Select(m => new ForecastModelDto(m.Name, m.Description)).ToArray());

    private static async Task<Results<Created<ForecastDto>, ValidationProblem>> Create(ForecastRequestDto request, ForecastService service, HttpContext http)
    {
        try
        {
            var forecast = await service.CreateAsync(request, http.RequestAborted);
            return TypedResults.Created($"/api/forecasts/{forecast.Stored.Id}", ToDto(forecast.Stored, full: true));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<Ok<ForecastDto[]>> List(ForecastStore store, string? series) =>
        TypedResults.Ok((await store.ListAsync(series)).Select(f => ToDto(f, full: false)).ToArray());

    private static async Task<Results<Ok<ForecastDto>, NotFound>> Get(long id, ForecastStore store) =>
        await store.GetAsync(id) is { } f ? TypedResults.Ok(ToDto(f, full: true)) : TypedResults.NotFound();

    /// <summary>
    /// The chart in the reader's language (<c>lang</c>), drawn from the stored forecast and the three weeks
    /// of stored history before it; the chart kept at creation (English) when that history is gone.
    /// </summary>
    private static async Task<IResult> Chart(long id, string? lang, ForecastStore store, HistoryStore histories)
    {
        if (await store.GetAsync(id) is not { } f)
        {
            return Results.NotFound();
        }

        var result = JsonSerializer.Deserialize<ForecastResultDto>(f.ResultJson, Json)!;
        if (lang is null or "en" || result.HistoryLastDay == default)
        {
            return Results.Text(f.ChartSvg, "image/svg+xml");
        }

        var recent = await histories.IntervalsAsync(f.SeriesKey, result.HistoryLastDay.AddDays(-20), result.HistoryLastDay);
        if (recent.Count == 0)
        {
            return Results.Text(f.ChartSvg, "image/svg+xml");
        }

        var svg = ForecastReport.Chart(recent.Select(i => (i.Start, i.Offered)).ToArray(), result.ToResult(), I18nApi.ChartWords(lang));
        return Results.Text(svg, "image/svg+xml");
    }

    private static async Task<IResult> Csv(long id, ForecastStore store)
    {
        if (await store.GetAsync(id) is not { } f)
        {
            return Results.NotFound();
        }

        var writer = new StringWriter();
        ForecastReport.WriteCsv(writer, [JsonSerializer.Deserialize<ForecastResultDto>(f.ResultJson, Json)!.ToResult()]);
        var file = $"forecast-{f.SeriesKey.Replace('/', '-')}-{f.Id}.csv";
        return Results.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", file);
    }

    private static async Task<Results<NoContent, NotFound>> Delete(long id, ForecastStore store) =>
        await store.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ForecastDto ToDto(StoredForecast f, bool full) => new(
        f.Id, f.SeriesKey, f.Model, f.CreatedAt, f.HorizonDays, f.IntervalMinutes, Math.Round(f.Contacts, 1),
        full ? JsonSerializer.Deserialize<ForecastRequestDto>(f.RequestJson, Json) : null,
        full ? JsonSerializer.Deserialize<ForecastResultDto>(f.ResultJson, Json) : null);
}
