using Wfm.Core.Forecasting;

namespace Wfm.Core.Capacity;

/// <summary>
/// How staff leave: a weekly leaving rate by tenure band (first 13 weeks, to a year, beyond), either from one monthly
/// rate (the same in every band, or a higher one for new hires) or estimated from the hire and leave dates the center
/// keeps (leavers in a band over the weeks people spent in it). Gives the survival curves the capacity plan needs.
/// </summary>
public sealed record Attrition(double FirstQuarterWeekly, double FirstYearWeekly, double LaterWeekly, string Source)
{
    /// <summary>At least this many leavers before hire and leave dates are trusted over a typed rate.</summary>
    public const int MinimumLeavers = 5;

    public static Attrition FromMonthlyRate(double monthly, double? newHireMonthly = null)
    {
        Check(monthly, "attrition.monthlyRate");
        if (newHireMonthly is { } n)
        {
            Check(n, "attrition.newHireMonthlyRate");
        }

        var later = Weekly(monthly);
        var first = Weekly(newHireMonthly ?? monthly);
        return new Attrition(first, later, later, newHireMonthly is null ? $"{monthly:P1} a month" : $"{monthly:P1} a month, {newHireMonthly:P1} in the first three months");
    }

    /// <summary>
    /// Leaving rates by tenure band estimated from everyone's hire date and leave date (none: still employed) up to
    /// <paramref name="asOf"/>; null when fewer than <see cref="MinimumLeavers"/> people left or no band has exposure.
    /// </summary>
    public static Attrition? FromTenure(IEnumerable<(DateOnly Hired, DateOnly? Left)> people, DateOnly asOf)
    {
        var exposure = new double[3];
        var leavers = new int[3];
        foreach (var (hired, left) in people)
        {
            var end = left is { } l && l < asOf ? l : asOf;
            var weeks = (end.DayNumber - hired.DayNumber) / 7.0;
            if (weeks <= 0)
            {
                continue;
            }

            exposure[0] += Math.Min(weeks, 13);
            exposure[1] += Math.Clamp(weeks - 13, 0, 39);
            exposure[2] += Math.Max(0, weeks - 52);
            if (left is { } gone && gone <= asOf)
            {
                leavers[Band(weeks)]++;
            }
        }

        if (leavers.Sum() < MinimumLeavers || exposure.Sum() <= 0)
        {
            return null;
        }

        // A band nobody has been through yet takes the overall rate.
        var overall = leavers.Sum() / exposure.Sum();
        double Rate(int b) => exposure[b] >= 13 ? leavers[b] / exposure[b] : overall;
        return new Attrition(Rate(0), Rate(1), Rate(2), $"from hire and leave dates: {leavers.Sum()} leavers over {exposure.Sum() / 52:0.#} person-years");
    }

    /// <summary>The same curves with every rate scaled by <paramref name="factor"/> (a scenario's "attrition +20 %").</summary>
    public Attrition Scaled(double factor) =>
        factor == 1 ? this : this with { FirstQuarterWeekly = Math.Min(1, FirstQuarterWeekly * factor), FirstYearWeekly = Math.Min(1, FirstYearWeekly * factor), LaterWeekly = Math.Min(1, LaterWeekly * factor), Source = $"{Source}, × {factor:0.##}" };

    /// <summary>Share still employed each week ahead (week 0 = 1) of people with <paramref name="tenureWeeks"/> of tenure today.</summary>
    public double[] Survival(int weeks, double tenureWeeks = 52)
    {
        var result = new double[weeks];
        var left = 1.0;
        for (var w = 0; w < weeks; w++)
        {
            result[w] = left;
            left *= 1 - Rate(tenureWeeks + w);
        }

        return result;
    }

    /// <summary>The mean survival of a group of people with the given tenures today.</summary>
    public double[] Survival(int weeks, IReadOnlyList<double> tenures)
    {
        if (tenures.Count == 0)
        {
            return Survival(weeks);
        }

        var sum = new double[weeks];
        foreach (var group in tenures.GroupBy(t => Math.Min(60, Math.Floor(t))))
        {
            var curve = Survival(weeks, group.Key);
            for (var w = 0; w < weeks; w++)
            {
                sum[w] += curve[w] * group.Count();
            }
        }

        return [.. sum.Select(s => s / tenures.Count)];
    }

    /// <summary>Monthly equivalent of a weekly rate.</summary>
    public static double Monthly(double weekly) => 1 - Math.Pow(1 - weekly, 52.0 / 12);

    private double Rate(double tenureWeeks) => tenureWeeks < 13 ? FirstQuarterWeekly : tenureWeeks < 52 ? FirstYearWeekly : LaterWeekly;

    private static int Band(double weeks) => weeks < 13 ? 0 : weeks < 52 ? 1 : 2;

    private static double Weekly(double monthly) => 1 - Math.Pow(1 - monthly, 12.0 / 52);

    private static void Check(double rate, string field)
    {
        if (!(rate is >= 0 and < 1))
        {
            throw new ForecastInputException(field, $"must be a share of staff per month, 0 to below 1 (0.03 = 3 %), got {rate}");
        }
    }
}
