using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Models;

namespace Wfm.Core.Tests.Forecasting;

public sealed class ForecastModelTests
{
    private static double[] Run(IForecastModel model, TrainingSet training, int horizon = 14)
    {
        var output = new double[horizon * training.SlotsPerDay];
        model.Forecast(training, horizon, output);
        return output;
    }

    /// <summary>WAPE of a forecast against the generator's expected values (no noise): how well the structure was recovered.</summary>
    private static double StructureError(SyntheticCenter center, DemandHistory history, double[] output, int horizon = 14)
    {
        double error = 0, total = 0;
        for (var h = 0; h < horizon; h++)
        {
            var date = history.LastDay.AddDays(h + 1);
            if (SyntheticCenter.WeekdayLevel[(int)date.DayOfWeek] == 0)
            {
                continue;
            }

            for (var i = 0; i < SyntheticCenter.OpenSlots; i++)
            {
                var expected = center.Expected(date, i);
                error += Math.Abs(output[(h * 48) + SyntheticCenter.FirstSlot + i] - expected);
                total += expected;
            }
        }

        return error / total;
    }

    [Theory]
    [InlineData("avg8w", 0.035)]
    [InlineData("daily-profile", 0.03)]
    [InlineData("taylor", 0.04)]
    [InlineData("calendar-regression", 0.03)]
    public void Models_recover_intraday_and_weekly_seasonality(string name, double tolerance)
    {
        var center = new SyntheticCenter();
        var history = center.History();
        var output = Run(ModelCatalog.Create(name), TrainingSet.Prepare(history));

        // Poisson noise on ~100 contacts per half hour is 10 %; the models average it away.
        Assert.True(StructureError(center, history, output) < tolerance, $"{name}: {StructureError(center, history, output):P2}");
    }

    [Fact]
    public void Seasonal_naive_repeats_last_week_and_week_average_is_the_mean()
    {
        var history = new SyntheticCenter().History();
        var training = TrainingSet.Prepare(history);
        var naive = Run(new SeasonalNaiveModel(), training, 7);
        var average = Run(new WeekAverageModel(4), training, 7);
        for (var h = 0; h < 7; h++)
        {
            var date = history.LastDay.AddDays(h + 1);
            var lastWeek = history.DayCount + h - 7;
            for (var s = 0; s < 48; s++)
            {
                var open = training.Opening.IsOpen(date.DayOfWeek, s);
                Assert.Equal(open ? history.Volume(lastWeek, s) : 0, naive[(h * 48) + s]);
                var mean = open ? Enumerable.Range(1, 4).Average(k => history.Volume(history.DayCount + h - (7 * k), s)) : 0;
                Assert.Equal(mean, average[(h * 48) + s], 9);
            }
        }
    }

    [Fact]
    public void Opening_hours_and_closed_days_are_learned_not_forecast_as_zero_demand()
    {
        var history = new SyntheticCenter().History();
        var result = Forecaster.Run(history, new ForecastOptions { Model = "avg4w" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(result.Intervals, i => i.Start.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.All(result.Intervals, i => Assert.InRange(i.Start.TimeOfDay, TimeSpan.FromHours(7), TimeSpan.FromHours(20.5)));
        Assert.Equal(10 * 28, result.Intervals.Count);
    }

    [Fact]
    public void Month_cycle_is_captured_by_calendar_regression_and_auto_selects_it()
    {
        var center = new SyntheticCenter { MonthStartUplift = 0.25, Days = 182 };
        var history = center.History();
        var report = Backtester.Run(history, ["avg4w", "calendar-regression"], 8, 14, cancellationToken: TestContext.Current.CancellationToken);
        var regression = report.Models.Single(m => m.Model == "calendar-regression").Overall.Wape;
        var average = report.Models.Single(m => m.Model == "avg4w").Overall.Wape;

        Assert.True(regression < average, $"calendar-regression {regression:P2} vs avg4w {average:P2}");
        var auto = Forecaster.Run(history, new ForecastOptions(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("calendar-regression", auto.Model);

        // Why it was taken, with each origin's WAPE behind the spread it reports.
        var chosen = report.Models.Single(m => m.Model == "calendar-regression");
        Assert.Equal(report.Origins.Count, chosen.OriginWape!.Count);
        Assert.All(chosen.OriginWape, w => Assert.InRange(w, 0, 1));
        Assert.InRange(chosen.Spread, 0, chosen.OriginWape.Max() - chosen.OriginWape.Min());
        Assert.StartsWith("lowest WAPE over 8 origin(s)", auto.Reason, StringComparison.Ordinal);
        Assert.Contains("next ", auto.Reason, StringComparison.Ordinal);
        Assert.Equal("asked for by name", Forecaster.Run(history, new ForecastOptions { Model = "avg4w" }, cancellationToken: TestContext.Current.CancellationToken).Reason);
    }

    [Fact]
    public void An_outlier_day_is_left_out_and_does_not_bend_the_forecast()
    {
        var center = new SyntheticCenter();
        var outage = center.Start.AddDays(133); // a Tuesday in the last week
        var clean = Run(new WeekAverageModel(4), TrainingSet.Prepare(center.History()));
        var training = TrainingSet.Prepare(center.History(d => d == outage ? 0.3 : 1));
        var withOutage = Run(new WeekAverageModel(4), training);

        var excluded = Assert.Single(training.Excluded);
        Assert.Equal(outage, excluded.Date);
        Assert.InRange(excluded.Ratio, 0.25, 0.35);
        Assert.True(Math.Abs(clean.Sum() - withOutage.Sum()) / clean.Sum() < 0.02);
    }

    [Fact]
    public void A_special_days_effect_is_learned_from_its_earlier_occurrences()
    {
        var center = new SyntheticCenter { Days = 175 };
        var history = center.History(d => d.Day == 15 ? 0.5 : 1);
        var dates = Enumerable.Range(0, 8).Select(m => new DateOnly(2025, 1 + m, 15)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        var calendar = new SpecialDayCalendar(dates.Select(d => new SpecialDay(d, "bill run")));
        var next = dates.First(d => d > history.LastDay);
        var result = Forecaster.Run(history, new ForecastOptions { Model = "avg4w", Calendar = calendar, HorizonDays = next.DayNumber - history.LastDay.DayNumber }, cancellationToken: TestContext.Current.CancellationToken);

        var applied = Assert.Single(result.SpecialDays);
        Assert.Equal(next, applied.Date);
        Assert.InRange(applied.Factor, 0.45, 0.55);
        Assert.StartsWith("learned from", applied.Source);
        Assert.DoesNotContain(result.Excluded, e => e.Reason.StartsWith("outlier", StringComparison.Ordinal));
    }

    [Fact]
    public void A_closed_special_day_gets_no_intervals()
    {
        var history = new SyntheticCenter().History();
        var closedDay = history.LastDay.AddDays(3);
        var calendar = new SpecialDayCalendar([new SpecialDay(closedDay, "system migration", Closed: true)]);
        var result = Forecaster.Run(history, new ForecastOptions { Model = "avg4w", Calendar = calendar }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(result.Intervals, i => DateOnly.FromDateTime(i.Start) == closedDay);
        Assert.Contains(result.Intervals, i => DateOnly.FromDateTime(i.Start) == closedDay.AddDays(1) || closedDay.AddDays(1).DayOfWeek == DayOfWeek.Saturday);
    }

    [Fact]
    public void Handle_time_forecast_recovers_the_per_interval_aht()
    {
        var result = Forecaster.Run(new SyntheticCenter().History(), new ForecastOptions { Model = "avg4w" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(result.Intervals, i =>
        {
            var openSlot = ((int)i.Start.TimeOfDay.TotalMinutes / 30) - SyntheticCenter.FirstSlot;
            Assert.Equal(openSlot < 10 ? 264 : 216, i.AhtSeconds!.Value, 1);
        });
    }

    [Fact]
    public void Prediction_intervals_cover_about_their_level_on_new_data()
    {
        var center = new SyntheticCenter { Days = 168 };
        var all = center.History();
        var training = DemandHistory.Build("voice", 30, center.Observations().Where(o => DateOnly.FromDateTime(o.Start) <= center.Start.AddDays(153)).ToList());
        var result = Forecaster.Run(training, new ForecastOptions { IntervalLevel = 0.8 }, cancellationToken: TestContext.Current.CancellationToken);
        var inside = 0;
        foreach (var i in result.Intervals)
        {
            var actual = all.Volume(DateOnly.FromDateTime(i.Start).DayNumber - all.FirstDay.DayNumber, (int)i.Start.TimeOfDay.TotalMinutes / 30);
            inside += actual >= i.Lower && actual <= i.Upper ? 1 : 0;
            Assert.True(i.Lower <= i.Forecast && i.Forecast <= i.Upper);
        }

        Assert.InRange(inside / (double)result.Intervals.Count, 0.7, 0.97);
    }

    [Fact]
    public void Backtest_reports_every_horizon_day_and_mase_against_seasonal_naive()
    {
        var report = Backtester.Run(new SyntheticCenter().History(), ModelCatalog.Candidates, 4, 14, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, report.Origins.Count);
        Assert.Equal(7, (report.Origins[1].DayNumber - report.Origins[0].DayNumber));
        var naive = report.Models.Single(m => m.Model == "seasonal-naive");
        var average = report.Models.Single(m => m.Model == "avg8w");
        Assert.Equal(14, naive.ByHorizonDay.Count);
        Assert.Equal(10 * 28 * 4, naive.Overall.Intervals);

        // On pure seasonality plus noise, averaging weeks beats last week (MASE < 1 < naive's own ≈ 1).
        Assert.True(average.Overall.Mase < 0.85, $"avg8w MASE {average.Overall.Mase:0.000}");
        Assert.InRange(naive.Overall.Mase, 0.85, 1.2);
    }

    [Theory]
    [InlineData(0.9, 1.2815515655)]
    [InlineData(0.975, 1.9599639845)]
    [InlineData(0.001, -3.0902323062)]
    public void Normal_quantile_is_accurate(double p, double z) => Assert.Equal(z, PredictionBands.NormalQuantile(p), 6);
}
