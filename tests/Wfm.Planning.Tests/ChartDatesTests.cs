using Wfm.Planning.Charts;

namespace Wfm.Planning.Tests;

/// <summary>Dates on chart axes in the reader's calendar: Solar Hijri with Persian digits, day.month in Turkish.</summary>
public sealed class ChartDatesTests
{
    private static readonly IReadOnlyList<(DateTime, double)> Week =
        [.. Enumerable.Range(0, 8).Select(d => (new DateTime(2026, 12, 1).AddDays(d), (double)d))];

    [Fact]
    public void Days_AreWrittenInTheLanguagesCalendar()
    {
        var day = new DateTime(2026, 12, 7);
        Assert.Equal("12-07", ChartText.English.Day(day));
        Assert.Equal("07.12", new ChartText(null, "tr").Day(day));
        Assert.Equal("۰۹/۱۶", new ChartText(null, "fa").Day(day)); // 16 Azar 1405
        Assert.Equal("۱۴:۳۰", new ChartText(null, "fa").Time(day.AddHours(14.5)));
        Assert.Equal("۰۱/۰۱", new ChartText(null, "fa").Day(new DateTime(2027, 3, 21))); // Nowruz 1406
    }

    [Fact]
    public void APersianChart_LabelsItsDaysInSolarHijri()
    {
        var persian = SvgChart.Render("t", "y", null, [new ChartSeries("s", Week)], text: new ChartText(null, "fa"));
        var english = SvgChart.Render("t", "y", null, [new ChartSeries("s", Week)]);

        Assert.Contains("۰۹/۱۶", persian);
        Assert.DoesNotContain("12-07", persian);
        Assert.Contains("12-07", english);
    }
}
