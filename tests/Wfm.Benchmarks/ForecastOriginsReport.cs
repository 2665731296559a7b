using System.Globalization;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Models;
using Wfm.Planning.Csv;

namespace Wfm.Benchmarks;

/// <summary>
/// Forecast accuracy on many origins (docs/accuracy.md): for each public series, cut the history at origins two or four
/// weeks apart, forecast 14 days with every catalogue model and with auto (its choice by the usual 8-origin backtest on
/// the history before the cut), and score WAPE against what followed (every open, observed interval). Prints each
/// origin, then per series the mean WAPE of each model and of auto, and how often auto was within 3 % of the origin's
/// best single model.
/// <c>forecast-origins --data DIR</c> (../shared/data/calls).
/// </summary>
public static class ForecastOriginsReport
{
    public static void Run(string[] args)
    {
        var data = Option(args, "--data") ?? throw new ArgumentException("--data DIR: the folder with the call series (../shared/data/calls)");
        var series = new (string File, string[] Columns, DateOnly From, DateOnly To, int Step)[]
        {
            ("calls_30min.csv", [], new(2003, 6, 7), new(2003, 10, 11), 14),
            ("calls_15min.csv", [], new(2003, 6, 14), new(2003, 10, 11), 28),
            ("seattle_fire_911_30min.csv", ["offered=calls"], new(2015, 9, 9), new(2016, 1, 20), 14),
            ("seattle_fire_911_60min.csv", ["offered=calls"], new(2015, 9, 16), new(2016, 1, 20), 28),
        };
        var models = ModelCatalog.Candidates;
        foreach (var (file, columns, from, to, step) in series)
        {
            var history = HistoryCsv.Read(Path.Combine(data, file), new HistoryReadOptions { Columns = new HistoryColumns().Map(columns) }).Single();
            var sums = models.Append("auto").ToDictionary(m => m, _ => new List<double>());
            var within = 0;
            Console.WriteLine($"{file}");
            for (var cutDate = from; cutDate <= to; cutDate = cutDate.AddDays(step))
            {
                var cut = cutDate.DayNumber - history.FirstDay.DayNumber;
                if (cut + 14 > history.DayCount)
                {
                    continue;
                }

                var training = history.Take(cut);
                var prepared = TrainingSet.Prepare(training);
                var wape = new Dictionary<string, double>();
                foreach (var m in models)
                {
                    var output = new double[14 * history.SlotsPerDay];
                    ModelCatalog.Create(m).Forecast(prepared, 14, output);
                    wape[m] = ForecastGuard.RanAway(prepared, output) ? double.NaN : Score(history, prepared, cut, output);
                }

                var auto = Forecaster.Run(training, new ForecastOptions { HorizonDays = 14 });
                var autoWape = wape[auto.Model];
                var best = wape.Where(w => double.IsFinite(w.Value)).MinBy(w => w.Value);
                foreach (var (m, w) in wape)
                {
                    sums[m].Add(w);
                }

                sums["auto"].Add(autoWape);
                within += autoWape <= best.Value * 1.03 ? 1 : 0;
                var all = string.Join(", ", wape.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value:0.0000}")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cut {cutDate:yyyy-MM-dd}: auto {auto.Model} {autoWape:0.0000}; best {best.Key} {best.Value:0.0000}; {all}"));
            }

            var origins = sums["auto"].Count;
            var mean = sums.ToDictionary(s => s.Key, s => s.Value.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average());
            var means = string.Join(", ", mean.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:0.0000}")));
            var bestModel = mean.Where(m => m.Key != "auto" && double.IsFinite(m.Value)).MinBy(m => m.Value);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  mean WAPE over {origins} origins: {means}; auto against the best single model over them ({bestModel.Key}) {Math.Round(((mean["auto"] / bestModel.Value) - 1) * 100, 1):+0.0;-0.0;0.0} %; within 3 % of each origin's best at {within} of {origins}"));
        }
    }

    /// <summary>WAPE over the 14 days after <paramref name="cut"/>: open intervals of open days with an observed count.</summary>
    private static double Score(DemandHistory history, TrainingSet training, int cut, double[] output)
    {
        double error = 0, actual = 0;
        for (var h = 0; h < 14; h++)
        {
            var weekday = history.Weekday(cut + h);
            if (!training.Opening.IsOpenDay(weekday))
            {
                continue;
            }

            for (var s = 0; s < history.SlotsPerDay; s++)
            {
                var v = history.Volume(cut + h, s);
                if (double.IsNaN(v) || !training.Opening.IsOpen(weekday, s))
                {
                    continue;
                }

                error += Math.Abs(v - output[(h * history.SlotsPerDay) + s]);
                actual += v;
            }
        }

        return error / actual;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
