using System.Globalization;

namespace Wfm.Core.Directory;

/// <summary>
/// When a queue takes contacts, per weekday: "24/7", or windows such as "Mon-Fri 08:00-20:00; Sat 09:00-14:00"
/// (days Mon…Sun, a range or a comma list; several windows a day allowed; 24:00 ends a day). Days not named are closed.
/// </summary>
public sealed class OpeningHours
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private OpeningHours(IReadOnlyList<OpeningWindow> windows, bool always)
    {
        Windows = windows;
        AlwaysOpen = always;
    }

    public static OpeningHours Always { get; } = new([], true);

    public bool AlwaysOpen { get; }

    /// <summary>The windows, Monday first; empty when always open.</summary>
    public IReadOnlyList<OpeningWindow> Windows { get; }

    /// <summary>Whether the queue is open at this minute of a weekday (0–1439).</summary>
    public bool IsOpen(DayOfWeek day, int minuteOfDay) =>
        AlwaysOpen || Windows.Any(w => w.Day == day && minuteOfDay >= w.FromMinute && minuteOfDay < w.ToMinute);

    /// <summary>Reads hours as written above; null or blank text is always open. The error says what was expected.</summary>
    public static bool TryParse(string? text, out OpeningHours hours, out string error)
    {
        hours = Always;
        error = "";
        if (string.IsNullOrWhiteSpace(text) || text.Trim() is "24/7" or "24x7")
        {
            return true;
        }

        var windows = new List<OpeningWindow>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || !TryDays(pieces[0], out var days) || !TryWindow(pieces[1], out var from, out var to))
            {
                error = $"'{part}' is not a day range and a time window such as 'Mon-Fri 08:00-20:00'";
                return false;
            }

            foreach (var day in days)
            {
                if (windows.Any(w => w.Day == day && from < w.ToMinute && w.FromMinute < to))
                {
                    error = $"'{part}' overlaps another window on {DayNames[(int)day]}";
                    return false;
                }

                windows.Add(new OpeningWindow(day, from, to));
            }
        }

        hours = new OpeningHours([.. windows.OrderBy(w => ((int)w.Day + 6) % 7).ThenBy(w => w.FromMinute)], false);
        return true;
    }

    /// <summary>The canonical text: "24/7", or each window with its days, runs of days as ranges ("Mon-Fri 08:00-20:00; Sat 09:00-14:00").</summary>
    public override string ToString()
    {
        if (AlwaysOpen)
        {
            return "24/7";
        }

        var parts = new List<string>();
        foreach (var window in Windows.GroupBy(w => (w.FromMinute, w.ToMinute)).OrderBy(g => g.Min(w => Position(w.Day))).ThenBy(g => g.Key.FromMinute))
        {
            var positions = window.Select(w => Position(w.Day)).Order().ToList();
            var runs = new List<string>();
            for (var i = 0; i < positions.Count;)
            {
                var j = i;
                while (j + 1 < positions.Count && positions[j + 1] == positions[j] + 1)
                {
                    j++;
                }

                runs.Add(j > i ? $"{Name(positions[i])}-{Name(positions[j])}" : Name(positions[i]));
                i = j + 1;
            }

            parts.Add($"{string.Join(",", runs)} {Clock(window.Key.FromMinute)}-{Clock(window.Key.ToMinute)}");
        }

        return string.Join("; ", parts);
    }

    private static int Position(DayOfWeek day) => ((int)day + 6) % 7;

    private static string Name(int position) => Capital(DayNames[(position + 1) % 7]);

    private static bool TryDays(string text, out List<DayOfWeek> days)
    {
        days = [];
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = item.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || range.Any(r => Day(r) is null))
            {
                return false;
            }

            // Monday-first positions, so "Fri-Mon" runs over the weekend.
            var first = ((int)Day(range[0])!.Value + 6) % 7;
            var last = ((int)Day(range[^1])!.Value + 6) % 7;
            for (var i = first; ; i = (i + 1) % 7)
            {
                days.Add((DayOfWeek)((i + 1) % 7));
                if (i == last)
                {
                    break;
                }
            }
        }

        return days.Count > 0;
    }

    private static DayOfWeek? Day(string text)
    {
        var index = Array.IndexOf(DayNames, text.Length >= 3 ? text[..3].ToLowerInvariant() : text.ToLowerInvariant());
        return index < 0 ? null : (DayOfWeek)index;
    }

    private static bool TryWindow(string text, out int from, out int to)
    {
        from = to = 0;
        var times = text.Split('-', StringSplitOptions.TrimEntries);
        return times.Length == 2 && TryMinute(times[0], out from) && TryMinute(times[1], out to) && to > from;
    }

    private static bool TryMinute(string text, out int minute)
    {
        minute = 0;
        var hm = text.Split(':');
        if (hm.Length != 2 || !int.TryParse(hm[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(hm[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > 59 || h > 24 || (h == 24 && m > 0))
        {
            return false;
        }

        minute = (h * 60) + m;
        return true;
    }

    private static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    private static string Capital(string day) => char.ToUpperInvariant(day[0]) + day[1..];
}

/// <summary>One opening window of a weekday, in minutes from midnight (end exclusive, 1440 = midnight).</summary>
public sealed record OpeningWindow(DayOfWeek Day, int FromMinute, int ToMinute);
