using Wfm.Core.Forecasting;

namespace Wfm.Core.Tests.Forecasting;

/// <summary>
/// A generated center with known structure: open weekdays 07:00–21:00 in half hours, a two-peak day,
/// weekday levels, an optional month cycle and Poisson noise from a fixed seed. Tests compare what the
/// models learn with what was put in.
/// </summary>
internal sealed class SyntheticCenter
{
    public static readonly double[] WeekdayLevel = [0, 1.2, 1.0, 0.95, 0.95, 1.05, 0]; // Sunday..Saturday

    public DateOnly Start { get; init; } = new(2025, 1, 6); // a Monday

    public int Days { get; init; } = 140;

    public double DailyVolume { get; init; } = 6000;

    /// <summary>Relative uplift on the first three days of each month (0 = none).</summary>
    public double MonthStartUplift { get; init; }

    public double AhtSeconds { get; init; } = 240;

    public int Seed { get; init; } = 7;

    public const int FirstSlot = 14; // 07:00

    public const int OpenSlots = 28; // to 21:00

    /// <summary>The intraday shape: shares summing to 1 over the 28 open half hours (peaks at 10:00 and 14:30).</summary>
    public static double[] Shape()
    {
        var shape = new double[OpenSlots];
        for (var i = 0; i < OpenSlots; i++)
        {
            var hour = 7 + (i / 2.0);
            shape[i] = 0.3 + Math.Exp(-Math.Pow((hour - 10) / 1.5, 2)) + (0.8 * Math.Exp(-Math.Pow((hour - 14.5) / 2, 2)));
        }

        var sum = shape.Sum();
        return shape.Select(v => v / sum).ToArray();
    }

    public double Expected(DateOnly date, int openSlot)
    {
        var month = date.Day <= 3 ? 1 + MonthStartUplift : 1;
        return DailyVolume * WeekdayLevel[(int)date.DayOfWeek] * month * Shape()[openSlot];
    }

    public IEnumerable<DemandObservation> Observations(Func<DateOnly, double>? dayFactor = null)
    {
        var random = new Random(Seed);
        var row = 2;
        for (var d = 0; d < Days; d++)
        {
            var date = Start.AddDays(d);
            if (WeekdayLevel[(int)date.DayOfWeek] == 0)
            {
                continue;
            }

            var factor = dayFactor?.Invoke(date) ?? 1;
            for (var i = 0; i < OpenSlots; i++)
            {
                var mean = Expected(date, i) * factor;
                var start = date.ToDateTime(TimeOnly.MinValue).AddMinutes((FirstSlot + i) * 30);
                var aht = AhtSeconds * (i < 10 ? 1.1 : 0.9);
                yield return new DemandObservation(start, Poisson(random, mean), aht, null, row++);
            }
        }
    }

    public DemandHistory History(Func<DateOnly, double>? dayFactor = null) => DemandHistory.Build("voice", 30, Observations(dayFactor).ToList());

    /// <summary>Poisson by normal approximation above 50 (exact inversion below), rounded and floored at 0.</summary>
    private static double Poisson(Random random, double mean)
    {
        if (mean < 50)
        {
            var l = Math.Exp(-mean);
            var k = 0;
            var p = random.NextDouble();
            while (p > l)
            {
                k++;
                p *= random.NextDouble();
            }

            return k;
        }

        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * z)));
    }
}
