namespace Wfm.Server.Tests;

/// <summary>
/// Real time shifted back so that it reads <c>startAt</c> now, and moved on when a test asks. Never ahead of real time:
/// Orleans reads this clock too (see <see cref="WfmFactory"/>).
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _shiftTicks;

    public ShiftedClock(DateTimeOffset startAt)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.True(startAt <= now, $"a test clock may not start ahead of real time ({startAt:O})");
        _shiftTicks = (startAt - now).Ticks;
    }

    /// <summary>The moment of a local wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTimeOffset At(TimeZoneInfo zone, DateTime local) => new(local, zone.GetUtcOffset(local));

    /// <summary>Moves the clock on (the day goes on faster than a test would wait for it).</summary>
    public void Advance(TimeSpan by)
    {
        Assert.True(by > TimeSpan.Zero && GetUtcNow() + by < base.GetUtcNow(), $"cannot move the clock on by {by}: it would run ahead of real time");
        Interlocked.Add(ref _shiftTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));
}
