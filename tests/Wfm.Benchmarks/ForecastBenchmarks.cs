using BenchmarkDotNet.Attributes;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Models;

namespace Wfm.Benchmarks;

/// <summary>
/// Fitting and forecasting 14 days from a year of 15-minute history for one queue (365 × 96 =
/// 35,040 intervals, open around the clock, weekends lighter, Poisson noise): each model alone, and
/// the automatic choice, which first backtests all six candidates on 8 origins.
/// </summary>
[MemoryDiagnoser]
public class ForecastBenchmarks
{
    private DemandHistory _year = null!;

    [Params("seasonal-naive", "avg4w", "daily-profile", "taylor", "calendar-regression")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _year = YearOfQuarterHours();

    [Benchmark]
    public int FitAndForecast()
    {
        var training = TrainingSet.Prepare(_year);
        var output = new double[14 * _year.SlotsPerDay];
        ModelCatalog.Create(Model).Forecast(training, 14, output);
        return output.Length;
    }

    internal static DemandHistory YearOfQuarterHours()
    {
        var random = new Random(11);
        var observations = new List<DemandObservation>(365 * 96);
        var start = new DateTime(2025, 1, 6);
        for (var d = 0; d < 365; d++)
        {
            var day = start.AddDays(d);
            var week = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.5 : 1.0;
            var month = day.Day <= 3 ? 1.1 : 1.0;
            for (var s = 0; s < 96; s++)
            {
                var hour = s / 4.0;
                var mean = 5 + (120 * week * month * Math.Max(0, Math.Sin(Math.PI * (hour - 6) / 16)));
                var noisy = Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * Normal(random))));
                observations.Add(new DemandObservation(day.AddMinutes(15 * s), noisy, 200 + (20 * Normal(random)), noisy));
            }
        }

        return DemandHistory.Build("benchmark", 15, observations);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

/// <summary>The whole <c>wfm forecast --model auto</c> path on the same year: backtest 6 models × 8 origins, pick, forecast, bands, AHT.</summary>
[MemoryDiagnoser]
public class AutoForecastBenchmarks
{
    private DemandHistory _year = null!;

    private DemandHistory _nights = null!;

    [GlobalSetup]
    public void Setup()
    {
        _year = ForecastBenchmarks.YearOfQuarterHours();
        _nights = TwentyFourHourYear(Environment.GetEnvironmentVariable("WFM_SEATTLE"));
    }

    [Benchmark]
    public int AutoSelectAndForecast() => Forecaster.Run(_year, new ForecastOptions()).Intervals.Count;

    /// <summary>A 24-hour service with quiet nights: a year of quarter hours (see <see cref="TwentyFourHourYear"/>).</summary>
    [Benchmark]
    public int AutoTwentyFourHourYear() => Forecaster.Run(_nights, new ForecastOptions()).Intervals.Count;

    /// <summary>
    /// 365 days × 96 quarter hours of a 24-hour service: the Seattle 911 half hours (<c>WFM_SEATTLE</c> =
    /// ../shared/data/calls/seattle_fire_911_30min.csv) each split into two quarter hours, the 235 days repeated from the start
    /// by whole weeks to a year; without the file, generated with the same shape (2–3 calls per half hour at night, 7–8 by day).
    /// </summary>
    internal static DemandHistory TwentyFourHourYear(string? seattle)
    {
        var halfHours = new List<double>();
        if (seattle is not null)
        {
            halfHours.AddRange(File.ReadLines(seattle).Skip(1).Select(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        else
        {
            var random = new Random(5);
            for (var i = 0; i < 235 * 48; i++)
            {
                var hour = (i % 48) / 2.0;
                var mean = 2.6 + (5 * Math.Max(0, Math.Sin(Math.PI * (hour - 5) / 19)));
                var p = Math.Exp(-mean);
                var (k, product) = (0, random.NextDouble());
                while (product > p)
                {
                    k++;
                    product *= random.NextDouble();
                }

                halfHours.Add(k);
            }
        }

        var weeks = halfHours.Count / (48 * 7) * 48 * 7;
        var start = new DateTime(2015, 6, 13);
        var observations = new List<DemandObservation>(365 * 96);
        for (var q = 0; q < 365 * 96; q++)
        {
            var half = halfHours[(q / 2) % weeks];
            var count = q % 2 == 0 ? Math.Ceiling(half / 2) : Math.Floor(half / 2);
            observations.Add(new DemandObservation(start.AddMinutes(15 * q), count, null, count));
        }

        return DemandHistory.Build("nights", 15, observations);
    }
}
