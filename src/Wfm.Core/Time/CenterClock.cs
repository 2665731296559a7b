namespace Wfm.Core.Time;

/// <summary>
/// The contact center's local calendar: which local day and interval a UTC instant falls in.
/// Timestamps are stored in UTC; "today", intervals and shifts are local to the center's time zone.
/// </summary>
public sealed class CenterClock
{
    public CenterClock(TimeZoneInfo zone, int intervalMinutes)
    {
        if (intervalMinutes is not (5 or 10 or 15 or 20 or 30 or 60))
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMinutes), intervalMinutes, "interval must divide an hour: 5, 10, 15, 20, 30 or 60 minutes");
        }

        Zone = zone;
        IntervalMinutes = intervalMinutes;
    }

    public TimeZoneInfo Zone { get; }

    public int IntervalMinutes { get; }

    public int IntervalsPerDay => 24 * 60 / IntervalMinutes;

    public static CenterClock For(string timeZoneId, int intervalMinutes) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), intervalMinutes);

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>Index of the interval of the local day (0 = the one starting at local midnight).</summary>
    public int IntervalIndex(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return (int)(local.TimeOfDay.TotalMinutes / IntervalMinutes);
    }

    /// <summary>The UTC instant of a local wall-clock time; a time skipped by a DST change maps to just after the gap.</summary>
    public DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(IntervalMinutes);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public DateTimeOffset StartOfDay(DateOnly date) => ToUtc(date, TimeOnly.MinValue);

    public DateTimeOffset IntervalStart(DateOnly date, int index) =>
        ToUtc(date, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(index * IntervalMinutes)));
}
