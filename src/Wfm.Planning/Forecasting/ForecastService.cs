using System.Text.Json;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Models;
using Wfm.Core.Ports;
using Wfm.Planning.Center;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;

namespace Wfm.Planning.Forecasting;

/// <summary>A stored forecast with its request and result read back.</summary>
public sealed record Forecast(StoredForecast Stored, ForecastRequestDto? Request, ForecastResultDto Result);

/// <summary>
/// Forecasts of stored history: made with the model the backtest picks (or one named), with the public holidays asked for
/// (by default the center's), the center's own days (closed days closed, others as named special days) and the planner's
/// special days, kept with their chart; read back for staffing. Errors name the field and what was expected.
/// </summary>
public sealed class ForecastService(IHistoryStore histories, IForecastStore forecasts, CenterService? center = null)
{
    /// <summary>How long one forecast (backtest, choice and forecast) may take on the server.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Forecasts a stored series and keeps the forecast. Stops when <paramref name="cancellationToken"/> fires.</summary>
    public async Task<Forecast> CreateAsync(ForecastRequestDto request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.Series))
        {
            throw new PlanningException("series", "name the stored history series to forecast (see GET /api/history)");
        }

        // The request's own numbers are checked before any history is read: a far-out horizon is refused at once.
        var options = new ForecastOptions
        {
            Model = string.IsNullOrWhiteSpace(request.Model) ? ModelCatalog.Auto : request.Model.Trim(),
            HorizonDays = request.HorizonDays,
            BacktestOrigins = request.Origins,
            IntervalLevel = request.Level,
        };
        try
        {
            options.Validate();
        }
        catch (ForecastInputException ex)
        {
            throw Refused(ex);
        }

        DemandHistory? history;
        try
        {
            history = await histories.LoadAsync(request.Series);
        }
        catch (ForecastInputException ex)
        {
            throw new PlanningException("series", $"the stored history of '{request.Series}' cannot be forecast: {ex.Detail}");
        }

        if (history is null)
        {
            var stored = (await histories.ListAsync()).Select(s => s.Key).ToArray();
            throw new PlanningException("series", stored.Length == 0
                ? $"no history is stored for '{request.Series}'; import some first (POST /api/history)"
                : $"no history is stored for '{request.Series}'; stored series: {string.Join(", ", stored)}");
        }

        ForecastResult result;
        try
        {
            var setup = center is null ? null : await center.GetAsync(cancellationToken);
            request = request with { Holidays = request.Holidays ?? setup?.Settings.Holidays };
            options = options with { Calendar = Calendar(request, setup?.Days ?? [], history.FirstDay, history.LastDay.AddDays(request.HorizonDays)) };
            // Bounded end to end: the caller leaving stops it, and so does the server's time limit.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeLimit);
            try
            {
                result = await Task.Run(() => Forecaster.Run(history, options, null, limit.Token), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PlanningException("origins", $"the forecast took longer than the {TimeLimit.TotalSeconds:0} s a forecast may take: ask for fewer backtest origins or forecast a shorter history");
            }
        }
        catch (ForecastInputException ex)
        {
            throw Refused(ex);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var dto = ForecastResultDto.From(result, history.LastDay);
        var chart = ForecastReport.Chart(history, result);
        var id = await forecasts.SaveAsync(
            request.Series, result.Model, request.HorizonDays, result.IntervalMinutes, result.Intervals.Sum(i => i.Forecast),
            JsonSerializer.Serialize(request, Json), JsonSerializer.Serialize(dto, Json), chart);
        return (await GetAsync(id))!;
    }

    /// <summary>A forecasting refusal in the API's field names.</summary>
    private static PlanningException Refused(ForecastInputException ex) => new(ex.Field switch
    {
        "backtestOrigins" => "origins",
        "intervalLevel" => "level",
        "country" => "holidays",
        var f => f,
    }, ex.Detail);

    public async Task<Forecast?> GetAsync(long id) =>
        await forecasts.GetAsync(id) is { } f
            ? new Forecast(f, JsonSerializer.Deserialize<ForecastRequestDto>(f.RequestJson, Json), JsonSerializer.Deserialize<ForecastResultDto>(f.ResultJson, Json)!)
            : null;

    public Task<IReadOnlyList<StoredForecast>> ListAsync(string? series = null) => forecasts.ListAsync(series);

    public Task<bool> DeleteAsync(long id) => forecasts.DeleteAsync(id);

    /// <summary>
    /// The forecasts a staffing plan uses: the ones named, or the newest stored forecast of each of <paramref name="queueIds"/>;
    /// with the mean handle time of the history behind each when <paramref name="historyAht"/>.
    /// </summary>
    public async Task<IReadOnlyList<QueueForecast>> ForQueuesAsync(IReadOnlyList<long>? ids, IEnumerable<string> queueIds, bool historyAht)
    {
        var series = (await histories.ListAsync()).ToDictionary(s => s.Key, StringComparer.Ordinal);
        string QueueOf(string key) => series.TryGetValue(key, out var s) ? s.Queue : key.Split('/')[0];
        var stored = await forecasts.ListAsync();
        var picked = ids is { Count: > 0 }
            ? ids.Select(id => stored.FirstOrDefault(f => f.Id == id) ?? throw new PlanningException("forecastIds", $"there is no stored forecast {id}")).ToList()
            : [.. queueIds.Select(q => stored.FirstOrDefault(f => QueueOf(f.SeriesKey) == q)).OfType<StoredForecast>()];
        if (picked.GroupBy(f => QueueOf(f.SeriesKey)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new PlanningException("forecastIds", $"forecasts {string.Join(" and ", twice.Select(f => f.Id))} are both of queue '{twice.Key}': choose one");
        }

        var result = new List<QueueForecast>();
        foreach (var f in picked)
        {
            var full = (await GetAsync(f.Id))!;
            var intervals = full.Result.Intervals;
            var (from, through) = full.Result.HistoryLastDay == default
                ? ((DateOnly?)null, (DateOnly?)null)
                : (full.Result.HistoryLastDay.AddDays(1), full.Result.HistoryLastDay.AddDays(f.HorizonDays));
            double? aht = null;
            if (historyAht)
            {
                var kept = await histories.IntervalsAsync(f.SeriesKey);
                var weighted = kept.Where(i => i.AhtSeconds is not null && i.Offered > 0).ToList();
                aht = weighted.Count == 0 ? null : weighted.Sum(i => i.AhtSeconds!.Value * i.Offered) / weighted.Sum(i => i.Offered);
            }

            result.Add(new QueueForecast(QueueOf(f.SeriesKey), f.Id, [.. intervals.Select((x, i) => new ForecastPoint(x.Start, x.Forecast, x.AhtSeconds, i))], aht, from, through, f.SeriesKey));
        }

        return result;
    }

    private static SpecialDayCalendar Calendar(ForecastRequestDto request, IReadOnlyList<Core.Directory.CenterDay> own, DateOnly from, DateOnly to)
    {
        var days = new List<SpecialDay>();
        if (!string.IsNullOrWhiteSpace(request.Holidays) && !request.Holidays.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            days.AddRange(HolidayCalendars.For(request.Holidays.Trim(), from.Year, to.Year, request.LunarShift));
        }

        // The center's own days, unless the planner's list names the date itself.
        var named = (request.SpecialDays ?? []).Select(d => d.Date).ToHashSet();
        days.AddRange(own.Where(d => d.Date >= from && d.Date <= to && !named.Contains(d.Date)).Select(d => new SpecialDay(d.Date, d.Name, d.Closed)));

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
}
