using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Models;

namespace Wfm.Core.Tests.Forecasting;

/// <summary>No model's failure becomes a forecast: a run-away model is refused by name, skipped by auto, and marked in the backtest.</summary>
public sealed class ForecastGuardTests
{
    /// <summary>
    /// 16 weeks of 30-minute intervals around the clock with almost no calls at night (a rate of 0.15 a half-hour):
    /// on this draw Taylor's multiplicative model divides by a night-time index near zero and runs into the millions.
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
    public void TheRawModel_RunsAway_OnThisSeries_SoTheGuardHasSomethingToCatch()
    {
        var history = QuietNights();
        var output = new double[14 * 48];
        new DoubleSeasonalModel().Forecast(TrainingSet.Prepare(history), 14, output);
        Assert.True(ForecastGuard.Diverged(output, ForecastGuard.Cap(history)), $"max {output.Max()} against a cap of {ForecastGuard.Cap(history)}");
    }

    [Fact]
    public void AModelAskedForByName_ThatRunsAway_IsRefusedNamingTheModel_NeverReturned()
    {
        var error = Assert.Throws<ForecastInputException>(() => Forecaster.Run(QuietNights(), new ForecastOptions { Model = "taylor", HorizonDays = 14, BacktestOrigins = 2 }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("model", error.Field);
        Assert.Contains("taylor model ran away", error.Detail);
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
