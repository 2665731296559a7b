using System.Globalization;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Intraday;
using Wfm.Core.Forecasting.Models;
using Wfm.Planning.Csv;

namespace Wfm.Benchmarks;

/// <summary>
/// The intraday re-forecast's accuracy, reported: <c>intraday --input FILE [--test-weeks 4] [--as-of 12:00] [--model auto]</c>.
/// A day-ahead forecast is made once at a fixed origin before the last <c>--test-weeks</c> weeks (the automatic model);
/// then on every day of those weeks, at each as-of time, the rest of the day is forecast three ways and scored against
/// what happened: the day-ahead forecast as it was, the day-ahead rescaled by the morning's actual ÷ forecast ratio,
/// and the intraday re-forecast (learned from the days before that day only). WAPE over every open interval from the
/// as-of time to the end of the day.
/// </summary>
public static class IntradayReport
{
    public static void Run(string[] args)
    {
        var input = Text(args, "--input") ?? throw new ArgumentException("--input FILE is required (e.g. ../shared/data/calls/calls_30min.csv)");
        var weeks = int.Parse(Text(args, "--test-weeks") ?? "4", CultureInfo.InvariantCulture);
        var times = (Text(args, "--as-of") ?? "10:00,12:00,14:00").Split(',').Select(t => TimeOnly.Parse(t, CultureInfo.InvariantCulture)).ToList();
        var model = Text(args, "--model") ?? ModelCatalog.Auto;
        var history = HistoryCsv.Read(input, new HistoryReadOptions { Columns = new HistoryColumns().Map(args.Where((_, i) => i > 0 && args[i - 1] == "--column").ToArray()) }).Single();

        var origin = history.DayCount - (weeks * 7);
        var training = history.Take(origin);
        var dayAhead = Forecaster.Run(training, new ForecastOptions { Model = model, HorizonDays = weeks * 7, BacktestOrigins = 8 });
        var forecast = dayAhead.Intervals.ToDictionary(i => i.Start);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(input)}: {history.DayCount} days to {history.LastDay:yyyy-MM-dd}, {history.IntervalMinutes}-minute intervals; day-ahead forecast ({dayAhead.Model}) made at {history.Date(origin):yyyy-MM-dd} for the last {weeks} weeks"));
        Console.WriteLine("as-of   days  intervals  day-ahead WAPE  rescaled WAPE  re-forecast WAPE  vs day-ahead  vs rescaled");
        foreach (var time in times)
        {
            var slot = ((time.Hour * 60) + time.Minute) / history.IntervalMinutes;
            double actualSum = 0, dayAheadError = 0, rescaledError = 0, reforecastError = 0;
            int days = 0, intervals = 0;
            for (var d = origin; d < history.DayCount; d++)
            {
                if (!history.IsObserved(d))
                {
                    continue;
                }

                var date = history.Date(d);
                var slots = history.SlotsPerDay;
                var f = new double[slots];
                var fa = new double[slots];
                var a = new double[slots];
                var aa = new double[slots];
                var h = new double[slots];
                var start = date.ToDateTime(TimeOnly.MinValue);
                for (var s = 0; s < slots; s++)
                {
                    f[s] = forecast.TryGetValue(start.AddMinutes(s * history.IntervalMinutes), out var fi) ? fi.Forecast : double.NaN;
                    fa[s] = fi.AhtSeconds ?? double.NaN;
                    a[s] = s < slot ? history.Volume(d, s) : double.NaN;
                    (aa[s], h[s]) = s < slot ? history.HandleTime(d, s) : (double.NaN, 0);
                }

                if (f.All(double.IsNaN))
                {
                    continue;
                }

                var learning = IntradayReforecaster.Learn(history, date, slot);
                var rest = IntradayReforecaster.Reforecast(new IntradayDay(date, history.IntervalMinutes, f, fa, a, aa, h, slot), learning);
                var ratio = double.IsFinite(rest.MorningRatio) ? rest.MorningRatio : 1;
                var byslot = rest.Intervals.ToDictionary(i => i.Slot);
                days++;
                for (var s = slot; s < slots; s++)
                {
                    var actual = history.Volume(d, s);
                    if (double.IsNaN(actual) || double.IsNaN(f[s]))
                    {
                        continue;
                    }

                    actualSum += actual;
                    dayAheadError += Math.Abs(actual - f[s]);
                    rescaledError += Math.Abs(actual - (f[s] * ratio));
                    reforecastError += Math.Abs(actual - byslot[s].Forecast);
                    intervals++;
                }
            }

            var (w0, w1, w2) = (dayAheadError / actualSum, rescaledError / actualSum, reforecastError / actualSum);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{time:HH:mm}   {days,4}  {intervals,9}  {w0,14:0.0000}  {w1,13:0.0000}  {w2,16:0.0000}  {(w2 - w0) / w0,12:+0.0%;-0.0%}  {(w2 - w1) / w1,11:+0.0%;-0.0%}"));
        }
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
