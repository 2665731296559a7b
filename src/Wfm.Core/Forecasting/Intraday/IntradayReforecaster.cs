namespace Wfm.Core.Forecasting.Intraday;

/// <summary>
/// One queue's day as it runs: the day-ahead forecast per interval of the day, and what happened in the intervals
/// before <see cref="AsOfSlot"/>. Closed intervals are NaN in <see cref="Forecast"/> (or 0); an actual after the
/// as-of slot is ignored.
/// </summary>
/// <param name="ForecastAht">The day-ahead handle time per interval (NaN where none).</param>
/// <param name="Actual">Contacts offered per interval up to the as-of slot (NaN where not observed).</param>
/// <param name="ActualAht">Average handle time per interval up to the as-of slot (NaN where none), weighted by <paramref name="ActualHandled"/>.</param>
public sealed record IntradayDay(
    DateOnly Date,
    int IntervalMinutes,
    IReadOnlyList<double> Forecast,
    IReadOnlyList<double> ForecastAht,
    IReadOnlyList<double> Actual,
    IReadOnlyList<double> ActualAht,
    IReadOnlyList<double> ActualHandled,
    int AsOfSlot);

/// <summary>
/// What the queue's history says about its days: how much of a morning's deviation from forecast carries into the
/// afternoon. The rest-of-day multiplier is 1 + <see cref="Level"/>·(morning ratio − 1) + <see cref="Recent"/>·(last
/// two hours' ratio − 1), fitted by least squares (shrunk towards no update) over the history's days, each against a
/// forecast of its own made the simple way (the mean of the same weekday in the weeks before), at the same time of day.
/// </summary>
/// <param name="Dispersion">The share of the forecast's square the updated forecast still gets wrong beyond Poisson noise (variance f + c·f²).</param>
/// <param name="HandleTime">How much of the morning's handle-time deviation carries into the afternoon.</param>
/// <param name="Days">History days the weights were learned from (0: the defaults).</param>
public sealed record IntradayLearning(double Level, double Recent, double Dispersion, double HandleTime, int Days)
{
    /// <summary>Weights when the history is too short to learn from: half the morning's deviation, a moderate spread.</summary>
    public static IntradayLearning Default { get; } = new(0.5, 0.1, 0.02, 0.5, 0);
}

/// <summary>One interval of the rest of the day.</summary>
public readonly record struct RestOfDayInterval(int Slot, DateTime Start, double Forecast, double Lower, double Upper, double? AhtSeconds);

/// <summary>The rest of a day, re-forecast at its as-of time, with what moved it.</summary>
/// <param name="MorningRatio">Actual ÷ forecast contacts before the as-of time (NaN when the morning had no forecast volume).</param>
/// <param name="Multiplier">What the rest of the day's forecast was multiplied by.</param>
public sealed record RestOfDay(DateOnly Date, int AsOfSlot, double MorningRatio, double RecentRatio, double Multiplier, double AhtMultiplier, IReadOnlyList<RestOfDayInterval> Intervals);

/// <summary>
/// The intraday re-forecast: from the day-ahead forecast and today's actuals up to now, the rest of the day (volume and
/// handle time) with prediction bands. A morning running 20 % over forecast is evidence, not certainty: how much of it to
/// believe is learned from the queue's own history (<see cref="Learn"/>), so a noisy queue moves less than a steady one,
/// and the day's intraday shape comes from the day-ahead forecast. Pure: no clock, no I/O.
/// </summary>
public static class IntradayReforecaster
{
    /// <summary>Weeks of the same weekday a history day's own simple forecast averages.</summary>
    public const int ReferenceWeeks = 4;

    /// <summary>History days needed before learned weights replace <see cref="IntradayLearning.Default"/>.</summary>
    public const int MinimumLearningDays = 10;

    /// <summary>A day's worth of intervals with nothing known yet (NaN), to fill an <see cref="IntradayDay"/> from.</summary>
    public static double[] Unknown(int slots)
    {
        var values = new double[slots];
        Array.Fill(values, double.NaN);
        return values;
    }

    /// <summary>The multiplier is kept within [1/5, 5] of the day-ahead forecast.</summary>
    public const double MaxMultiplier = 5;

    /// <summary>
    /// Learns the weights at the time of day <paramref name="asOfSlot"/> from the history's days before
    /// <paramref name="before"/> (none of the day being re-forecast). Special days (<paramref name="special"/>) are left out.
    /// </summary>
    public static IntradayLearning Learn(DemandHistory history, DateOnly before, int asOfSlot, Func<DateOnly, bool>? special = null)
    {
        if (asOfSlot <= 0 || asOfSlot >= history.SlotsPerDay)
        {
            return IntradayLearning.Default;
        }

        return LearnAt(Prepare(history, before, special), asOfSlot);
    }

    /// <summary>
    /// The weights at every time of day at once (index = as-of interval; the first is the defaults): the history is read
    /// once, so a server can learn a day's worth when the day begins instead of once per interval.
    /// </summary>
    public static IReadOnlyList<IntradayLearning> LearnDay(DemandHistory history, DateOnly before, Func<DateOnly, bool>? special = null)
    {
        var prepared = Prepare(history, before, special);
        var result = new IntradayLearning[history.SlotsPerDay];
        result[0] = IntradayLearning.Default;
        for (var k = 1; k < history.SlotsPerDay; k++)
        {
            result[k] = LearnAt(prepared, k);
        }

        return result;
    }

    /// <summary>A history day ready for learning at any time of day: its own simple forecast and running sums.</summary>
    private sealed record PreparedDay(int Day, double[] Reference, double[] Actual, double[] ActualSum, double[] ReferenceSum);

    /// <summary>Running handle-time sums of a day and of its reference days, per interval.</summary>
    private sealed record PreparedHandleTimes(double[] Own, double[] OwnWeight, double[] Past, double[] PastWeight);

    private sealed record Prepared(DemandHistory History, List<PreparedDay> Days, List<PreparedHandleTimes> HandleTimes);

    private static Prepared Prepare(DemandHistory history, DateOnly before, Func<DateOnly, bool>? special)
    {
        var slots = history.SlotsPerDay;
        var last = Math.Min(history.DayCount, before.DayNumber - history.FirstDay.DayNumber);
        var days = new List<PreparedDay>();
        var handleTimes = new List<PreparedHandleTimes>();
        for (var d = 7; d < last; d++)
        {
            if (special?.Invoke(history.Date(d)) == true)
            {
                continue;
            }

            if (history.HasHandleTimes)
            {
                handleTimes.Add(HandleTimeSums(history, d));
            }

            if (!history.IsObserved(d) || Reference(history, d, special) is not { } reference)
            {
                continue;
            }

            var actual = new double[slots];
            var actualSum = new double[slots + 1];
            var referenceSum = new double[slots + 1];
            for (var s = 0; s < slots; s++)
            {
                actual[s] = history.Volume(d, s);
                var valid = !double.IsNaN(actual[s]) && !double.IsNaN(reference[s]);
                actualSum[s + 1] = actualSum[s] + (valid ? actual[s] : 0);
                referenceSum[s + 1] = referenceSum[s] + (valid ? reference[s] : 0);
            }

            days.Add(new PreparedDay(d, reference, actual, actualSum, referenceSum));
        }

        return new Prepared(history, days, handleTimes);
    }

    private static IntradayLearning LearnAt(Prepared prepared, int asOfSlot)
    {
        var history = prepared.History;
        var slots = history.SlotsPerDay;
        var recentSlots = RecentSlots(history.IntervalMinutes);
        var from = Math.Max(0, asOfSlot - recentSlots);
        var rows = new List<(double Morning, double Recent, double After, PreparedDay Day)>();
        foreach (var day in prepared.Days)
        {
            var (ma, mf) = (day.ActualSum[asOfSlot], day.ReferenceSum[asOfSlot]);
            var (ra, rf) = (day.ActualSum[asOfSlot] - day.ActualSum[from], day.ReferenceSum[asOfSlot] - day.ReferenceSum[from]);
            var (aa, af) = (day.ActualSum[slots] - day.ActualSum[asOfSlot], day.ReferenceSum[slots] - day.ReferenceSum[asOfSlot]);
            if (mf < 1 || af < 1 || rf <= 0)
            {
                continue;
            }

            rows.Add(((ma / mf) - 1, (ra / rf) - 1, (aa / af) - 1, day));
        }

        if (rows.Count < MinimumLearningDays)
        {
            return IntradayLearning.Default with { Days = rows.Count };
        }

        // Least squares without intercept, shrunk towards no update (ridge): y = a·morning + b·recent.
        double sxx = 0, sxy = 0, syy = 0, sxz = 0, syz = 0;
        foreach (var r in rows)
        {
            sxx += r.Morning * r.Morning;
            sxy += r.Morning * r.Recent;
            syy += r.Recent * r.Recent;
            sxz += r.Morning * r.After;
            syz += r.Recent * r.After;
        }

        // Mornings that never deviated (a perfectly regular history) say nothing either way: the defaults.
        if ((sxx + syy) / rows.Count < 1e-8)
        {
            return IntradayLearning.Default;
        }

        var ridge = 0.05 * (sxx + syy) / 2;
        var (level, recent) = Solve(sxx + ridge, sxy, syy + ridge, sxz, syz);
        (level, recent) = Constrain(level, recent);

        // What the updated forecast still gets wrong, per interval, beyond Poisson noise (method of moments).
        double excess = 0, squares = 0;
        foreach (var r in rows)
        {
            var multiplier = Math.Clamp(1 + (level * r.Morning) + (recent * r.Recent), 1 / MaxMultiplier, MaxMultiplier);
            for (var s = asOfSlot; s < slots; s++)
            {
                var a = r.Day.Actual[s];
                var f = r.Day.Reference[s] * multiplier;
                if (double.IsNaN(a) || !(f > 0))
                {
                    continue;
                }

                excess += ((a - f) * (a - f)) - f;
                squares += f * f;
            }
        }

        var dispersion = squares > 0 ? Math.Clamp(excess / squares, 0.001, 1) : IntradayLearning.Default.Dispersion;
        return new IntradayLearning(level, recent, dispersion, LearnHandleTime(prepared, asOfSlot), rows.Count);
    }

    /// <summary>The rest of <paramref name="day"/> from its as-of slot to the end of the day, with bands at <paramref name="level"/> (e.g. 0.8).</summary>
    public static RestOfDay Reforecast(IntradayDay day, IntradayLearning learning, double level = 0.8)
    {
        var slots = day.Forecast.Count;
        if (day.Actual.Count != slots || day.ForecastAht.Count != slots || day.ActualAht.Count != slots || day.ActualHandled.Count != slots)
        {
            throw new ForecastInputException("actual", $"expected {slots} intervals like the forecast, got {day.Actual.Count}");
        }

        if (day.AsOfSlot < 0 || day.AsOfSlot > slots)
        {
            throw new ForecastInputException("asOf", $"must fall within the day (interval 0 to {slots}), got {day.AsOfSlot}");
        }

        if (!(level is > 0 and < 1))
        {
            throw new ForecastInputException("level", $"must be between 0 and 1 (e.g. 0.8), got {level}");
        }

        var recentSlots = RecentSlots(day.IntervalMinutes);
        var (ma, mf) = Sum(day.Actual, day.Forecast, 0, day.AsOfSlot);
        var (ra, rf) = Sum(day.Actual, day.Forecast, Math.Max(0, day.AsOfSlot - recentSlots), day.AsOfSlot);
        var morning = mf > 0 ? ma / mf : double.NaN;
        var recentRatio = rf > 0 ? ra / rf : double.NaN;

        // A morning with almost no forecast volume says little: its weight fades in with the volume seen (Poisson noise).
        var evidence = mf / (mf + 10);
        var multiplier = 1.0;
        if (mf > 0)
        {
            multiplier += evidence * learning.Level * (morning - 1);
        }

        if (rf > 0)
        {
            multiplier += evidence * learning.Recent * (recentRatio - 1);
        }

        multiplier = Math.Clamp(multiplier, 1 / MaxMultiplier, MaxMultiplier);
        var ahtMultiplier = HandleTimeMultiplier(day, learning);
        var start = day.Date.ToDateTime(TimeOnly.MinValue);
        var intervals = new List<RestOfDayInterval>(slots - day.AsOfSlot);
        for (var s = day.AsOfSlot; s < slots; s++)
        {
            var f = day.Forecast[s];
            if (double.IsNaN(f))
            {
                continue;
            }

            var value = Math.Max(0, f) * multiplier;
            var (lower, upper) = PredictionBands.Around(value, learning.Dispersion, level);
            var aht = day.ForecastAht[s];
            intervals.Add(new RestOfDayInterval(s, start.AddMinutes(s * day.IntervalMinutes), value, lower, upper,
                double.IsFinite(aht) && aht > 0 ? aht * ahtMultiplier : MorningAht(day)));
        }

        return new RestOfDay(day.Date, day.AsOfSlot, morning, recentRatio, multiplier, ahtMultiplier, intervals);
    }

    /// <summary>The slots of the last two hours before the as-of time.</summary>
    private static int RecentSlots(int intervalMinutes) => Math.Max(1, 120 / intervalMinutes);

    private static (double Level, double Recent) Solve(double a, double b, double d, double e, double f)
    {
        var det = (a * d) - (b * b);
        if (Math.Abs(det) < 1e-12)
        {
            return (a > 0 ? e / a : 0, 0);
        }

        return (((d * e) - (b * f)) / det, ((a * f) - (b * e)) / det);
    }

    /// <summary>Neither weight negative, and together never more than the whole deviation (and a little).</summary>
    private static (double Level, double Recent) Constrain(double level, double recent)
    {
        level = Math.Max(0, level);
        recent = Math.Max(0, recent);
        var total = level + recent;
        return total > 1.1 ? (level * 1.1 / total, recent * 1.1 / total) : (level, recent);
    }

    /// <summary>A history day's own simple forecast: the mean of the same weekday in up to four weeks before it (null when none).</summary>
    private static double[]? Reference(DemandHistory history, int day, Func<DateOnly, bool>? special)
    {
        var slots = history.SlotsPerDay;
        var sum = new double[slots];
        var count = new int[slots];
        var weeks = 0;
        for (var w = 1; w <= 8 && weeks < ReferenceWeeks; w++)
        {
            var d = day - (7 * w);
            if (d < 0)
            {
                break;
            }

            if (!history.IsObserved(d) || special?.Invoke(history.Date(d)) == true)
            {
                continue;
            }

            weeks++;
            for (var s = 0; s < slots; s++)
            {
                var v = history.Volume(d, s);
                if (!double.IsNaN(v))
                {
                    sum[s] += v;
                    count[s]++;
                }
            }
        }

        if (weeks == 0)
        {
            return null;
        }

        for (var s = 0; s < slots; s++)
        {
            sum[s] = count[s] > 0 ? sum[s] / count[s] : double.NaN;
        }

        return sum;
    }

    private static (double Actual, double Forecast) Sum(IReadOnlyList<double> actual, IReadOnlyList<double> forecast, int from, int to)
    {
        double a = 0, f = 0;
        for (var s = from; s < to; s++)
        {
            if (double.IsFinite(actual[s]) && double.IsFinite(forecast[s]))
            {
                a += actual[s];
                f += Math.Max(0, forecast[s]);
            }
        }

        return (a, f);
    }

    /// <summary>How much of a morning's handle-time deviation (against the same weekday's mean) carries into the afternoon.</summary>
    private static double LearnHandleTime(Prepared prepared, int asOfSlot)
    {
        if (!prepared.History.HasHandleTimes)
        {
            return IntradayLearning.Default.HandleTime;
        }

        var slots = prepared.History.SlotsPerDay;
        double sxx = 0, sxy = 0;
        var n = 0;
        foreach (var t in prepared.HandleTimes)
        {
            var morning = Ratio(t, 0, asOfSlot);
            var after = Ratio(t, asOfSlot, slots);
            if (double.IsFinite(morning) && double.IsFinite(after))
            {
                sxx += (morning - 1) * (morning - 1);
                sxy += (morning - 1) * (after - 1);
                n++;
            }
        }

        return n >= MinimumLearningDays && sxx > 0 ? Math.Clamp(sxy / (sxx * 1.05), 0, 1) : IntradayLearning.Default.HandleTime;
    }

    /// <summary>Running sums of a day's own handle times and of its reference days' (up to four weeks before), per interval.</summary>
    private static PreparedHandleTimes HandleTimeSums(DemandHistory history, int day)
    {
        var slots = history.SlotsPerDay;
        var (own, ownWeight, past, pastWeight) = (new double[slots + 1], new double[slots + 1], new double[slots + 1], new double[slots + 1]);
        for (var s = 0; s < slots; s++)
        {
            own[s + 1] = own[s];
            ownWeight[s + 1] = ownWeight[s];
            past[s + 1] = past[s];
            pastWeight[s + 1] = pastWeight[s];
            var (aht, weight) = history.HandleTime(day, s);
            if (double.IsFinite(aht) && weight > 0)
            {
                own[s + 1] += aht * weight;
                ownWeight[s + 1] += weight;
            }

            for (var w = 1; w <= ReferenceWeeks && day - (7 * w) >= 0; w++)
            {
                var (a, pw) = history.HandleTime(day - (7 * w), s);
                if (double.IsFinite(a) && pw > 0)
                {
                    past[s + 1] += a * pw;
                    pastWeight[s + 1] += pw;
                }
            }
        }

        return new PreparedHandleTimes(own, ownWeight, past, pastWeight);
    }

    private static double Ratio(PreparedHandleTimes t, int from, int to)
    {
        var ownWeight = t.OwnWeight[to] - t.OwnWeight[from];
        var pastWeight = t.PastWeight[to] - t.PastWeight[from];
        return ownWeight > 0 && pastWeight > 0 ? (t.Own[to] - t.Own[from]) / ownWeight / ((t.Past[to] - t.Past[from]) / pastWeight) : double.NaN;
    }

    private static double HandleTimeMultiplier(IntradayDay day, IntradayLearning learning)
    {
        double actual = 0, actualWeight = 0, forecast = 0, forecastWeight = 0;
        for (var s = 0; s < day.AsOfSlot; s++)
        {
            var handled = day.ActualHandled[s];
            if (double.IsFinite(day.ActualAht[s]) && handled > 0 && double.IsFinite(day.ForecastAht[s]) && day.ForecastAht[s] > 0)
            {
                actual += day.ActualAht[s] * handled;
                actualWeight += handled;
                forecast += day.ForecastAht[s] * handled;
                forecastWeight += handled;
            }
        }

        if (actualWeight <= 0 || forecast <= 0)
        {
            return 1;
        }

        var ratio = actual / forecast;
        var evidence = actualWeight / (actualWeight + 10);
        return Math.Clamp(1 + (evidence * learning.HandleTime * (ratio - 1)), 0.5, 2);
    }

    /// <summary>The morning's own handle time, for a forecast without one (null when the morning had none either).</summary>
    private static double? MorningAht(IntradayDay day)
    {
        double sum = 0, weight = 0;
        for (var s = 0; s < day.AsOfSlot; s++)
        {
            if (double.IsFinite(day.ActualAht[s]) && day.ActualHandled[s] > 0)
            {
                sum += day.ActualAht[s] * day.ActualHandled[s];
                weight += day.ActualHandled[s];
            }
        }

        return weight > 0 ? sum / weight : null;
    }
}
