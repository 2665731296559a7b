using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Intraday;

namespace Wfm.Core.Tests.Forecasting;

public sealed class IntradayReforecasterTests
{
    private const int Slots = 48;

    /// <summary>A weekday hump 08:00–20:00 in half hours, times a day level that holds all day (sd <paramref name="dayLevel"/>), Poisson around it.</summary>
    private static (DemandHistory History, double[] Levels, double[] Shape) Days(int seed, int days, double dayLevel, double peak = 60, double ahtLevel = 0)
    {
        var random = new Random(seed);
        var shape = Enumerable.Range(0, Slots).Select(s => s is >= 16 and < 40 ? peak * (0.3 + (0.7 * Math.Sin((s - 16) / 24.0 * Math.PI))) : double.NaN).ToArray();
        var levels = new double[days];
        var observations = new List<DemandObservation>();
        var first = new DateTime(2026, 1, 5);
        for (var d = 0; d < days; d++)
        {
            levels[d] = Math.Max(0.3, 1 + (dayLevel * Normal(random)));
            var handleTime = 240 * Math.Max(0.5, 1 + (ahtLevel * Normal(random)));
            for (var s = 0; s < Slots; s++)
            {
                if (!double.IsNaN(shape[s]))
                {
                    observations.Add(new DemandObservation(first.AddDays(d).AddMinutes(s * 30), Poisson(random, shape[s] * levels[d]), handleTime * (0.95 + (0.1 * random.NextDouble())), 10));
                }
            }
        }

        return (DemandHistory.Build("q", 30, observations), levels, shape);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double rate)
    {
        if (rate > 30)
        {
            return Math.Max(0, (int)Math.Round(rate + (Math.Sqrt(rate) * Normal(random))));
        }

        var (limit, k, p) = (Math.Exp(-rate), 0, 1.0);
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }

    private static IntradayDay Day(DemandHistory history, int d, double[] forecast, int asOf)
    {
        var actual = new double[Slots];
        var aht = new double[Slots];
        var handled = new double[Slots];
        for (var s = 0; s < Slots; s++)
        {
            actual[s] = s < asOf ? history.Volume(d, s) : double.NaN;
            (aht[s], handled[s]) = s < asOf ? history.HandleTime(d, s) : (double.NaN, 0);
        }

        return new IntradayDay(history.Date(d), 30, forecast, forecast.Select(f => double.IsNaN(f) ? double.NaN : 240.0).ToArray(), actual, aht, handled, asOf);
    }

    /// <summary>Scores the last 28 days at 12:00: WAPE of the day-ahead (the true shape, no day level), the rescaled and the re-forecast.</summary>
    private static (double DayAhead, double Rescaled, double Reforecast, IntradayLearning Learning) Score(DemandHistory history, double[] shape)
    {
        const int asOf = 24;
        double sum = 0, e0 = 0, e1 = 0, e2 = 0;
        IntradayLearning? learning = null;
        for (var d = history.DayCount - 28; d < history.DayCount; d++)
        {
            learning = IntradayReforecaster.Learn(history, history.Date(d), asOf);
            var rest = IntradayReforecaster.Reforecast(Day(history, d, shape, asOf), learning);
            foreach (var i in rest.Intervals)
            {
                var actual = history.Volume(d, i.Slot);
                sum += actual;
                e0 += Math.Abs(actual - shape[i.Slot]);
                e1 += Math.Abs(actual - (shape[i.Slot] * rest.MorningRatio));
                e2 += Math.Abs(actual - i.Forecast);
            }
        }

        return (e0 / sum, e1 / sum, e2 / sum, learning!);
    }

    [Fact]
    public void DaysThatRunHighOrLowAllDay_AreFollowed_BetterThanTheDayAheadAndThanRescaling()
    {
        var (history, _, shape) = Days(seed: 11, days: 140, dayLevel: 0.15);
        var (dayAhead, rescaled, reforecast, learning) = Score(history, shape);
        Assert.True(learning.Days >= IntradayReforecaster.MinimumLearningDays);
        Assert.InRange(learning.Level + learning.Recent, 0.6, 1.1);
        Assert.True(reforecast < dayAhead * 0.85, $"re-forecast {reforecast:0.0000} against day-ahead {dayAhead:0.0000}");
        Assert.True(reforecast < rescaled, $"re-forecast {reforecast:0.0000} against rescaled {rescaled:0.0000}");
    }

    [Fact]
    public void WhenMorningsSayNothingAboutAfternoons_TheUpdateStaysSmall_AndDoesNoHarm()
    {
        // Pure Poisson around the shape, small volumes: a morning's deviation is noise.
        var (history, _, shape) = Days(seed: 5, days: 140, dayLevel: 0, peak: 6);
        var (dayAhead, rescaled, reforecast, learning) = Score(history, shape);
        Assert.True(learning.Level + learning.Recent < 0.35, $"weights {learning.Level:0.00} + {learning.Recent:0.00}");
        Assert.True(reforecast <= dayAhead * 1.02, $"re-forecast {reforecast:0.0000} against day-ahead {dayAhead:0.0000}");
        Assert.True(reforecast < rescaled, $"re-forecast {reforecast:0.0000} against rescaled {rescaled:0.0000}");
    }

    [Fact]
    public void BeforeTheFirstInterval_TheRestOfTheDayIsTheDayAhead_WithBandsAroundIt()
    {
        var (history, _, shape) = Days(seed: 3, days: 60, dayLevel: 0.1);
        var rest = IntradayReforecaster.Reforecast(Day(history, 59, shape, 0), IntradayReforecaster.Learn(history, history.Date(59), 24));
        Assert.Equal(1, rest.Multiplier);
        Assert.Equal(24, rest.Intervals.Count);
        Assert.All(rest.Intervals, i =>
        {
            Assert.Equal(shape[i.Slot], i.Forecast, 9);
            Assert.True(i.Lower < i.Forecast && i.Forecast < i.Upper, $"{i.Lower} {i.Forecast} {i.Upper}");
        });
        Assert.Equal(history.Date(59).ToDateTime(new TimeOnly(8, 0)), rest.Intervals[0].Start);
    }

    [Fact]
    public void AMorningThirtyPercentOver_RaisesTheAfternoon_AndLongerCallsRaiseItsHandleTime_EachByLessThanSeen()
    {
        // Days whose handle time runs long or short all day, so the morning's tells about the afternoon's.
        var (history, _, shape) = Days(seed: 9, days: 60, dayLevel: 0.1, ahtLevel: 0.1);
        var forecast = shape.ToArray();
        var actual = shape.Select((f, s) => s < 24 && !double.IsNaN(f) ? f * 1.3 : double.NaN).ToArray();
        var aht = shape.Select((f, s) => s < 24 && !double.IsNaN(f) ? 300.0 : double.NaN).ToArray();
        var handled = shape.Select((f, s) => s < 24 && !double.IsNaN(f) ? f : 0).ToArray();
        var day = new IntradayDay(new DateOnly(2026, 3, 9), 30, forecast, forecast.Select(f => double.IsNaN(f) ? double.NaN : 240.0).ToArray(), actual, aht, handled, 24);
        var learning = IntradayReforecaster.Learn(history, day.Date, 24);
        Assert.InRange(learning.HandleTime, 0.5, 1);
        var rest = IntradayReforecaster.Reforecast(day, learning);

        Assert.Equal(1.3, rest.MorningRatio, 9);
        Assert.InRange(rest.Multiplier, 1.05, 1.3);
        Assert.All(rest.Intervals, i => Assert.InRange(i.AhtSeconds!.Value, 240.5, 300));
        Assert.Equal(Enumerable.Range(24, 16), rest.Intervals.Select(i => i.Slot));
    }

    [Fact]
    public void ABadDay_IsRefusedNamingWhatIsWrong()
    {
        var forecast = new double[Slots];
        var wrong = new IntradayDay(new DateOnly(2026, 3, 9), 30, forecast, forecast, new double[10], forecast, forecast, 24);
        Assert.Equal("actual", Assert.Throws<ForecastInputException>(() => IntradayReforecaster.Reforecast(wrong, IntradayLearning.Default)).Field);
        var late = new IntradayDay(new DateOnly(2026, 3, 9), 30, forecast, forecast, forecast, forecast, forecast, 49);
        Assert.Equal("asOf", Assert.Throws<ForecastInputException>(() => IntradayReforecaster.Reforecast(late, IntradayLearning.Default)).Field);
    }

    [Fact]
    public void ADaysWeightsLearnedAtOnce_AreTheWeightsOfEachTimeOfDay()
    {
        var (history, _, _) = Days(seed: 13, days: 90, dayLevel: 0.12, ahtLevel: 0.1);
        var day = history.Date(89);
        var all = IntradayReforecaster.LearnDay(history, day);
        Assert.Equal(Slots, all.Count);
        Assert.Equal(IntradayLearning.Default, all[0]);
        foreach (var k in new[] { 18, 24, 33 })
        {
            var one = IntradayReforecaster.Learn(history, day, k);
            Assert.Equal(one, all[k]);
            Assert.True(one.Days >= IntradayReforecaster.MinimumLearningDays);
        }

        // Later in the day the morning says more about the rest: the level weight does not fall from 09:00 to 16:30.
        Assert.True(all[33].Level + all[33].Recent >= all[18].Level + all[18].Recent - 0.1, $"{all[18]} against {all[33]}");
    }
}
