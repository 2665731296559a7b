using Wfm.Core.Directory;

namespace Wfm.Core.Tests.Directory;

public sealed class OpeningHoursTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("24/7")]
    public void BlankOr247_IsAlwaysOpen(string? text)
    {
        Assert.True(OpeningHours.TryParse(text, out var hours, out _));
        Assert.True(hours.AlwaysOpen);
        Assert.True(hours.IsOpen(DayOfWeek.Sunday, 3 * 60));
        Assert.Equal("24/7", hours.ToString());
    }

    [Fact]
    public void Ranges_ListsAndSeveralWindowsADay_AreOpenExactlyInsideTheirWindows()
    {
        Assert.True(OpeningHours.TryParse("Mon-Fri 08:00-12:00; mon-fri 13:00-18:00; Sat,Sun 10:00-24:00", out var hours, out var error), error);

        Assert.True(hours.IsOpen(DayOfWeek.Wednesday, 8 * 60));
        Assert.False(hours.IsOpen(DayOfWeek.Wednesday, 12 * 60));
        Assert.True(hours.IsOpen(DayOfWeek.Friday, 17 * 60 + 59));
        Assert.False(hours.IsOpen(DayOfWeek.Friday, 18 * 60));
        Assert.True(hours.IsOpen(DayOfWeek.Sunday, 23 * 60 + 59));
        Assert.False(hours.IsOpen(DayOfWeek.Saturday, 9 * 60 + 59));
        Assert.Equal(12, hours.Windows.Count);
        Assert.Equal("Mon-Fri 08:00-12:00; Mon-Fri 13:00-18:00; Sat-Sun 10:00-24:00", hours.ToString());
    }

    [Fact]
    public void ARangeOverTheWeekend_WrapsFromFridayToMonday()
    {
        Assert.True(OpeningHours.TryParse("Fri-Mon 09:00-17:00", out var hours, out _));

        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday], hours.Windows.Select(w => w.Day));
        Assert.Equal("Mon,Fri-Sun 09:00-17:00", hours.ToString());
        Assert.True(OpeningHours.TryParse(hours.ToString(), out var again, out _));
        Assert.Equal(hours.ToString(), again.ToString());
    }

    [Theory]
    [InlineData("weekdays 08:00-20:00", "is not a day range")]
    [InlineData("Mon-Fri 8-20", "is not a day range")]
    [InlineData("Mon 18:00-08:00", "is not a day range")]
    [InlineData("Mon 08:00-25:00", "is not a day range")]
    [InlineData("Mon 08:00-12:00; Mon 11:00-14:00", "overlaps")]
    public void BadHours_AreRefusedSayingWhatWasExpected(string text, string expected)
    {
        Assert.False(OpeningHours.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }
}
