namespace Wfm.Core.Forecasting;

/// <summary>Why a history day was left out of fitting.</summary>
public enum ExclusionKind
{
    /// <summary>A holiday or event of the calendar: it gets its own effect instead.</summary>
    SpecialDay,

    /// <summary>Its total was far below its weekday's level (an outage, a half-day).</summary>
    FarBelow,

    /// <summary>Its total was far above its weekday's level (an incident, a campaign).</summary>
    FarAbove,
}

/// <summary>A history day left out of model fitting and why (the planner sees these); <see cref="Ratio"/> is its total over its weekday's usual (NaN for special days).</summary>
public sealed record ExcludedDay(DateOnly Date, ExclusionKind Kind, double Ratio)
{
    public string Reason => Kind switch
    {
        ExclusionKind.SpecialDay => "special day (calendar)",
        ExclusionKind.FarBelow => "outlier: far below its weekday's level",
        _ => "outlier: far above its weekday's level",
    };
}

/// <summary>
/// History prepared once per forecast origin and shared by every model: opening hours, the usable days
/// (open, observed, not a special day, not an outlier) and their volumes with odd intervals replaced by
/// what the day's own shape expected. Models read only usable days, so a holiday or an outage neither
/// drags the level down nor bends the intraday profile.
/// </summary>
public sealed class TrainingSet
{
    /// <summary>A day whose total is this far (log ratio) from its weekday's neighbours is an outlier at least.</summary>
    private const double MinimumDayOutlier = 0.25;

    private readonly double[] _clean;
    private readonly int[] _usableIndex; // day index → position in Usable, or -1

    private TrainingSet(DemandHistory history, OpeningPattern opening, int[] usable, double[] clean, IReadOnlyList<ExcludedDay> excluded)
    {
        History = history;
        Opening = opening;
        Usable = usable;
        _clean = clean;
        Excluded = excluded;
        _usableIndex = new int[history.DayCount];
        Array.Fill(_usableIndex, -1);
        for (var i = 0; i < usable.Length; i++)
        {
            _usableIndex[usable[i]] = i;
        }
    }

    public DemandHistory History { get; }

    public OpeningPattern Opening { get; }

    public int SlotsPerDay => History.SlotsPerDay;

    /// <summary>Day indices (from <see cref="DemandHistory.FirstDay"/>) that models learn from, ascending.</summary>
    public IReadOnlyList<int> Usable { get; }

    public IReadOnlyList<ExcludedDay> Excluded { get; }

    public bool IsUsable(int day) => day >= 0 && day < _usableIndex.Length && _usableIndex[day] >= 0;

    /// <summary>Cleaned volumes of a usable day: open intervals hold a count, closed ones 0.</summary>
    public ReadOnlySpan<double> Day(int day)
    {
        if (!IsUsable(day))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "not a usable day");
        }

        return _clean.AsSpan(day * SlotsPerDay, SlotsPerDay);
    }

    public double DayTotal(int day)
    {
        var total = 0.0;
        foreach (var v in Day(day))
        {
            total += v;
        }

        return total;
    }

    /// <summary>Usable days of one weekday, most recent first.</summary>
    public IEnumerable<int> RecentDays(DayOfWeek weekday, int beforeDay = int.MaxValue)
    {
        for (var i = Usable.Count - 1; i >= 0; i--)
        {
            var d = Usable[i];
            if (d < beforeDay && History.Weekday(d) == weekday)
            {
                yield return d;
            }
        }
    }

    /// <summary>
    /// Prepares <paramref name="history"/>: learns opening hours, leaves out <paramref name="special"/>
    /// days (holidays and events, which get their own effects) and outlier days, and replaces outlier
    /// intervals and gaps inside open hours with the value the day's total and its weekday's shape expect.
    /// </summary>
    public static TrainingSet Prepare(DemandHistory history, Func<DateOnly, bool>? special = null)
    {
        bool IsSpecial(int d) => special?.Invoke(history.Date(d)) == true;
        var opening = OpeningPattern.Learn(history, IsSpecial);
        var slots = history.SlotsPerDay;
        var excluded = new List<ExcludedDay>();
        var candidates = new List<int>();
        for (var d = 0; d < history.DayCount; d++)
        {
            var weekday = history.Weekday(d);
            if (!opening.IsOpenDay(weekday) || !(history.DayTotal(d) > 0))
            {
                continue;
            }

            if (IsSpecial(d))
            {
                excluded.Add(new ExcludedDay(history.Date(d), ExclusionKind.SpecialDay, double.NaN));
                continue;
            }

            candidates.Add(d);
        }

        var totals = new double[history.DayCount];
        var isCandidate = new bool[history.DayCount];
        foreach (var d in candidates)
        {
            totals[d] = OpenTotal(history, opening, d);
            isCandidate[d] = true;
        }

        var ratios = new Dictionary<int, double>();
        var neighbourTotals = new List<double>(8);
        foreach (var d in candidates)
        {
            neighbourTotals.Clear();
            foreach (var n in SameWeekdayNeighbours(isCandidate, d, 4))
            {
                neighbourTotals.Add(totals[n]);
            }

            if (neighbourTotals.Count >= 2 && Median(neighbourTotals) is var m && m > 0 && totals[d] > 0)
            {
                ratios[d] = Math.Log(totals[d] / m);
            }
        }

        var center = Median(ratios.Values.ToList());
        var scale = ratios.Count > 4 ? 1.4826 * Median(ratios.Values.Select(r => Math.Abs(r - center)).ToList()) : 0;
        var threshold = Math.Max(MinimumDayOutlier, 5 * scale);
        var usable = new List<int>();
        foreach (var d in candidates)
        {
            if (ratios.TryGetValue(d, out var r) && Math.Abs(r) > threshold)
            {
                excluded.Add(new ExcludedDay(history.Date(d), r < 0 ? ExclusionKind.FarBelow : ExclusionKind.FarAbove, Math.Exp(r)));
            }
            else
            {
                usable.Add(d);
            }
        }

        var clean = new double[history.DayCount * slots];
        var isUsable = new bool[history.DayCount];
        foreach (var d in usable)
        {
            isUsable[d] = true;
        }

        foreach (var d in usable)
        {
            CleanDay(history, opening, isUsable, totals, d, clean.AsSpan(d * slots, slots));
        }

        excluded.Sort((a, b) => a.Date.CompareTo(b.Date));
        return new TrainingSet(history, opening, usable.ToArray(), clean, excluded);
    }

    private static double OpenTotal(DemandHistory history, OpeningPattern opening, int d)
    {
        var weekday = history.Weekday(d);
        var values = history.DayVolumes(d);
        var total = 0.0;
        for (var s = 0; s < values.Length; s++)
        {
            if (opening.IsOpen(weekday, s) && !double.IsNaN(values[s]))
            {
                total += values[s];
            }
        }

        return total;
    }

    /// <summary>The days up to <paramref name="weeks"/> weeks before and after <paramref name="d"/> on the same weekday that are in <paramref name="member"/>.</summary>
    private static List<int> SameWeekdayNeighbours(bool[] member, int d, int weeks)
    {
        var days = new List<int>(2 * weeks);
        for (var k = -weeks; k <= weeks; k++)
        {
            var n = d + (7 * k);
            if (k != 0 && n >= 0 && n < member.Length && member[n])
            {
                days.Add(n);
            }
        }

        return days;
    }

    /// <summary>
    /// Copies the open intervals of day <paramref name="d"/>; an interval that is missing, or whose
    /// count is implausible against the day's shape (beyond six Poisson deviations and 60 % off),
    /// becomes the day's total × its weekday's median share for that interval.
    /// </summary>
    private static void CleanDay(
        DemandHistory history, OpeningPattern opening, bool[] usable, double[] totals, int d, Span<double> target)
    {
        var weekday = history.Weekday(d);
        var values = history.DayVolumes(d);
        var neighbours = SameWeekdayNeighbours(usable, d, 4);
        var slots = values.Length;
        var share = new double[slots];
        if (neighbours.Count >= 2)
        {
            Span<double> buffer = stackalloc double[neighbours.Count];
            for (var s = 0; s < slots; s++)
            {
                if (!opening.IsOpen(weekday, s))
                {
                    continue;
                }

                var count = 0;
                foreach (var n in neighbours)
                {
                    var total = totals[n];
                    var v = history.Volume(n, s);
                    if (total > 0 && !double.IsNaN(v))
                    {
                        buffer[count++] = v / total;
                    }
                }

                share[s] = count > 0 ? SmallMedian(buffer[..count]) : 0;
            }

            var sum = share.Sum();
            if (sum > 0)
            {
                for (var s = 0; s < slots; s++)
                {
                    share[s] /= sum;
                }
            }
        }

        var dayTotal = totals[d];
        var expectedTotal = dayTotal;
        var missingShare = 0.0;
        for (var s = 0; s < slots; s++)
        {
            if (opening.IsOpen(weekday, s) && double.IsNaN(values[s]))
            {
                missingShare += share[s];
            }
        }

        if (missingShare is > 0 and < 1)
        {
            expectedTotal = dayTotal / (1 - missingShare);
        }

        for (var s = 0; s < slots; s++)
        {
            if (!opening.IsOpen(weekday, s))
            {
                target[s] = 0;
                continue;
            }

            var expected = expectedTotal * share[s];
            var v = values[s];
            if (double.IsNaN(v))
            {
                target[s] = expected;
            }
            else if (neighbours.Count >= 2 && expected > 0 && Math.Abs(v - expected) > Math.Max(6 * Math.Sqrt(expected), 0.6 * expected))
            {
                target[s] = expected;
            }
            else
            {
                target[s] = v;
            }
        }
    }

    /// <summary>Median of a handful of values, sorted in place by insertion.</summary>
    private static double SmallMedian(Span<double> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            var v = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > v)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = v;
        }

        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    internal static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
