namespace Wfm.Core.Forecasting.Models;

/// <summary>
/// Multiple-seasonal regression on daily totals, spread by a recent intraday profile. The log of each
/// usable day's total is regressed on a local level and trend, the weekday, and Fourier terms of the
/// position in the month (pay days and bills move banks' and utilities' volumes by ±10 %) and, with a
/// year or more of history, of the position in the year. Older days count less (weights halve every
/// <see cref="HalfLifeDays"/>), so the level follows a market that moves; the trend is damped when
/// extrapolated. What the baselines and Holt–Winters miss is the month cycle: a level averaged over
/// weeks that straddle a month end is biased for the middle of the next month.
/// </summary>
public sealed class CalendarRegressionModel : IForecastModel
{
    public string Name => "calendar-regression";

    public string Description => "daily totals by regression on level, trend, weekday and month/year cycles (Fourier), spread by the recent intraday profile";

    public double HalfLifeDays { get; init; } = 56;

    public int MonthHarmonics { get; init; } = 3;

    public int YearHarmonics { get; init; } = 4;

    public int ProfileWeeks { get; init; } = 8;

    public double WeekdayShare { get; init; } = 0.8;

    public void Forecast(TrainingSet training, int horizonDays, Span<double> output)
    {
        var history = training.History;
        var days = training.Usable;
        if (days.Count < 10)
        {
            new WeekAverageModel(4).Forecast(training, horizonDays, output);
            return;
        }

        var useYear = days[^1] - days[0] >= 365 + 60;
        var design = new Design(history.FirstDay, history.DayCount - 1, MonthHarmonics, useYear ? YearHarmonics : 0);
        var n = days.Count;
        var x = new double[n * design.Columns];
        var y = new double[n];
        var w = new double[n];
        var last = days[^1];
        for (var i = 0; i < n; i++)
        {
            var d = days[i];
            design.Fill(d, x.AsSpan(i * design.Columns, design.Columns));
            y[i] = Math.Log(Math.Max(training.DayTotal(d), 1));
            w[i] = Math.Pow(0.5, (last - d) / HalfLifeDays);
        }

        var beta = LeastSquares.Solve(x, y, w, design.Columns, ridge: 0.5);
        var smear = Smearing(x, y, w, beta, design.Columns);
        var row = new double[design.Columns];
        Profiles.Spread(training, horizonDays, output, ProfileWeeks, WeekdayShare, (day, _) =>
        {
            design.Fill(day, row);
            var log = 0.0;
            for (var j = 0; j < row.Length; j++)
            {
                log += row[j] * beta[j];
            }

            return Math.Exp(log) * smear;
        });
    }

    /// <summary>Mean of exp(residual): the log model's median back to a mean.</summary>
    private static double Smearing(double[] x, double[] y, double[] w, double[] beta, int columns)
    {
        double sum = 0, weights = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var fit = 0.0;
            for (var j = 0; j < columns; j++)
            {
                fit += x[(i * columns) + j] * beta[j];
            }

            sum += w[i] * Math.Exp(y[i] - fit);
            weights += w[i];
        }

        return weights > 0 ? sum / weights : 1;
    }

    /// <summary>Regressors of a calendar day: intercept, trend (in years from the last day, damped ahead), weekday dummies, Fourier terms.</summary>
    private sealed class Design(DateOnly firstDay, int lastDay, int monthHarmonics, int yearHarmonics)
    {
        public int Columns { get; } = 2 + 6 + (2 * monthHarmonics) + (2 * yearHarmonics);

        public void Fill(int day, Span<double> row)
        {
            var date = firstDay.AddDays(day);
            var years = (day - lastDay) / 365.0;
            row[0] = 1;
            row[1] = years <= 0 ? years : (1 - Math.Exp(-years * 12)) / 12; // trend damped to ~1 month beyond the data
            for (var k = 0; k < 6; k++)
            {
                row[2 + k] = (int)date.DayOfWeek == k + 1 ? 1 : 0;
            }

            var month = (date.Day - 0.5) / DateTime.DaysInMonth(date.Year, date.Month);
            var c = 8;
            for (var k = 1; k <= monthHarmonics; k++)
            {
                row[c++] = Math.Cos(2 * Math.PI * k * month);
                row[c++] = Math.Sin(2 * Math.PI * k * month);
            }

            var year = (date.DayOfYear - 0.5) / (DateTime.IsLeapYear(date.Year) ? 366 : 365);
            for (var k = 1; k <= yearHarmonics; k++)
            {
                row[c++] = Math.Cos(2 * Math.PI * k * year);
                row[c++] = Math.Sin(2 * Math.PI * k * year);
            }
        }
    }
}

/// <summary>Intraday profiles shared by the daily-total models.</summary>
internal static class Profiles
{
    /// <summary>
    /// Fills the horizon's open days with <paramref name="dayTotal"/>(calendar day index, weekday) spread
    /// by each weekday's <see cref="Blend"/> profile.
    /// </summary>
    public static void Spread(
        TrainingSet training, int horizonDays, Span<double> output, int weeks, double weekdayShare, Func<int, DayOfWeek, double> dayTotal)
    {
        var history = training.History;
        var slots = training.SlotsPerDay;
        var profiles = new Dictionary<DayOfWeek, double[]>();
        for (var h = 0; h < horizonDays; h++)
        {
            var day = history.DayCount + h;
            var weekday = history.Date(day).DayOfWeek;
            if (!training.Opening.IsOpenDay(weekday))
            {
                continue;
            }

            if (!profiles.TryGetValue(weekday, out var profile))
            {
                profile = Blend(training, weekday, weeks, weekdayShare);
                profiles[weekday] = profile;
            }

            var total = dayTotal(day, weekday);
            for (var s = 0; s < slots; s++)
            {
                output[(h * slots) + s] = total * profile[s];
            }
        }
    }

    /// <summary>
    /// The weekday's own recent shape (geometric weights 0.9) blended with the shape of all recent days
    /// with the same hours (weights 0.97), renormalised over the weekday's open intervals.
    /// </summary>
    public static double[] Blend(TrainingSet training, DayOfWeek weekday, int weeks, double weekdayShare)
    {
        var own = IntradayProfile.Weighted(training, training.RecentDays(weekday).Take(weeks), 0.9);
        var hours = training.Opening.Hours(weekday);
        var shared = IntradayProfile.Weighted(
            training, training.Usable.Reverse().Where(d => training.Opening.Hours(training.History.Weekday(d)) == hours).Take(weeks * 5), 0.97);
        var result = new double[training.SlotsPerDay];
        var sum = 0.0;
        for (var s = 0; s < result.Length; s++)
        {
            result[s] = training.Opening.IsOpen(weekday, s) ? (weekdayShare * own[s]) + ((1 - weekdayShare) * shared[s]) : 0;
            sum += result[s];
        }

        for (var s = 0; s < result.Length && sum > 0; s++)
        {
            result[s] /= sum;
        }

        return result;
    }
}
