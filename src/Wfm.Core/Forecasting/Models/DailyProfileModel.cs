namespace Wfm.Core.Forecasting.Models;

/// <summary>
/// Daily total × intraday profile, the structure most WFM teams use. Daily totals of usable days are
/// smoothed by Holt–Winters with a multiplicative weekday effect and a damped trend (smoothing
/// constants chosen by the in-sample error of forecasts one to seven open days ahead); each weekday's
/// intraday shape is a recency-weighted mean of its recent days' shares, shrunk toward the shape
/// shared by all weekdays with the same hours, which halves the noise of a single weekday's profile.
/// </summary>
public sealed class DailyProfileModel : IForecastModel
{
    private static readonly double[] Alphas = [0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6];
    private static readonly double[] Gammas = [0.0, 0.05, 0.1, 0.2];
    private static readonly double[] Dampings = [0.0, 0.8, 0.9];

    public string Name => "daily-profile";

    public string Description => "daily totals by Holt-Winters with weekday effects, spread by each weekday's recent intraday profile";

    /// <summary>Recent same-weekday days in the weekday profile.</summary>
    public int ProfileWeeks { get; init; } = 8;

    /// <summary>Weight of the weekday's own shape against the shared one (0–1).</summary>
    public double WeekdayShare { get; init; } = 0.8;

    public void Forecast(TrainingSet training, int horizonDays, Span<double> output)
    {
        var history = training.History;
        var days = training.Usable;
        if (days.Count == 0)
        {
            return;
        }

        var totals = days.Select(training.DayTotal).ToArray();
        var weekdays = days.Select(d => (int)history.Weekday(d)).ToArray();
        var dailyForecast = DailyTotals.Fit(totals, weekdays, days.ToArray(), Alphas, Gammas, Dampings);
        Profiles.Spread(training, horizonDays, output, ProfileWeeks, WeekdayShare, (day, weekday) => dailyForecast.Total(day, (int)weekday));
    }
}

/// <summary>Intraday shares (summing to 1) averaged over days with geometric recency weights.</summary>
internal static class IntradayProfile
{
    public static double[] Weighted(TrainingSet training, IEnumerable<int> daysMostRecentFirst, double decay)
    {
        var slots = training.SlotsPerDay;
        var result = new double[slots];
        var weight = 1.0;
        var weights = 0.0;
        foreach (var d in daysMostRecentFirst)
        {
            var total = training.DayTotal(d);
            if (!(total > 0))
            {
                continue;
            }

            var values = training.Day(d);
            for (var s = 0; s < slots; s++)
            {
                result[s] += weight * values[s] / total;
            }

            weights += weight;
            weight *= decay;
        }

        for (var s = 0; s < slots && weights > 0; s++)
        {
            result[s] /= weights;
        }

        return result;
    }
}

/// <summary>
/// Holt–Winters on a series of daily totals with gaps (only usable days), a multiplicative effect per
/// weekday and an optional damped additive trend. Parameters come from a small grid scored by the
/// absolute error of forecasts 1, 5 and 10 open days ahead over the second half of the series.
/// </summary>
internal sealed class DailyTotals
{
    private static readonly int[] Horizons = [1, 5, 10];

    private readonly double _level;
    private readonly double _trend;
    private readonly double _damping;
    private readonly double[] _weekday;
    private readonly int _lastDay;

    private DailyTotals(double level, double trend, double damping, double[] weekday, int lastDay)
    {
        _level = level;
        _trend = trend;
        _damping = damping;
        _weekday = weekday;
        _lastDay = lastDay;
    }

    /// <summary>Forecast total of calendar day index <paramref name="day"/> (after the last usable day).</summary>
    public double Total(int day, int weekday)
    {
        var steps = Math.Max(1, (day - _lastDay) * 5 / 7.0);
        var trend = 0.0;
        var phi = 1.0;
        for (var k = 1; k <= (int)Math.Ceiling(steps) && _damping > 0; k++)
        {
            phi *= _damping;
            trend += phi * _trend;
        }

        return Math.Max(0, (_level + trend) * _weekday[weekday]);
    }

    public static DailyTotals Fit(double[] totals, int[] weekdays, int[] days, double[] alphas, double[] gammas, double[] dampings)
    {
        var best = double.PositiveInfinity;
        DailyTotals? chosen = null;
        foreach (var damping in dampings)
        {
            foreach (var alpha in alphas)
            {
                foreach (var gamma in gammas)
                {
                    var (score, state) = Run(totals, weekdays, days, alpha, gamma, damping);
                    if (score < best)
                    {
                        best = score;
                        chosen = state;
                    }
                }
            }
        }

        return chosen!;
    }

    private static (double Score, DailyTotals State) Run(double[] totals, int[] weekdays, int[] days, double alpha, double gamma, double damping)
    {
        var n = totals.Length;
        var init = Math.Min(n, 15);
        var weekday = new double[7];
        var counts = new int[7];
        var mean = 0.0;
        for (var i = 0; i < init; i++)
        {
            weekday[weekdays[i]] += totals[i];
            counts[weekdays[i]]++;
            mean += totals[i];
        }

        mean /= init;
        for (var w = 0; w < 7; w++)
        {
            weekday[w] = counts[w] > 0 && mean > 0 ? weekday[w] / counts[w] / mean : 1;
        }

        var level = mean;
        var trend = 0.0;
        var beta = damping > 0 ? 0.1 * alpha : 0;
        var score = 0.0;
        var scoreFrom = Math.Max(n / 2, Horizons[^1]);
        var levels = new double[n];
        var trends = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (i >= scoreFrom)
            {
                // Planners use forecasts one to two weeks out: score the forecasts this state made
                // 1, 5 and 10 open days before day i, not only the one-step fit.
                foreach (var k in Horizons)
                {
                    var phiSum = 0.0;
                    var phi = 1.0;
                    for (var j = 1; j <= k && damping > 0; j++)
                    {
                        phi *= damping;
                        phiSum += phi;
                    }

                    var past = i - k;
                    var forecast = (levels[past] + (phiSum * trends[past])) * weekday[weekdays[i]];
                    score += Math.Abs(totals[i] - forecast);
                }
            }

            var season = weekday[weekdays[i]];
            var previous = level;
            level = (alpha * totals[i] / season) + ((1 - alpha) * (level + (damping * trend)));
            trend = (beta * (level - previous)) + ((1 - beta) * damping * trend);
            weekday[weekdays[i]] = (gamma * totals[i] / level) + ((1 - gamma) * season);
            levels[i] = level;
            trends[i] = trend;
        }

        return (score, new DailyTotals(level, trend, damping, weekday, days[^1]));
    }
}
