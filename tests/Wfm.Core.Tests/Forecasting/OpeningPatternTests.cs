using Wfm.Core.Forecasting;

namespace Wfm.Core.Tests.Forecasting;

/// <summary>Which intervals a forecast treats as closed, and how it says so.</summary>
public sealed class OpeningPatternTests
{
    [Fact]
    public void SparseAndEmptyHours_AreClosed_AndListed()
    {
        // Eight weeks of hourly rows, 08:00–20:00 busy every day. At 03:00 a call came on two Mondays in eight (the
        // other Mondays have no row at all, as exports without zero rows write it); at 04:00 on one Monday in eight;
        // 05:00 is written as 0 every day. Nothing else at night.
        var monday = new DateOnly(2026, 9, 7);
        var observations = new List<DemandObservation>();
        for (var d = 0; d < 56; d++)
        {
            var date = monday.AddDays(d);
            var week = d / 7;
            if (date.DayOfWeek == DayOfWeek.Monday && week is 2 or 5)
            {
                observations.Add(new(date.ToDateTime(new TimeOnly(3, 0)), 1));
            }

            if (date.DayOfWeek == DayOfWeek.Monday && week == 4)
            {
                observations.Add(new(date.ToDateTime(new TimeOnly(4, 0)), 1));
            }

            observations.Add(new(date.ToDateTime(new TimeOnly(5, 0)), 0));
            for (var h = 8; h < 20; h++)
            {
                observations.Add(new(date.ToDateTime(new TimeOnly(h, 0)), 20));
            }
        }

        var opening = OpeningPattern.Learn(DemandHistory.Build("q", 60, observations.OrderBy(o => o.Start)));

        // Busy on two Mondays in eight and missing on the rest: not observed on half of them, so closed (for now).
        Assert.False(opening.IsOpen(DayOfWeek.Monday, 3));
        Assert.False(opening.IsOpen(DayOfWeek.Monday, 4));
        Assert.False(opening.IsOpen(DayOfWeek.Monday, 5));
        Assert.False(opening.IsOpen(DayOfWeek.Tuesday, 3));
        Assert.True(opening.IsOpen(DayOfWeek.Tuesday, 8));
        Assert.Contains("Mon 00:00–07:59", opening.ClosedHours(60));
        Assert.Contains("Sun 20:00–23:59", opening.ClosedHours(60));
        Assert.Contains("Tue 00:00–07:59", opening.ClosedHours(60));
    }
}
