using Wfm.Planning.Csv;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>Arrival profiles from files: a history CSV (interval or per-contact, as `wfm forecast` reads) or a forecast CSV (as `wfm forecast` writes), plus special days.</summary>
public static class ProfileInput
{
    /// <summary>The shape of all queues in <paramref name="path"/> together (a forecast file when its header has a "forecast" column).</summary>
    public static ArrivalProfile Read(string path, string? specialDaysPath)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"--profile {path} does not exist");
        }

        var header = File.ReadLines(path).FirstOrDefault() ?? string.Empty;
        ArrivalProfile profile;
        if (header.Split(',').Any(h => h.Trim().Equals("forecast", StringComparison.OrdinalIgnoreCase)))
        {
            var series = ForecastCsv.Read(path);
            var minutes = series.Min(s => s.IntervalMinutes);
            profile = ArrivalProfile.FromIntervals(Sum(series.SelectMany(s => s.Points.Select(p => (p.Timestamp, p.Contacts)))), minutes);
        }
        else
        {
            var histories = HistoryCsv.Read(path);
            var minutes = histories.Min(h => h.IntervalMinutes);
            var points = histories.SelectMany(h => Enumerable.Range(0, h.DayCount).SelectMany(d => Enumerable.Range(0, h.SlotsPerDay)
                .Select(s => (h.Date(d).ToDateTime(TimeOnly.MinValue).AddMinutes(s * h.IntervalMinutes), h.Volume(d, s)))));
            profile = ArrivalProfile.FromIntervals(Sum(points), minutes);
        }

        if (specialDaysPath is null)
        {
            return profile;
        }

        return profile.WithSpecialDays(SpecialDays(specialDaysPath));
    }

    /// <summary>Each special day's multiplier, on the day and the days around it that the file names (closed = 0).</summary>
    public static IReadOnlyDictionary<DateOnly, double> SpecialDays(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"--special-days {path} does not exist");
        }

        var multipliers = new Dictionary<DateOnly, double>();
        foreach (var day in SpecialDaysCsv.Read(path))
        {
            var factor = day.Closed ? 0 : day.Factor ?? 1;
            for (var k = -day.DaysBefore; k <= day.DaysAfter; k++)
            {
                multipliers[day.Date.AddDays(k)] = factor;
            }
        }

        return multipliers;
    }

    /// <summary>Several queues' intervals summed per start time (NaN = not observed stays NaN only when every queue lacks it).</summary>
    private static IEnumerable<(DateTime, double)> Sum(IEnumerable<(DateTime Start, double Contacts)> points) =>
        points.GroupBy(p => p.Start).Select(g =>
        {
            var seen = g.Where(p => !double.IsNaN(p.Contacts)).ToList();
            return (g.Key, seen.Count == 0 ? double.NaN : seen.Sum(p => p.Contacts));
        });
}
