using Wfm.Core.Forecasting.Models;

namespace Wfm.Core.Forecasting;

/// <summary>What to forecast: model ("auto" selects by backtest), horizon, backtest shape, band level, special days.</summary>
public sealed record ForecastOptions
{
    public string Model { get; init; } = ModelCatalog.Auto;

    public int HorizonDays { get; init; } = 14;

    /// <summary>Origins of the selection backtest (a week apart).</summary>
    public int BacktestOrigins { get; init; } = 8;

    /// <summary>Central probability of the prediction interval (0.8 = 10th to 90th percentile).</summary>
    public double IntervalLevel { get; init; } = 0.8;

    /// <summary>Holidays and events; their days are left out of fitting and get their own effects.</summary>
    public SpecialDayCalendar? Calendar { get; init; }

    public void Validate()
    {
        Backtester.CheckHorizon(HorizonDays);
        if (!string.Equals(Model, ModelCatalog.Auto, StringComparison.OrdinalIgnoreCase))
        {
            ModelCatalog.Create(Model);
        }

        if (BacktestOrigins is < 1 or > 104)
        {
            throw new ForecastInputException("backtestOrigins", $"must be between 1 and 104, got {BacktestOrigins}");
        }

        if (!(IntervalLevel is > 0 and < 1))
        {
            throw new ForecastInputException("intervalLevel", $"must be between 0 and 1 (e.g. 0.8), got {IntervalLevel}");
        }
    }
}

/// <summary>One forecast interval: start (wall clock), contacts, prediction interval, AHT when the history had handle times.</summary>
public readonly record struct ForecastInterval(DateTime Start, double Forecast, double Lower, double Upper, double? AhtSeconds);

/// <summary>A queue's forecast, the model that made it, the backtest behind the choice and the history days left out.</summary>
public sealed record ForecastResult(
    string Queue,
    int IntervalMinutes,
    string Model,
    IReadOnlyList<ForecastInterval> Intervals,
    BacktestReport? Backtest,
    IReadOnlyList<ExcludedDay> Excluded,
    IReadOnlyList<AppliedSpecialDay> SpecialDays,
    double IntervalLevel,
    IReadOnlyList<string>? ClosedHours = null,
    string? Fallback = null,
    string? Reason = null);

/// <summary>
/// Forecasts one queue: prepares the history, backtests the candidate models on rolling origins and
/// picks the most accurate (or uses the one asked for), forecasts volume on open intervals of open
/// days, applies special-day effects, adds prediction intervals from the backtest's errors and the
/// handle-time forecast.
/// </summary>
public static class Forecaster
{
    /// <summary>Backtests, chooses and forecasts; stops with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.</summary>
    public static ForecastResult Run(DemandHistory history, ForecastOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var calendar = options.Calendar ?? SpecialDayCalendar.Empty;
        Func<DateOnly, bool> special = calendar.Covers;
        var auto = string.Equals(options.Model, ModelCatalog.Auto, StringComparison.OrdinalIgnoreCase);
        var candidates = auto ? ModelCatalog.Candidates : [ModelCatalog.Create(options.Model).Name];
        BacktestReport? backtest = null;
        var backtestHorizon = Math.Min(options.HorizonDays, 14);
        if (history.DayCount >= Backtester.MinimumTrainingDays + backtestHorizon)
        {
            progress?.Report($"backtesting {candidates.Count} model(s) on up to {options.BacktestOrigins} origins");
            backtest = Backtester.Run(history, candidates, options.BacktestOrigins, backtestHorizon, special, cancellationToken);
        }

        var training = TrainingSet.Prepare(history, special);
        var slots = history.SlotsPerDay;
        var volume = new double[options.HorizonDays * slots];
        var cap = ForecastGuard.Cap(history);

        // Auto takes the best model of the backtest that does not run away on the whole history; a model asked for by
        // name that runs away gives way to the 4-week weekday mean, and the result says so.
        var order = auto
            ? (backtest is null ? [] : backtest.Ranked.Where(m => !m.Diverged).Select(m => m.Model).Prepend(backtest.Best.Model)).Append("avg4w").Distinct().ToList()
            : [candidates[0], "avg4w"];
        IForecastModel? model = null;
        string? fallback = null;
        foreach (var name in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidate = ModelCatalog.Create(name);
            progress?.Report($"forecasting {options.HorizonDays} days with {candidate.Name}");
            Array.Clear(volume);
            candidate.Forecast(training, options.HorizonDays, volume);
            if (!ForecastGuard.RanAway(training, volume))
            {
                model = candidate;
                break;
            }

            if (!auto && fallback is null)
            {
                fallback = $"the {candidate.Name} model ran away on this history (a forecast not finite, beyond ten times its busiest interval, or a first week below half or above twice the last four weeks' mean); the 4-week weekday mean was used instead";
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (model is null)
        {
            throw new ForecastInputException("model", $"the {order[^1]} model ran away on this history (forecasts not finite or beyond ten times its busiest interval, {(cap - 10) / 10:0.#}); choose another model, or auto");
        }
        var applied = calendar.Apply(training, volume, options.HorizonDays);
        var dispersion = backtest?.Models.FirstOrDefault(m => m.Model == model.Name)?.Dispersion;
        var handleTimes = HandleTimeForecast.Fit(training);
        var intervals = new List<ForecastInterval>();
        for (var h = 0; h < options.HorizonDays; h++)
        {
            var date = history.Date(0).AddDays(history.DayCount + h);
            var weekday = date.DayOfWeek;
            var closed = applied.Any(a => a.Date == date && a.Closed);
            if (!training.Opening.IsOpenDay(weekday) || closed)
            {
                continue;
            }

            var c = dispersion is { Count: > 0 } ? dispersion[Math.Min(h, dispersion.Count - 1)] : 0.05;
            for (var s = 0; s < slots; s++)
            {
                if (!training.Opening.IsOpen(weekday, s))
                {
                    continue;
                }

                var f = volume[(h * slots) + s];
                var (lower, upper) = PredictionBands.Around(f, c, options.IntervalLevel);
                var start = date.ToDateTime(TimeOnly.MinValue).AddMinutes(s * history.IntervalMinutes);
                intervals.Add(new ForecastInterval(start, f, lower, upper, handleTimes?.AhtSeconds(weekday, s)));
            }
        }

        var reason = !auto ? "asked for by name"
            : backtest is null ? $"too little history for a backtest ({history.DayCount} days): the first model that does not run away"
            : model.Name == backtest.Best.Model ? backtest.Selection.Reason
            : $"{backtest.Best.Model} ran away on the whole history; {model.Name} is the next that does not";
        return new ForecastResult(
            history.Queue, history.IntervalMinutes, model.Name, intervals, backtest, training.Excluded, applied, options.IntervalLevel,
            training.Opening.ClosedHours(history.IntervalMinutes), fallback, reason);
    }
}
