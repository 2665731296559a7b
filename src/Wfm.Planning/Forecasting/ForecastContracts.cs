using System.Text.Json;
using Wfm.Core.Forecasting;

namespace Wfm.Planning.Forecasting;

/// <summary>A user's holiday, campaign, outage or bill run: its date, effect (factor, or closed) and the days around it.</summary>
public sealed record SpecialDayDto(DateOnly Date, string Name, bool Closed = false, double? Factor = null, int DaysBefore = 0, int DaysAfter = 0);

/// <summary>
/// A forecast of a stored series. <c>Model</c>: auto (best in the rolling-origin backtest) or a model
/// name. <c>Holidays</c>: TR or IR public holidays as special days; <c>LunarShift</c> moves a year's
/// lunar holidays by ±1 day to the official dates; <c>SpecialDays</c> are the planner's own events.
/// </summary>
public sealed record ForecastRequestDto(
    string Series,
    string Model = "auto",
    int HorizonDays = 14,
    int Origins = 8,
    double Level = 0.8,
    string? Holidays = null,
    IReadOnlyDictionary<int, int>? LunarShift = null,
    IReadOnlyList<SpecialDayDto>? SpecialDays = null);

/// <summary>WAPE and bias as fractions, MASE as a ratio; null when nothing could be scored.</summary>
public sealed record AccuracyDto(double? Wape, double? Mase, double? Bias, long Intervals);

/// <param name="Diverged">The model ran away on this history at some origin: never chosen, and no scores are shown for it.</param>
public sealed record ModelAccuracyDto(string Model, string Description, AccuracyDto Overall, IReadOnlyList<AccuracyDto> ByHorizonDay, bool Diverged = false);

/// <param name="Reason">Why automatic selection takes <c>Best</c>, in words.</param>
/// <param name="Spread">Each model's standard deviation of WAPE from one origin to the next.</param>
public sealed record BacktestDto(
    int HorizonDays, IReadOnlyList<DateOnly> Origins, string Best, IReadOnlyList<ModelAccuracyDto> Models, string? Reason = null,
    IReadOnlyDictionary<string, double>? Spread = null);

/// <summary>A day left out of fitting: <c>kind</c> is specialDay, farBelow or farAbove (the page translates it), <c>reason</c> the same in English.</summary>
public sealed record ExcludedDayDto(DateOnly Date, string Reason, double? Ratio, string? Kind = null);

public sealed record ForecastIntervalDto(DateTime Start, double Forecast, double Lower, double Upper, double? AhtSeconds);

/// <summary>
/// The forecast itself: intervals on the wall clock, the backtest behind the model, history days left
/// out, special days applied; <c>HistoryLastDay</c> is the last day of history it was made from.
/// </summary>
public sealed record ForecastResultDto(
    string Series,
    DateOnly HistoryLastDay,
    int IntervalMinutes,
    string Model,
    double Level,
    IReadOnlyList<ForecastIntervalDto> Intervals,
    BacktestDto? Backtest,
    IReadOnlyList<ExcludedDayDto> Excluded,
    IReadOnlyList<AppliedSpecialDay> SpecialDays,
    IReadOnlyList<string>? ClosedHours = null,
    string? Fallback = null)
{
    public static ForecastResultDto From(ForecastResult r, DateOnly historyLastDay) => new(
        r.Queue,
        historyLastDay,
        r.IntervalMinutes,
        r.Model,
        r.IntervalLevel,
        r.Intervals.Select(i => new ForecastIntervalDto(i.Start, Round(i.Forecast), Round(i.Lower), Round(i.Upper), i.AhtSeconds is { } a ? Round(a) : null)).ToArray(),
        r.Backtest is { } b
            ? new BacktestDto(b.HorizonDays, b.Origins, b.Best.Model, b.Models.Select(m => m.Diverged
                ? new ModelAccuracyDto(m.Model, m.Description, new AccuracyDto(null, null, null, 0), [], true)
                : new ModelAccuracyDto(m.Model, m.Description, Dto(m.Overall), m.ByHorizonDay.Select(Dto).ToArray())).ToArray(),
                b.Selection.Reason, b.Models.Where(m => !m.Diverged).ToDictionary(m => m.Model, m => Math.Round(m.Spread, 5)))
            : null,
        r.Excluded.Select(e => new ExcludedDayDto(e.Date, e.Reason, Finite(e.Ratio), JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()))).ToArray(),
        r.SpecialDays,
        r.ClosedHours,
        r.Fallback);

    /// <summary>Back to the engine's shape, for the forecast CSV.</summary>
    public ForecastResult ToResult() => new(
        Series, IntervalMinutes, Model, Intervals.Select(i => new ForecastInterval(i.Start, i.Forecast, i.Lower, i.Upper, i.AhtSeconds)).ToArray(), null, [], [], Level);

    private static AccuracyDto Dto(Accuracy a) => new(Finite(a.Wape), Finite(a.Mase), Finite(a.Bias), a.Intervals);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double Round(double value) => Math.Round(value, 3);
}

/// <summary>A stored forecast; <c>Request</c> and <c>Result</c> are left out of lists.</summary>
public sealed record ForecastDto(
    long Id, string Series, string Model, DateTimeOffset CreatedAt, int HorizonDays, int IntervalMinutes, double Contacts,
    ForecastRequestDto? Request, ForecastResultDto? Result);

/// <summary>A model planners can choose, with what it assumes.</summary>
public sealed record ForecastModelDto(string Name, string Description);
