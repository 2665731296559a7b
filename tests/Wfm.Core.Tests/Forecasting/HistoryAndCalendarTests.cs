using System.Globalization;
using Wfm.Core.Forecasting.Models;
using Wfm.Core.Forecasting;

namespace Wfm.Core.Tests.Forecasting;

public sealed class HistoryAndCalendarTests
{
    private static DemandObservation At(string when, double offered, long row) =>
        new(DateTime.Parse(when, CultureInfo.InvariantCulture), offered, Row: row);

    private static IEnumerable<DemandObservation> TwoWeeks()
    {
        var start = new DateTime(2026, 1, 5, 8, 0, 0);
        for (var d = 0; d < 14; d++)
        {
            yield return new DemandObservation(start.AddDays(d), 10, Row: d + 2);
        }
    }

    [Fact]
    public void Duplicate_and_unsorted_rows_are_refused_naming_the_row()
    {
        var duplicate = TwoWeeks().Append(At("2026-01-18 08:00", 5, 99));
        var ex = Assert.Throws<ForecastInputException>(() => DemandHistory.Build("q", 30, duplicate.ToList()));
        Assert.Equal(99, ex.Row);
        Assert.Contains("duplicate", ex.Message);

        var unsorted = TwoWeeks().Append(At("2026-01-10 09:00", 5, 77));
        ex = Assert.Throws<ForecastInputException>(() => DemandHistory.Build("q", 30, unsorted.ToList()));
        Assert.Equal(77, ex.Row);
        Assert.Contains("earlier than the previous row", ex.Message);
    }

    [Fact]
    public void Negative_counts_off_grid_starts_and_short_history_are_refused()
    {
        var negative = TwoWeeks().Append(At("2026-01-19 08:00", -1, 50));
        Assert.Equal(50, Assert.Throws<ForecastInputException>(() => DemandHistory.Build("q", 30, negative.ToList())).Row);

        var offGrid = TwoWeeks().Append(At("2026-01-19 08:10", 1, 51));
        var ex = Assert.Throws<ForecastInputException>(() => DemandHistory.Build("q", 30, offGrid.ToList()));
        Assert.Equal(51, ex.Row);
        Assert.Contains("30-minute grid", ex.Message);

        ex = Assert.Throws<ForecastInputException>(() => DemandHistory.Build("q", 30, TwoWeeks().Take(10).ToList()));
        Assert.Contains("at least 14 days", ex.Message);
    }

    [Fact]
    public void Unknown_model_names_the_choices() =>
        Assert.Contains("calendar-regression", Assert.Throws<ForecastInputException>(() => ModelCatalog.Create("prophet")).Message);

    [Theory]
    [InlineData("TR", "2025-03-30", "Ramazan Bayramı 1. gün")]
    [InlineData("TR", "2025-06-06", "Kurban Bayramı 1. gün")]
    [InlineData("TR", "2026-03-20", "Ramazan Bayramı 1. gün")]
    [InlineData("TR", "2026-05-27", "Kurban Bayramı 1. gün")]
    [InlineData("TR", "2025-10-29", "Cumhuriyet Bayramı")]
    [InlineData("IR", "2025-03-21", "Nowruz (نوروز) day 1")]
    [InlineData("IR", "2026-03-21", "Nowruz (نوروز) day 1")]
    [InlineData("IR", "2025-04-02", "Sizdah Bedar (سیزده‌بدر)")]
    [InlineData("IR", "2025-02-10", "Revolution Day (پیروزی انقلاب اسلامی)")]
    public void Holiday_calendars_place_fixed_and_moving_holidays(string country, string date, string name)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        Assert.Contains(HolidayCalendars.For(country, day.Year, day.Year), d => d.Date == day && d.Name == name);
    }

    [Fact]
    public void Lunar_holidays_move_by_the_years_adjustment_and_can_occur_twice_a_year()
    {
        var ashura = HolidayCalendars.For("IR", 2025, 2025).Single(d => d.Name.StartsWith("Ashura", StringComparison.Ordinal)).Date;
        var shifted = HolidayCalendars.For("IR", 2025, 2025, new Dictionary<int, int> { [2025] = 1 }).Single(d => d.Name.StartsWith("Ashura", StringComparison.Ordinal)).Date;
        Assert.Equal(ashura.AddDays(1), shifted);
        Assert.Throws<ForecastInputException>(() => HolidayCalendars.For("IR", 2025, 2025, new Dictionary<int, int> { [2025] = 2 }));

        // The Islamic year is ~11 days shorter, so in 2033 Eid al-Fitr falls in both January and December.
        Assert.Equal(2, HolidayCalendars.FromHijri(2033, 10, 1).Count());
    }

    [Fact]
    public void Special_day_windows_cover_the_days_around()
    {
        var calendar = new SpecialDayCalendar([new SpecialDay(new DateOnly(2026, 3, 20), "Bayram", DaysBefore: 1, DaysAfter: 2)]);
        Assert.True(calendar.Covers(new DateOnly(2026, 3, 19)));
        Assert.True(calendar.Covers(new DateOnly(2026, 3, 22)));
        Assert.False(calendar.Covers(new DateOnly(2026, 3, 23)));
        Assert.Throws<ForecastInputException>(() => new SpecialDayCalendar([new SpecialDay(new DateOnly(2026, 3, 20), "x", Factor: -1)]));
    }
}
