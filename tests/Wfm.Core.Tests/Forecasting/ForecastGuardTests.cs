using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Models;

namespace Wfm.Core.Tests.Forecasting;

/// <summary>No model's failure becomes a forecast: a run-away model gives way to the 4-week mean when named, is skipped by auto, and is marked in the backtest.</summary>
public sealed class ForecastGuardTests
{
    /// <summary>
    /// 16 weeks of 30-minute intervals around the clock with almost no calls at night (a rate of 0.15 a half-hour):
    /// on this draw Taylor's multiplicative model, before its bounds, divided by a night-time index near zero and ran into the millions.
    /// </summary>
    internal static DemandHistory QuietNights(int seed = 4)
    {
        var random = new Random(seed);
        var observations = new List<DemandObservation>();
        var first = new DateTime(2026, 1, 5);
        for (var d = 0; d < 112; d++)
        {
            for (var s = 0; s < 48; s++)
            {
                var hour = s / 2.0;
                var rate = hour < 7 ? 0.15 : (20 * Math.Sin((hour - 7) / 17 * Math.PI)) + 1;
                observations.Add(new DemandObservation(first.AddDays(d).AddMinutes(s * 30), Poisson(random, rate)));
            }
        }

        return DemandHistory.Build("night-line", 30, observations);
    }

    private static int Poisson(Random random, double rate)
    {
        var limit = Math.Exp(-rate);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }

    [Fact]
    public void TaylorsModel_Bounded_NoLongerRunsIntoTheMillions_OnTheSeriesWhereItDid()
    {
        var history = QuietNights();
        var output = new double[14 * 48];
        new DoubleSeasonalModel().Forecast(TrainingSet.Prepare(history), 14, output);
        Assert.False(ForecastGuard.Diverged(output, ForecastGuard.Cap(history)), $"max {output.Max()} against a cap of {ForecastGuard.Cap(history)}");
    }

    [Fact]
    public void TheGuard_JudgesAForecastsFirstWeekAgainstTheLastFourWeeks()
    {
        var training = TrainingSet.Prepare(QuietNights());
        var history = training.History;
        // The last four weeks repeated, then scaled.
        double Recent(int i) => history.Volume(history.DayCount - 28 + (i / 48 % 28), i % 48) is var v && double.IsFinite(v) ? v : 0;
        double[] Scaled(double factor) => [.. Enumerable.Range(0, 14 * 48).Select(i => factor * Recent(i))];

        Assert.False(ForecastGuard.RanAway(training, Scaled(1)));
        Assert.False(ForecastGuard.RanAway(training, Scaled(1.6)));
        Assert.True(ForecastGuard.RanAway(training, Scaled(2.5)));
        Assert.True(ForecastGuard.RanAway(training, Scaled(0.3)));
        Assert.True(ForecastGuard.RanAway(training, [.. Scaled(1).Select((v, i) => i == 5 ? double.NaN : v)]));
    }

    [Fact]
    public void Auto_NeverChoosesARunAwayModel_AndEveryForecastIsFiniteAndWithinTheCap()
    {
        var history = QuietNights();
        var result = Forecaster.Run(history, new ForecastOptions { Model = ModelCatalog.Auto, HorizonDays = 14, BacktestOrigins = 3 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual("taylor", result.Model);
        var cap = ForecastGuard.Cap(history);
        Assert.All(result.Intervals, i => Assert.True(double.IsFinite(i.Forecast) && i.Forecast <= cap && double.IsFinite(i.Upper) && i.Upper <= cap * 2, $"{i.Start}: {i.Forecast} ({i.Lower}–{i.Upper})"));
        Assert.All(result.Backtest!.Models.Where(m => !m.Diverged), m => Assert.True(double.IsFinite(m.Overall.Wape) && m.Overall.Wape < 10, $"{m.Model}: {m.Overall.Wape}"));
        Assert.False(result.Backtest.Best.Diverged);
    }

    [Fact]
    public void TheGuard_CatchesNotFiniteAndFarBeyondTheHistory_AndLetsOrdinaryForecastsThrough()
    {
        Assert.True(ForecastGuard.Diverged([1, double.PositiveInfinity], 100));
        Assert.True(ForecastGuard.Diverged([1, double.NaN], 100));
        Assert.True(ForecastGuard.Diverged([1, 101], 100));
        Assert.True(ForecastGuard.Diverged([-101, 1], 100));
        Assert.False(ForecastGuard.Diverged([0, 50, 100], 100));
    }

    private sealed class CancelOn(string start, CancellationTokenSource source) : IProgress<string>
    {
        public List<string> Seen { get; } = [];

        public void Report(string value)
        {
            Seen.Add(value);
            if (value.StartsWith(start, StringComparison.Ordinal))
            {
                source.Cancel();
            }
        }
    }

    [Fact]
    public void AForecastWhoseCallerLeaves_StopsInTheBacktest_AndBeforeForecasting()
    {
        var history = QuietNights();
        using (var leaving = new CancellationTokenSource())
        {
            var progress = new CancelOn("backtesting", leaving);
            Assert.ThrowsAny<OperationCanceledException>(() => Forecaster.Run(history, new ForecastOptions { HorizonDays = 14, BacktestOrigins = 8 }, progress, leaving.Token));
            Assert.DoesNotContain(progress.Seen, s => s.StartsWith("forecasting", StringComparison.Ordinal));
        }

        using var later = new CancellationTokenSource();
        var atForecast = new CancelOn("forecasting", later);
        Assert.ThrowsAny<OperationCanceledException>(() => Forecaster.Run(history, new ForecastOptions { Model = "avg4w", HorizonDays = 14, BacktestOrigins = 2 }, atForecast, later.Token));
    }
}
