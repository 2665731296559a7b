namespace Wfm.Simulation;

/// <summary>
/// How arrivals move through the week: a factor per weekday and time of day relative to the busiest
/// moment (1), and special days that multiply it (a campaign ×1.8, a holiday ×0.3, closed ×0). Either the
/// built-in demo shape or one learned from a history or forecast (mean contacts per weekday × interval).
/// </summary>
public sealed class ArrivalProfile
{
    private readonly double[][]? _shape; // [weekday][slot], peak = 1
    private readonly int _slotMinutes;
    private readonly IReadOnlyDictionary<DateOnly, double> _special;

    private ArrivalProfile(double[][]? shape, int slotMinutes, IReadOnlyDictionary<DateOnly, double> special)
    {
        _shape = shape;
        _slotMinutes = slotMinutes;
        _special = special;
        MaxFactor = Math.Max(1, special.Count == 0 ? 1 : special.Values.Max());
    }

    /// <summary>The demo shape (<see cref="IntradayProfile"/>); each queue keeps its own peak.</summary>
    public static ArrivalProfile Default { get; } = new(null, 60, new Dictionary<DateOnly, double>());

    /// <summary>The largest factor any moment can have (above 1 only with special-day spikes).</summary>
    public double MaxFactor { get; }

    /// <summary>The factor at a local time: the week's shape times that day's special multiplier.</summary>
    public double Factor(DateTime local)
    {
        var shape = _shape is null
            ? IntradayProfile.Factor(local)
            : _shape[(int)local.DayOfWeek][((local.Hour * 60) + local.Minute) / _slotMinutes];
        return shape * _special.GetValueOrDefault(DateOnly.FromDateTime(local), 1);
    }

    /// <summary>
    /// Days that run over or under their forecast, as real ones do (weather, a campaign, an outage elsewhere): each day's
    /// level for one queue from <paramref name="from"/> to <paramref name="to"/>, seeded (the same every run): most days
    /// within about ±6 %, one day in five 15–30 % over or 12–25 % under. The level holds all day.
    /// </summary>
    public static IReadOnlyDictionary<DateOnly, double> DayLevels(int seed, string queueId, DateOnly from, DateOnly to)
    {
        var levels = new Dictionary<DateOnly, double>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var random = new Random(StableSeed.Of(seed, ShiftPatterns.StableHash(queueId), day.DayNumber, 23));
            var roll = random.NextDouble();
            levels[day] = roll < 0.1 ? 1.15 + (0.15 * random.NextDouble())
                : roll < 0.2 ? 0.75 + (0.13 * random.NextDouble())
                : 0.94 + (0.12 * random.NextDouble());
        }

        return levels;
    }

    /// <summary>This shape with special days: each date's multiplier (0 closes the day).</summary>
    public ArrivalProfile WithSpecialDays(IReadOnlyDictionary<DateOnly, double> multipliers)
    {
        foreach (var (date, m) in multipliers)
        {
            if (!(m >= 0 && m <= 100))
            {
                throw new ArgumentOutOfRangeException(nameof(multipliers), m, $"the multiplier of {date:yyyy-MM-dd} must be between 0 and 100");
            }
        }

        return new ArrivalProfile(_shape, _slotMinutes, multipliers);
    }

    /// <summary>
    /// Learns the shape from intervals of history or forecast: the mean contacts per weekday and interval
    /// (intervals never seen count as closed), scaled so the busiest is 1.
    /// </summary>
    public static ArrivalProfile FromIntervals(IEnumerable<(DateTime Start, double Contacts)> intervals, int intervalMinutes)
    {
        if (intervalMinutes is < 1 or > 60 || 1440 % intervalMinutes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMinutes), intervalMinutes, "must divide a day (e.g. 15, 30 or 60)");
        }

        var slots = 1440 / intervalMinutes;
        var sum = new double[7, slots];
        var count = new int[7, slots];
        foreach (var (start, contacts) in intervals)
        {
            if (double.IsNaN(contacts))
            {
                continue;
            }

            if (contacts < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(intervals), contacts, $"{start:yyyy-MM-dd HH:mm}: contacts must not be negative");
            }

            var slot = ((start.Hour * 60) + start.Minute) / intervalMinutes;
            sum[(int)start.DayOfWeek, slot] += contacts;
            count[(int)start.DayOfWeek, slot]++;
        }

        var shape = new double[7][];
        var peak = 0.0;
        for (var w = 0; w < 7; w++)
        {
            shape[w] = new double[slots];
            for (var s = 0; s < slots; s++)
            {
                shape[w][s] = count[w, s] > 0 ? sum[w, s] / count[w, s] : 0;
                peak = Math.Max(peak, shape[w][s]);
            }
        }

        if (peak <= 0)
        {
            throw new ArgumentException("the intervals hold no contacts to learn a shape from", nameof(intervals));
        }

        foreach (var row in shape)
        {
            for (var s = 0; s < slots; s++)
            {
                row[s] /= peak;
            }
        }

        return new ArrivalProfile(shape, intervalMinutes, new Dictionary<DateOnly, double>());
    }
}
