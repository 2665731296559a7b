using Wfm.Core.Forecasting;

namespace Wfm.Core.Tests.Forecasting;

/// <summary>Taylor's double-seasonal model on a 24-hour service with long quiet nights: a sane forecast, never zeros or millions.</summary>
public sealed class TaylorStabilityTests
{
    /// <summary>Ten weeks of half-hours: about 8 contacts an hour at midday, a quarter of one at night (mostly zeros), drawn with a fixed seed.</summary>
    private static DemandHistory QuietNights(int seed)
    {
        var random = new Random(seed);
        int Poisson(double mean)
        {
            var (limit, k, p) = (Math.Exp(-mean), 0, 1.0);
            while ((p *= random.NextDouble()) > limit)
            {
                k++;
            }

            return k;
        }

        var monday = new DateOnly(2026, 6, 1);
        var observations = new List<DemandObservation>();
        for (var d = 0; d < 70; d++)
        {
            for (var s = 0; s < 48; s++)
            {
                var hour = s / 2.0;
                var mean = 0.12 + (4 * Math.Exp(-Math.Pow((hour - 13) / 3.5, 2)));
                observations.Add(new DemandObservation(monday.AddDays(d).ToDateTime(TimeOnly.MinValue).AddMinutes(30 * s), Poisson(mean)));
            }
        }

        return DemandHistory.Build("q", 30, observations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NamedTaylor_OnQuietNights_GivesASaneForecast_FallingBackWhenItRunsAway(int seed)
    {
        var history = QuietNights(seed);
        var result = Forecaster.Run(history, new ForecastOptions { Model = "taylor", HorizonDays = 14, BacktestOrigins = 3 }, cancellationToken: TestContext.Current.CancellationToken);

        // Either Taylor's own forecast, sane, or the 4-week weekday mean with the reason; never zeros or millions.
        Assert.True(result.Model == "taylor" ? result.Fallback is null : result.Model == "avg4w" && result.Fallback!.Contains("taylor model ran away", StringComparison.Ordinal));
        var usual = Enumerable.Range(history.DayCount - 28, 28).Average(history.DayTotal);
        var days = result.Intervals.GroupBy(i => DateOnly.FromDateTime(i.Start)).Select(d => d.Sum(i => i.Forecast)).ToList();
        Assert.Equal(14, days.Count);
        Assert.True(days.All(d => d > usual * 0.5 && d < usual * 2), $"usual {usual:0.0}: {string.Join(", ", days.Select(d => d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))}");
        // In the backtest a run-away origin marks the model, so auto would never choose it.
        var taylor = result.Backtest!.Models.Single(m => m.Model == "taylor");
        Assert.True(taylor.Diverged || taylor.Overall.Wape < 1, $"WAPE {taylor.Overall.Wape}");
    }
}
