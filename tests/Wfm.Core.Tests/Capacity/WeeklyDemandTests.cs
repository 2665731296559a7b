using Wfm.Core.Capacity;
using Wfm.Core.Forecasting;

namespace Wfm.Core.Tests.Capacity;

public sealed class WeeklyDemandTests
{
    private static readonly DateOnly Monday = new(2025, 1, 6);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Hourly history, open 08–20 on the days <paramref name="dayTotal"/> gives a total for (NaN: no data that day).</summary>
    private static DemandHistory History(int days, Func<DateOnly, double> dayTotal)
    {
        var observations = new List<DemandObservation>();
        for (var d = 0; d < days; d++)
        {
            var date = Monday.AddDays(d);
            var total = dayTotal(date);
            if (!double.IsFinite(total))
            {
                continue;
            }

            for (var h = 8; h < 20; h++)
            {
                observations.Add(new DemandObservation(date.ToDateTime(new TimeOnly(h, 0)), total / 12, 240));
            }
        }

        return DemandHistory.Build("q", 60, observations);
    }

    private static double Weekday(DateOnly date) => date.DayOfWeek switch { DayOfWeek.Sunday => double.NaN, DayOfWeek.Saturday => 0.5, DayOfWeek.Monday => 1.2, _ => 1 };

    [Fact]
    public void AGrowingLine_IsFollowed_AndTheTrendFlattensFurtherOut()
    {
        // 1 % more every week for 30 weeks.
        var history = History(30 * 7, d => 1000 * Weekday(d) * Math.Pow(1.01, (d.DayNumber - Monday.DayNumber) / 7));
        var forecast = WeeklyDemand.Forecast(history, new WeeklyForecastOptions { Weeks = 26, Method = "trend" }, Ct);
        var lastWeek = history.DayCount / 7 - 1;
        double Truth(int weeksAhead) => 5700 * Math.Pow(1.01, lastWeek + weeksAhead);

        Assert.Equal(Monday.AddDays(30 * 7), forecast.Weeks[0].Start);
        Assert.InRange(forecast.Weeks[0].Volume / Truth(1), 0.99, 1.01);
        // Damped: after half a year it stays below the straight line, but above the last level.
        Assert.InRange(forecast.Weeks[25].Volume, forecast.Weeks[0].Volume * 1.02, Truth(26));
        Assert.False(forecast.YearlySeason);
        Assert.Equal(6, forecast.Weeks[0].Days!.Count(d => d > 0));
    }

    [Fact]
    public void ClosedDays_PassPartOfTheirContactsToTheWeek_AndACalendarClosureLowersItsWeek()
    {
        // Every fourth week Wednesday is closed, and 40 % of its contacts come on the other days of that week.
        var holidays = Enumerable.Range(0, 6).Select(k => Monday.AddDays((28 * k) + 9)).ToHashSet();
        double Total(DateOnly d)
        {
            if (holidays.Contains(d))
            {
                return double.NaN;
            }

            var week = Monday.AddDays((d.DayNumber - Monday.DayNumber) / 7 * 7);
            var boost = holidays.Any(h => h >= week && h < week.AddDays(7)) ? 1 + (0.4 / 5.5) : 1;
            return 1000 * Weekday(d) * boost;
        }

        var history = History(24 * 7, Total);
        var closedWednesday = new SpecialDay(Monday.AddDays((24 * 7) + 2), "Closed", Closed: true);
        var forecast = WeeklyDemand.Forecast(history, new WeeklyForecastOptions { Weeks = 2, Method = "mean8", Calendar = new SpecialDayCalendar([closedWednesday]) }, Ct);

        Assert.InRange(forecast.ClosedDayCarry, 0.3, 0.5);
        Assert.InRange(forecast.Weeks[1].Volume, 5690, 5710);
        Assert.InRange(forecast.Weeks[0].Volume, 5700 - (1000 * (1 - forecast.ClosedDayCarry)) - 10, 5700 - (1000 * (1 - forecast.ClosedDayCarry)) + 10);
    }

    [Fact]
    public void WithTwoYears_TheYearlySeasonIsLearned_AndWithoutABandIsWidened()
    {
        double Seasonal(DateOnly d) => 1000 * Weekday(d) * (1 + (0.15 * Math.Sin(2 * Math.PI * (d.DayNumber - Monday.DayNumber) / 364.0)));
        var twoYears = WeeklyDemand.Forecast(History(104 * 7, Seasonal), new WeeklyForecastOptions { Weeks = 26 }, Ct);
        var halfYear = WeeklyDemand.Forecast(History(26 * 7, Seasonal), new WeeklyForecastOptions { Weeks = 26 }, Ct);

        Assert.True(twoYears.YearlySeason);
        // A quarter ahead the season has turned: the seasonal forecast follows it.
        var truth = Enumerable.Range(0, 26).Select(h => Enumerable.Range(0, 7).Sum(i => Seasonal(twoYears.Weeks[h].Start.AddDays(i)) is var v && double.IsFinite(v) ? v : 0)).ToArray();
        var error = twoYears.Weeks.Select((w, h) => Math.Abs(w.Volume - truth[h])).Sum() / truth.Sum();
        Assert.True(error < 0.05, $"WAPE {error:P1}");
        Assert.False(halfYear.YearlySeason);
        Assert.True(halfYear.Weeks[^1].High / halfYear.Weeks[^1].Volume > halfYear.Weeks[0].High / halfYear.Weeks[0].Volume);
        Assert.All(halfYear.Weeks, w => Assert.True(w.Low < w.Volume && w.Volume < w.High));
    }

    [Fact]
    public void Backtest_ScoresEveryMethodAndBothBaselinesOnTheSameWeeks()
    {
        var history = History(30 * 7, d => 1000 * Weekday(d) * Math.Pow(1.01, (d.DayNumber - Monday.DayNumber) / 7));
        var scores = WeeklyDemand.Backtest(history, 8, 4, new WeeklyForecastOptions(), Ct);

        Assert.Equal(6, scores.Count);
        Assert.All(scores, s => Assert.Equal(32, s.Weeks));
        var auto = scores.Single(s => s.Method == WeeklyDemand.Auto).Wape;
        Assert.True(auto < scores.Single(s => s.Method == "baseline: mean of 8 weekly totals").Wape, string.Join(", ", scores));
    }

    [Fact]
    public void TooLittleHistory_IsRefusedSayingHowMuchIsNeeded()
    {
        var ex = Assert.Throws<ForecastInputException>(() => WeeklyDemand.Forecast(History(20, d => 100), new WeeklyForecastOptions(), Ct));
        Assert.Contains("at least 4", ex.Message);
        Assert.Throws<ForecastInputException>(() => WeeklyDemand.Forecast(History(60, d => 100), new WeeklyForecastOptions { Weeks = 200 }, Ct));
    }
}
