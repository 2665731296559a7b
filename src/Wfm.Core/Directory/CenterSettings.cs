namespace Wfm.Core.Directory;

/// <summary>
/// The center as a whole: its name, time zone, interval length (15 or 30 minutes), the public holidays it
/// observes (<see cref="HolidayCalendars"/>: none, TR or IR; its own days come on top) and whether it is the demo.
/// </summary>
public sealed record CenterSettings(string Name, string TimeZone, int IntervalMinutes, string Holidays = "none", bool Demo = false)
{
    /// <summary>The public-holiday calendars a center can observe.</summary>
    public static readonly IReadOnlyList<string> HolidayCalendars = ["none", "TR", "IR"];
}

/// <summary>A day of the center's own calendar: a holiday, a campaign or an outage; <c>Closed</c> when nobody works.</summary>
public sealed record CenterDay(DateOnly Date, string Name, bool Closed = true);
