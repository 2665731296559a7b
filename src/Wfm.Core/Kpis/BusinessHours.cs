using Wfm.Core.Time;

namespace Wfm.Core.Kpis;

/// <summary>
/// When the center counts time for "business hours" KPIs: opening hours per weekday in the center's
/// time zone (a day missing is closed) and closed dates such as public holidays.
/// </summary>
public sealed class BusinessHours
{
    private readonly Dictionary<DayOfWeek, (TimeOnly Open, TimeOnly Close)> _hours;
    private readonly HashSet<DateOnly> _closed;

    public BusinessHours(IReadOnlyDictionary<DayOfWeek, (TimeOnly Open, TimeOnly Close)> hours, IEnumerable<DateOnly>? closedDates = null)
    {
        foreach (var (day, (open, close)) in hours)
        {
            if (close <= open)
            {
                throw new ArgumentException($"{day}: closing time {close:HH\\:mm} must be after opening time {open:HH\\:mm}");
            }
        }

        _hours = hours.ToDictionary();
        _closed = closedDates?.ToHashSet() ?? [];
    }

    /// <summary>Monday to Friday, 09:00–18:00.</summary>
    public static BusinessHours Weekdays9To6 { get; } = new(
        Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToDictionary(d => d, _ => (new TimeOnly(9, 0), new TimeOnly(18, 0))));

    /// <summary>Every hour of every day.</summary>
    public static BusinessHours AlwaysOpen { get; } = new(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (TimeOnly.MinValue, new TimeOnly(23, 59, 59, 999))));

    /// <summary>The open time between two instants, day by day in the center's time zone.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to, CenterClock clock)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        for (var day = clock.LocalDate(from); day <= clock.LocalDate(to); day = day.AddDays(1))
        {
            if (_closed.Contains(day) || !_hours.TryGetValue(day.DayOfWeek, out var h))
            {
                continue;
            }

            var open = clock.ToUtc(day, h.Open);
            var close = h.Close == new TimeOnly(23, 59, 59, 999) ? clock.StartOfDay(day.AddDays(1)) : clock.ToUtc(day, h.Close);
            var start = from > open ? from : open;
            var end = to < close ? to : close;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }
}
