using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wfm.Core.Directory;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Models;
using Wfm.Data.Forecasts;
using Wfm.Data.History;
using Wfm.Planning.Csv;
using Wfm.Planning.Forecasting;

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
        HttpRequest http, HistoryStore store, InMemoryDirectory directory,
        string? name, int? intervalMinutes, string? timeZone, string? queue, [FromQuery(Name = "column")] string[]? columns, string? series, string? mode)
    {
        HistoryImportMode? importMode = null;
        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (!Enum.TryParse<HistoryImportMode>(mode, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Invalid("mode", $"expected append, replace or new, got '{mode}'");
            }

            importMode = parsed;
        }

        var fileName = string.IsNullOrWhiteSpace(name) ? "history.csv" : Path.GetFileName(name.Trim());
        HistoryReadOptions options;
        try
        {
            var known = directory.Queues.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
            options = new HistoryReadOptions
            {
                Columns = new HistoryColumns().Map(columns ?? []),
                IntervalMinutes = intervalMinutes,
                TimeZone = timeZone is null ? directory.Clock.Zone : HistoryReadOptions.FindZone(timeZone, "timeZone"),
                DefaultQueue = queue?.Trim() ?? string.Empty,
                KnownQueues = known.Count > 0 ? known : null,
            };
        }
        catch (ForecastInputException ex)
        {
            return Invalid(ex.Field, ex.Detail);
        }

        // CsvHelper reads synchronously; the body is buffered first so the server's threads never block on the network.
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, http.HttpContext.RequestAborted);
        buffer.Position = 0;
        IReadOnlyList<DemandHistory> histories;
        try
        {
            using var reader = new StreamReader(buffer);
            histories = HistoryCsv.Read(reader, fileName, options);
        }
        catch (InputFileException ex)
        {
            return Invalid(ex.Column ?? "file", ex.Message);
        }
        catch (ForecastInputException ex)
        {
            return Invalid(ex.Field, $"{fileName}: {ex.Message}");
        }

        try
        {
            return TypedResults.Ok(new HistoryImportDto(fileName, await store.ImportAsync(histories, fileName, string.IsNullOrWhiteSpace(series) ? null : series.Trim(), importMode)));
        }
        catch (HistoryConflictException ex)
        {
            return Invalid(ex.Field, ex.Message);
        }
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> Rename(SeriesRenameDto body, HistoryStore store)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 120)
        {
            return Invalid("name", "give the series a name of 1 to 120 characters");
        }

        try
        {
            return await store.RenameAsync(body.Series, body.Name.Trim()) ? TypedResults.NoContent() : TypedResults.NotFound();
        }
        catch (HistoryConflictException ex)
        {
            return Invalid(ex.Field, ex.Message);
        }
    }

    private static async Task<Ok<IReadOnlyList<StoredSeries>>> ListSeries(HistoryStore store) => TypedResults.Ok(await store.ListAsync());

    private static async Task<Results<Ok<IReadOnlyList<StoredInterval>>, NotFound, ValidationProblem>> Intervals(
        HistoryStore store, string series, DateOnly? from, DateOnly? to)
    {
        if (from is { } f && to is { } t && t < f)
        {
            return Invalid("to", $"must not be before from ({f:yyyy-MM-dd})");
        }

        if (await store.FindAsync(series) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await store.IntervalsAsync(series, from, to));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteSeries(HistoryStore store, string series) =>
        await store.DeleteAsync(series) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Ok<ForecastModelDto[]> Models() =>
        TypedResults.Ok(ModelCatalog.Candidates.Select(n => ModelCatalog.Create(n)).Select(m => new ForecastModelDto(m.Name, m.Description)).ToArray());

    private static async Task<Results<Created<ForecastDto>, ValidationProblem>> Create(ForecastRequestDto request, HistoryStore histories, ForecastStore forecasts)
    {
        if (string.IsNullOrWhiteSpace(request.Series))
        {
            return Invalid("series", "name the stored history series to forecast (see GET /api/history)");
        }

        DemandHistory? history;
        try
        {
            history = await histories.LoadAsync(request.Series);
        }
        catch (ForecastInputException ex)
        {
            return Invalid("series", $"the stored history of '{request.Series}' cannot be forecast: {ex.Detail}");
        }

        if (history is null)
        {
            var stored = (await histories.ListAsync()).Select(s => s.Key).ToArray();
            return Invalid("series", stored.Length == 0
                ? $"no history is stored for '{request.Series}'; import some first (POST /api/history)"
                : $"no history is stored for '{request.Series}'; stored series: {string.Join(", ", stored)}");
        }

        ForecastResult result;
        try
        {
            var options = new ForecastOptions
            {
                Model = string.IsNullOrWhiteSpace(request.Model) ? ModelCatalog.Auto : request.Model.Trim(),
                HorizonDays = request.HorizonDays,
                BacktestOrigins = request.Origins,
                IntervalLevel = request.Level,
            };
            options.Validate();
            options = options with { Calendar = Calendar(request, history.FirstDay, history.LastDay.AddDays(request.HorizonDays)) };
            result = await Task.Run(() => Forecaster.Run(history, options));
        }
        catch (ForecastInputException ex)
        {
            return Invalid(ex.Field switch
            {
                "backtestOrigins" => "origins",
                "intervalLevel" => "level",
                "country" => "holidays",
                var f => f,
            }, ex.Detail);
        }

        var dto = ForecastResultDto.From(result, history.LastDay);
        var chart = ForecastReport.Chart(history, result);
        var id = await forecasts.SaveAsync(
            request.Series, result.Model, request.HorizonDays, result.IntervalMinutes, result.Intervals.Sum(i => i.Forecast),
            JsonSerializer.Serialize(request, Json), JsonSerializer.Serialize(dto, Json), chart);
        return TypedResults.Created($"/api/forecasts/{id}", ToDto((await forecasts.GetAsync(id))!, full: true));
    }

    private static SpecialDayCalendar Calendar(ForecastRequestDto request, DateOnly from, DateOnly to)
    {
        var days = new List<SpecialDay>();
        if (!string.IsNullOrWhiteSpace(request.Holidays) && !request.Holidays.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            days.AddRange(HolidayCalendars.For(request.Holidays.Trim(), from.Year, to.Year, request.LunarShift));
        }

        var row = 0;
        foreach (var d in request.SpecialDays ?? [])
        {
            row++;
            var day = new SpecialDay(d.Date, d.Name?.Trim() ?? string.Empty, d.Closed, d.Factor, d.DaysBefore, d.DaysAfter);
            try
            {
                day.Validate();
            }
            catch (ForecastInputException ex)
            {
                throw new ForecastInputException($"specialDays[{row - 1}].{ex.Field}", ex.Detail);
            }

            days.Add(day);
        }

        return new SpecialDayCalendar(days);
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
        return Results.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", file);
    }

    private static async Task<Results<NoContent, NotFound>> Delete(long id, ForecastStore store) =>
        await store.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ForecastDto ToDto(StoredForecast f, bool full) => new(
        f.Id, f.SeriesKey, f.Model, f.CreatedAt, f.HorizonDays, f.IntervalMinutes, Math.Round(f.Contacts, 1),
        full ? JsonSerializer.Deserialize<ForecastRequestDto>(f.RequestJson, Json) : null,
        full ? JsonSerializer.Deserialize<ForecastResultDto>(f.ResultJson, Json) : null);


    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
