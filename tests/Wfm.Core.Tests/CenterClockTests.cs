using Wfm.Core.Time;

namespace Wfm.Core.Tests;

public sealed class CenterClockTests
{
    [Fact]
    public void Tehran_LocalDayAndInterval_FollowTheCentersTimeZone()
    {
        var clock = CenterClock.For("Asia/Tehran", 30); // UTC+3:30
        var instant = new DateTimeOffset(2026, 3, 20, 20, 45, 0, TimeSpan.Zero); // 00:15 on 21 March local (Nowruz)
        Assert.Equal(new DateOnly(2026, 3, 21), clock.LocalDate(instant));
        Assert.Equal(0, clock.IntervalIndex(instant));
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 20, 30, 0, TimeSpan.Zero), clock.StartOfDay(new DateOnly(2026, 3, 21)));
    }

    [Fact]
    public void IntervalStart_RoundTripsWithIntervalIndex()
    {
        var clock = CenterClock.For("Europe/Istanbul", 15);
        var day = new DateOnly(2026, 11, 25);
        for (var i = 0; i < clock.IntervalsPerDay; i += 7)
        {
            Assert.Equal(i, clock.IntervalIndex(clock.IntervalStart(day, i)));
        }
    }

    [Fact]
    public void DaylightSavingGap_MapsToTheFirstValidTime()
    {
        var clock = CenterClock.For("Europe/Berlin", 30);
        // 2026-03-29 02:00–03:00 does not exist in Berlin.
        var utc = clock.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(2, 0));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void IntervalThatDoesNotDivideAnHour_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CenterClock.For("UTC", 7));
}
