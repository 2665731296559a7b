using Wfm.Core.Forecasting;

namespace Wfm.Core.Capacity;

/// <summary>
/// What a long-range forecast is asked for: how many weeks, the weekday weeks begin on, the holidays and events
/// (closed days, days with a volume factor; learned from earlier occurrences when the history has them), the method
/// and the prediction band's coverage.
/// </summary>
public sealed record WeeklyForecastOptions
{
    public const int MaxWeeks = 104;

    public int Weeks { get; init; } = 52;

    public DayOfWeek WeekStart { get; init; } = DayOfWeek.Monday;

    public SpecialDayCalendar Calendar { get; init; } = SpecialDayCalendar.Empty;

    /// <summary><see cref="WeeklyDemand.Methods"/>: auto (recommended), trend, mean8, naive.</summary>
    public string Method { get; init; } = WeeklyDemand.Auto;

    public double Level { get; init; } = 0.8;

    public void Validate()
    {
        if (Weeks is < 1 or > MaxWeeks)
        {
            throw new ForecastInputException("weeks", $"must be 1 to {MaxWeeks}, got {Weeks}");
        }

        if (!WeeklyDemand.Methods.Contains(Method))
        {
            throw new ForecastInputException("method", $"expected one of {string.Join(", ", WeeklyDemand.Methods)}, got '{Method}'");
        }

        if (!(Level is > 0.5 and < 1))
        {
            throw new ForecastInputException("level", $"must be between 0.5 and 1, got {Level}");
        }
    }
}

/// <summary>One week's contacts (forecast with its band, or actual when <c>Low</c> = <c>High</c> = <c>Volume</c>), its mean handle time and its open-day equivalents (of each day, for weeks ahead).</summary>
public sealed record WeekVolume(DateOnly Start, double Volume, double Low, double High, double? AhtSeconds, double OpenDays, IReadOnlyList<double>? Days = null);

/// <summary>
/// A queue's weekly forecast: the weeks of history it was made from (actuals), the weeks ahead, the method, whether a
/// yearly season was learned (more than a year of history) and how the band was widened when it was not, the share of
/// a closed day's contacts that arrive on the week's other days, the weekday weights, and notes on special days.
/// </summary>
public sealed record WeeklyForecast(
    string Queue, string Method, IReadOnlyList<WeekVolume> History, IReadOnlyList<WeekVolume> Weeks, bool YearlySeason, double ClosedDayCarry,
    IReadOnlyList<double> WeekdayWeights, IReadOnlyList<string> Notes);

/// <summary>
/// Long-range demand per week (pure). Weeks are measured in open-day equivalents — each day weighs its weekday's share
/// of a typical week, a holiday its learned or given factor, a closed day the share of its contacts that arrive on the
/// other days — so a week with a holiday, or a history week with days missing, is neither under- nor over-counted. The
/// level per equivalent day is forecast by a damped trend (robust slope over the last half year, flattening with each
/// week ahead) averaged with the mean of the last eight weeks, times the week-of-year season when there is more than a
/// year of history. Bands come from the method's own errors at each horizon in the history, and without a year of
/// history they are widened by how much the weekly level has wandered: a season not yet seen is not pretended away.
/// </summary>
public static class WeeklyDemand
{
    public const string Auto = "auto";

    public static readonly IReadOnlyList<string> Methods = [Auto, "trend", "mean8", "naive"];

    /// <summary>At least this many weeks of history with data.</summary>
    public const int MinimumWeeks = 4;

    private const int RecentWeeks = 12;
    private const double Damping = 0.9;
    private const int YearWeeks = 52;

    public static WeeklyForecast Forecast(DemandHistory history, WeeklyForecastOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var days = Days.Of(history, options);
        if (days.Levels.Count(double.IsFinite) < MinimumWeeks)
        {
            throw new ForecastInputException("history", $"has {days.Levels.Count(double.IsFinite)} weeks with data; a long-range forecast needs at least {MinimumWeeks}");
        }

        var weight = options.Method == Auto ? TrendWeight(days.Levels, cancellationToken) : 0;
        var levels = LevelForecast(days.Levels, options.Method, options.Weeks, weight);
        var bands = BandScales(days.Levels, options.Method, options.Weeks, weight, cancellationToken).Scale;
        var z = PredictionBands.NormalQuantile(0.5 + (options.Level / 2));
        var yearly = days.Levels.Length >= YearWeeks + 8;
        var wander = yearly ? 0 : Spread(days.Levels);
        var aht = days.RecentAht();
        var weeks = new WeekVolume[options.Weeks];
        for (var h = 0; h < options.Weeks; h++)
        {
            var start = days.FirstWeek.AddDays(7 * (days.Levels.Length + h));
            var perDay = days.FutureEquivalents(start);
            var open = perDay.Sum();
            var volume = levels[h] * open;
            var sigma = Math.Sqrt((bands[h] * bands[h]) + (wander * wander * Math.Min(1, (h + 1) / 26.0)));
            weeks[h] = new WeekVolume(start, volume, volume * Math.Exp(-z * sigma), volume * Math.Exp(z * sigma), aht, open, perDay);
        }

        var actuals = days.Levels.Select((l, w) => new WeekVolume(days.FirstWeek.AddDays(7 * w), days.Totals[w], days.Totals[w], days.Totals[w], days.Aht[w], days.Equivalents[w])).ToList();
        return new WeeklyForecast(history.Queue, options.Method, actuals, weeks, yearly, days.Carry, days.Weights, days.Notes);
    }

    /// <summary>
    /// Rolling-origin accuracy of weekly totals <paramref name="horizonWeeks"/> ahead: origins a week apart at week
    /// starts, the latest leaving exactly the horizon after it; each method, and the plain baselines (last week's total,
    /// or the same week a year before when there is a year; the mean of the last eight weekly totals), forecasts the
    /// same weeks; WAPE over all of them. Only whole weeks of history are scored.
    /// </summary>
    public static IReadOnlyList<(string Method, double Wape, int Weeks)> Backtest(
        DemandHistory history, int horizonWeeks, int origins, WeeklyForecastOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var all = Days.Of(history, options);
        var whole = all.Levels.Length;
        if (whole - horizonWeeks < MinimumWeeks + 4)
        {
            throw new ForecastInputException("history", $"has {whole} weeks; a backtest of {horizonWeeks} weeks needs at least {MinimumWeeks + 4 + horizonWeeks}");
        }

        var names = Methods.Where(m => m != Auto).Prepend(Auto).Concat(["baseline: last week / last year", "baseline: mean of 8 weekly totals"]).ToArray();
        var error = new double[names.Length];
        var actual = 0.0;
        var count = 0;
        for (var k = 0; k < origins; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cutWeeks = whole - horizonWeeks - k;
            if (cutWeeks < MinimumWeeks + 4)
            {
                break;
            }

            var cut = all.FirstWeek.AddDays(7 * cutWeeks).DayNumber - history.FirstDay.DayNumber;
            var train = history.Take(cut);
            var o = options with { Weeks = horizonWeeks };
            var forecasts = names.Take(Methods.Count).Select(m => Forecast(train, o with { Method = m }, cancellationToken).Weeks.Select(w => w.Volume).ToArray()).ToList();
            var totals = all.Totals.AsSpan(0, cutWeeks).ToArray();
            forecasts.Add([.. Enumerable.Range(0, horizonWeeks).Select(h => cutWeeks >= YearWeeks && h + cutWeeks - YearWeeks < cutWeeks ? totals[h + cutWeeks - YearWeeks] : totals[^1])]);
            var mean8 = totals.TakeLast(8).Average();
            forecasts.Add([.. Enumerable.Repeat(mean8, horizonWeeks)]);
            for (var h = 0; h < horizonWeeks; h++)
            {
                var a = all.Totals[cutWeeks + h];
                actual += a;
                count++;
                for (var m = 0; m < names.Length; m++)
                {
                    error[m] += Math.Abs(forecasts[m][h] - a);
                }
            }
        }

        return [.. names.Select((n, m) => (n, actual > 0 ? error[m] / actual : double.NaN, count))];
    }

    /// <summary>The first week a forecast of <paramref name="history"/> gives: the week after its last whole week (one ending in closed weekdays counts as whole).</summary>
    public static DateOnly FirstForecastWeek(DemandHistory history, WeeklyForecastOptions options)
    {
        var days = Days.Of(history, options);
        return days.FirstWeek.AddDays(7 * days.Levels.Length);
    }

    /// <summary>The level per equivalent day for each week ahead, by <paramref name="method"/>.</summary>
    private static double[] LevelForecast(double[] raw, string method, int weeks, double trendWeight)
    {
        // With a season, the level and trend are read from the deseasonalised weeks and the season put back ahead.
        var season = method == "naive" ? null : Season(raw);
        var levels = season is null ? raw : [.. raw.Select((l, w) => l / season[w % YearWeeks])];
        var known = levels.Where(double.IsFinite).ToArray();
        var result = new double[weeks];
        var mean8 = known.TakeLast(8).Average();
        var (now, slope) = Trend(levels);
        for (var h = 0; h < weeks; h++)
        {
            var damped = 0.0;
            for (var i = 1; i <= h + 1; i++)
            {
                damped += Math.Pow(Damping, i);
            }

            var trend = Math.Exp(now + (slope * damped));
            result[h] = method switch
            {
                "naive" => known[^1],
                "mean8" => mean8,
                "trend" => trend,
                _ => Math.Exp((trendWeight * Math.Log(trend)) + ((1 - trendWeight) * Math.Log(mean8))),
            };
            if (season is not null)
            {
                result[h] *= season[(levels.Length + h) % YearWeeks];
            }
        }

        return result;
    }

    /// <summary>Log level now and the weekly log slope: Theil–Sen over the last 26 weeks, the level the median of the last 8 weeks projected to now.</summary>
    private static (double Now, double Slope) Trend(double[] levels)
    {
        var n = levels.Length;
        var points = Enumerable.Range(Math.Max(0, n - 26), Math.Min(26, n)).Where(w => double.IsFinite(levels[w]) && levels[w] > 0).Select(w => (X: (double)w, Y: Math.Log(levels[w]))).ToArray();
        var slopes = new List<double>();
        for (var i = 0; i < points.Length; i++)
        {
            for (var j = i + 1; j < points.Length; j++)
            {
                slopes.Add((points[j].Y - points[i].Y) / (points[j].X - points[i].X));
            }
        }

        var slope = slopes.Count == 0 ? 0 : Median(slopes);
        var now = Median([.. points.TakeLast(8).Select(p => p.Y + (slope * (n - 1 - p.X)))]);
        return (now, slope);
    }

    /// <summary>Week-of-year factors (mean 1) from the years of history, shrunk halfway to 1 with one year; null with less than a year and eight weeks.</summary>
    private static double[]? Season(double[] levels)
    {
        if (levels.Length < YearWeeks + 8)
        {
            return null;
        }

        var sums = new double[YearWeeks];
        var counts = new int[YearWeeks];
        for (var w = 0; w < levels.Length; w++)
        {
            // Ratio to the centred mean of the 52 weeks around (or the nearest whole year at the ends).
            var from = Math.Clamp(w - (YearWeeks / 2), 0, levels.Length - YearWeeks);
            var window = levels.AsSpan(from, YearWeeks).ToArray().Where(double.IsFinite).ToArray();
            if (double.IsFinite(levels[w]) && window.Length > YearWeeks / 2)
            {
                sums[w % YearWeeks] += Math.Log(levels[w] / window.Average());
                counts[w % YearWeeks]++;
            }
        }

        var years = levels.Length / (double)YearWeeks;
        var shrink = Math.Min(1, (years - 1) * 0.5 + 0.5);
        var raw = Enumerable.Range(0, YearWeeks).Select(i => counts[i] == 0 ? 0 : sums[i] / counts[i]).ToArray();
        // Neighbouring weeks smoothed (a year's single week is noisy), then centred on 1.
        var smooth = Enumerable.Range(0, YearWeeks).Select(i => (raw[(i + YearWeeks - 1) % YearWeeks] + (2 * raw[i]) + raw[(i + 1) % YearWeeks]) / 4).ToArray();
        var mean = smooth.Average();
        return [.. smooth.Select(s => Math.Exp(shrink * (s - mean)))];
    }

    /// <summary>Log-scale error of the method at each horizon, from forecasts out of the history's own earlier weeks (root mean square; grows with √h where too few are seen).</summary>
    /// <summary>
    /// How much the damped trend counts against the mean of eight weeks in the automatic method: inversely to each one's
    /// squared errors 1–13 weeks ahead in the history's own earlier weeks (half each when the history is too short to tell).
    /// </summary>
    private static double TrendWeight(double[] levels, CancellationToken cancellationToken)
    {
        var trend = BandScales(levels, "trend", 13, 0, cancellationToken);
        var mean = BandScales(levels, "mean8", 13, 0, cancellationToken);
        if (trend.Seen < 20 || mean.Seen < 20 || !(trend.Mse > 0) || !(mean.Mse > 0))
        {
            return 0.5;
        }

        return (1 / trend.Mse) / ((1 / trend.Mse) + (1 / mean.Mse));
    }

    private static (double[] Scale, double Mse, int Seen) BandScales(double[] levels, string method, int weeks, double trendWeight, CancellationToken cancellationToken)
    {
        var sums = new double[weeks];
        var counts = new int[weeks];
        for (var cut = 8; cut < levels.Length; cut++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var train = levels[..cut];
            if (train.Count(double.IsFinite) < MinimumWeeks)
            {
                continue;
            }

            var ahead = Math.Min(weeks, levels.Length - cut);
            var f = LevelForecast(train, method, ahead, trendWeight);
            for (var h = 0; h < ahead; h++)
            {
                if (double.IsFinite(levels[cut + h]) && levels[cut + h] > 0 && f[h] > 0)
                {
                    var e = Math.Log(levels[cut + h] / f[h]);
                    sums[h] += e * e;
                    counts[h]++;
                }
            }
        }

        var result = new double[weeks];
        var oneStep = counts[0] > 0 ? Math.Sqrt(sums[0] / counts[0]) : Spread(levels);
        for (var h = 0; h < weeks; h++)
        {
            var grown = oneStep * Math.Sqrt(h + 1);
            result[h] = counts[h] >= 5 ? Math.Max(Math.Sqrt(sums[h] / counts[h]), h > 0 ? result[h - 1] : 0) : Math.Max(grown, h > 0 ? result[h - 1] : 0);
        }

        return (result, counts.Sum() == 0 ? double.NaN : sums.Sum() / counts.Sum(), counts.Sum());
    }

    /// <summary>Standard deviation of the log weekly levels.</summary>
    private static double Spread(double[] levels)
    {
        var logs = levels.Where(l => double.IsFinite(l) && l > 0).Select(l => Math.Log(l)).ToArray();
        if (logs.Length < 2)
        {
            return 0;
        }

        var mean = logs.Average();
        return Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Length - 1));
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The history cut into weeks: totals, open-day equivalents, levels per equivalent day, handle times; and how future days weigh.</summary>
    private sealed class Days
    {
        private readonly WeeklyForecastOptions _options;
        private readonly Dictionary<string, double> _learned = new(StringComparer.OrdinalIgnoreCase);

        private Days(WeeklyForecastOptions options) => _options = options;

        public DateOnly FirstWeek { get; private set; }

        public double[] Totals { get; private set; } = [];

        public double[] Equivalents { get; private set; } = [];

        public double[] Levels { get; private set; } = [];

        public double?[] Aht { get; private set; } = [];

        public double[] Weights { get; } = new double[7];

        public double Carry { get; private set; }

        public List<string> Notes { get; } = [];

        public static Days Of(DemandHistory history, WeeklyForecastOptions options)
        {
            var d = new Days(options);
            d.Read(history);
            return d;
        }

        public double? RecentAht()
        {
            var recent = Aht.TakeLast(8).Where(a => a is not null).Select(a => a!.Value).ToArray();
            return recent.Length == 0 ? null : recent.Average();
        }

        /// <summary>Open-day equivalents of a week ahead: weekday weights, times holiday and event factors; closed days carry their share.</summary>
        public double[] FutureEquivalents(DateOnly weekStart)
        {
            var result = new double[7];
            for (var i = 0; i < 7; i++)
            {
                var date = weekStart.AddDays(i);
                var weight = Weights[(int)date.DayOfWeek];
                foreach (var day in _options.Calendar.Days.Where(s => s.Date.AddDays(-s.DaysBefore) <= date && date <= s.Date.AddDays(s.DaysAfter)))
                {
                    weight *= day.Closed && day.Date == date ? Carry : day.Factor ?? (_learned.TryGetValue(day.Name, out var f) ? f : 1);
                }

                result[i] = weight;
            }

            return result;
        }

        private void Read(DemandHistory history)
        {
            var start = history.FirstDay;
            while (start.DayOfWeek != _options.WeekStart)
            {
                start = start.AddDays(-1);
            }

            FirstWeek = start;
            // Whole weeks only: the week the history ends in counts when the days after its end are closed weekdays.
            var weeks = (history.LastDay.DayNumber - start.DayNumber + 7) / 7;
            double Total(DateOnly date) => date < history.FirstDay || date > history.LastDay || !history.IsObserved(date.DayNumber - history.FirstDay.DayNumber)
                ? double.NaN
                : history.DayTotal(date.DayNumber - history.FirstDay.DayNumber);
            bool Special(DateOnly date) => _options.Calendar.Covers(date);

            // Weekday weights from the recent weeks' ordinary days: each weekday's mean over the mean of all weekdays' means.
            var from = start.AddDays(7 * Math.Max(0, weeks - RecentWeeks));
            var means = new double[7];
            for (var wd = 0; wd < 7; wd++)
            {
                var values = Enumerable.Range(0, 7 * Math.Min(weeks, RecentWeeks)).Select(i => from.AddDays(i))
                    .Where(x => (int)x.DayOfWeek == wd && !Special(x)).Select(Total).Where(double.IsFinite).ToArray();
                means[wd] = values.Length == 0 ? 0 : values.Average();
            }

            var open = means.Where(m => m > 0).ToArray();
            var scale = open.Length == 0 ? 1 : open.Average();
            for (var wd = 0; wd < 7; wd++)
            {
                Weights[wd] = means[wd] / scale;
            }

            var weekEnd = start.AddDays((7 * weeks) - 1);
            for (var after = history.LastDay.AddDays(1); after <= weekEnd; after = after.AddDays(1))
            {
                if (Weights[(int)after.DayOfWeek] > 0)
                {
                    weeks--;
                    break;
                }
            }

            Totals = new double[weeks];
            Equivalents = new double[weeks];
            Levels = new double[weeks];
            Aht = new double?[weeks];
            var missing = new double[weeks];
            for (var w = 0; w < weeks; w++)
            {
                double total = 0, ordinary = 0, equivalents = 0, ahtSum = 0, ahtWeight = 0;
                for (var i = 0; i < 7; i++)
                {
                    var date = start.AddDays((7 * w) + i);
                    var t = Total(date);
                    var weight = Weights[(int)date.DayOfWeek];
                    if (!double.IsFinite(t))
                    {
                        missing[w] += weight;
                        continue;
                    }

                    total += t;
                    var index = date.DayNumber - history.FirstDay.DayNumber;
                    for (var s = 0; s < history.SlotsPerDay; s++)
                    {
                        var (a, n) = history.HandleTime(index, s);
                        if (double.IsFinite(a) && n > 0)
                        {
                            ahtSum += a * n;
                            ahtWeight += n;
                        }
                    }

                    if (!Special(date))
                    {
                        ordinary += t;
                        equivalents += weight;
                    }
                }

                Totals[w] = total;
                Equivalents[w] = equivalents;
                Levels[w] = equivalents >= 1.5 ? ordinary / equivalents : double.NaN;
                Aht[w] = ahtWeight > 0 ? ahtSum / ahtWeight : null;
            }

            LearnCarry(missing);
            for (var w = 0; w < weeks; w++)
            {
                // A week with closed days: the share of their contacts that came on its other days is in its total.
                if (missing[w] > 0 && double.IsFinite(Levels[w]))
                {
                    Levels[w] *= Equivalents[w] / (Equivalents[w] + (missing[w] * Carry));
                }

                Equivalents[w] += missing[w] * Carry;
            }

            LearnSpecialDays(start, Total);
        }

        /// <summary>
        /// Days of an open weekday without data are taken as closed: the share of such a day's contacts that arrive on
        /// the week's other days is the median, over those weeks, of how far the week's total exceeds its open days at
        /// the level of the weeks around it.
        /// </summary>
        private void LearnCarry(double[] missing)
        {
            var ratios = new List<double>();
            for (var w = 0; w < Levels.Length; w++)
            {
                if (missing[w] is > 0 and < 3 && Equivalents[w] > 0)
                {
                    var around = Enumerable.Range(w - 4, 9).Where(x => x >= 0 && x < Levels.Length && x != w && missing[x] == 0 && double.IsFinite(Levels[x])).Select(x => Levels[x]).ToArray();
                    if (around.Length >= 2)
                    {
                        var level = Median(around);
                        ratios.Add(Math.Clamp(((Totals[w] / level) - Equivalents[w]) / missing[w], 0, 1));
                    }
                }
            }

            Carry = ratios.Count == 0 ? 0 : Median(ratios);
            if (ratios.Count > 0)
            {
                Notes.Add($"{ratios.Count} week(s) of history have open weekdays without data, taken as closed days: {Carry:P0} of a closed day's contacts came on the week's other days");
            }
        }

        /// <summary>Each special day's effect learned from its earlier occurrences in the history (the median ratio to its week's level), else its given factor, else none.</summary>
        private void LearnSpecialDays(DateOnly start, Func<DateOnly, double> total)
        {
            foreach (var group in _options.Calendar.Days.Where(d => !d.Closed && d.Factor is null).GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase))
            {
                var ratios = new List<double>();
                foreach (var day in group)
                {
                    var w = (day.Date.DayNumber - start.DayNumber) / 7;
                    var t = total(day.Date);
                    var expected = day.Date >= start && w < Levels.Length ? Levels[w] * Weights[(int)day.Date.DayOfWeek] : double.NaN;
                    if (double.IsFinite(t) && expected > 0)
                    {
                        ratios.Add(t / expected);
                    }
                }

                if (ratios.Count > 0)
                {
                    _learned[group.Key] = Median(ratios);
                    Notes.Add($"{group.Key}: {Median(ratios):0.00} × a usual day, learned from {ratios.Count} occurrence(s)");
                }
            }
        }
    }
}
