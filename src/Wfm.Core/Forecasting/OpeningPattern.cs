namespace Wfm.Core.Forecasting;

/// <summary>
/// When the center takes contacts, learned from the recent weeks of history: a weekday is open when it
/// had contacts on at least half of its recent occurrences (a Monday holiday does not close Mondays, a
/// center closed at weekends is not "zero demand on Saturday"); an interval of an open weekday is open
/// when it was observed on at least half of that weekday's recent open days and had contacts on at
/// least a quarter of them (exports that write zeros through the night are not open at night).
/// <see cref="ClosedHours"/> says which intervals that leaves closed.
/// </summary>
public sealed class OpeningPattern
{
    /// <summary>How far back opening hours are learned.</summary>
    public const int WindowDays = 56;

    private readonly bool[][] _open; // [weekday][slot]
    private readonly bool[] _openDay;

    private OpeningPattern(bool[][] open, bool[] openDay)
    {
        _open = open;
        _openDay = openDay;
    }

    public int SlotsPerDay => _open[0].Length;

    public bool IsOpenDay(DayOfWeek weekday) => _openDay[(int)weekday];

    public bool IsOpen(DayOfWeek weekday, int slot) => _openDay[(int)weekday] && _open[(int)weekday][slot];

    /// <summary>First and last open interval of the weekday, or null when closed.</summary>
    public (int First, int Last)? Hours(DayOfWeek weekday)
    {
        if (!IsOpenDay(weekday))
        {
            return null;
        }

        var row = _open[(int)weekday];
        var first = Array.IndexOf(row, true);
        return first < 0 ? null : (first, Array.LastIndexOf(row, true));
    }

    /// <summary>
    /// What the forecast treats as closed, in words: closed weekdays, and on open ones the stretches of closed
    /// intervals (e.g. "Sun closed", "Mon 00:00–06:59"); empty when every interval of every day is open.
    /// </summary>
    public IReadOnlyList<string> ClosedHours(int intervalMinutes)
    {
        var result = new List<string>();
        foreach (var weekday in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday })
        {
            var name = weekday.ToString()[..3];
            if (!IsOpenDay(weekday))
            {
                result.Add($"{name} closed");
                continue;
            }

            for (var s = 0; s < SlotsPerDay; s++)
            {
                if (IsOpen(weekday, s))
                {
                    continue;
                }

                var end = s;
                while (end + 1 < SlotsPerDay && !IsOpen(weekday, end + 1))
                {
                    end++;
                }

                static string Time(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
                result.Add($"{name} {Time(s * intervalMinutes)}–{Time(((end + 1) * intervalMinutes) - 1)}");
                s = end;
            }
        }

        return result;
    }

    /// <summary>Learns opening hours from the last <see cref="WindowDays"/> days of <paramref name="history"/>, skipping <paramref name="excluded"/> days (known holidays).</summary>
    public static OpeningPattern Learn(DemandHistory history, Func<int, bool>? excluded = null)
    {
        var slots = history.SlotsPerDay;
        var occurrences = new int[7];
        var openDays = new int[7];
        var observed = new int[7, slots];
        var busy = new int[7, slots];
        for (var d = Math.Max(0, history.DayCount - WindowDays); d < history.DayCount; d++)
        {
            if (excluded?.Invoke(d) == true)
            {
                continue;
            }

            var w = (int)history.Weekday(d);
            occurrences[w]++;
            if (!(history.DayTotal(d) > 0))
            {
                continue;
            }

            openDays[w]++;
            var values = history.DayVolumes(d);
            for (var s = 0; s < slots; s++)
            {
                if (!double.IsNaN(values[s]))
                {
                    observed[w, s]++;
                    if (values[s] > 0)
                    {
                        busy[w, s]++;
                    }
                }
            }
        }

        var open = new bool[7][];
        var openDay = new bool[7];
        for (var w = 0; w < 7; w++)
        {
            open[w] = new bool[slots];
            openDay[w] = occurrences[w] > 0 && openDays[w] * 2 >= occurrences[w];
            for (var s = 0; s < slots && openDay[w]; s++)
            {
                open[w][s] = observed[w, s] * 2 >= openDays[w] && busy[w, s] * 4 >= openDays[w] && busy[w, s] > 0;
            }

            openDay[w] &= Array.IndexOf(open[w], true) >= 0;
        }

        return new OpeningPattern(open, openDay);
    }
}
