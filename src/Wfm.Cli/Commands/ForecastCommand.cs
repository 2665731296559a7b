using System.CommandLine;
using Spectre.Console;
using Wfm.Core.Forecasting;
using Wfm.Planning.Forecasting;

namespace Wfm.Cli.Commands;

/// <summary><c>wfm forecast</c>: volume (and handle time) per interval for the next days, model chosen by backtest.</summary>
internal static class ForecastCommand
{
    public static Command Create()
    {
        var input = new HistoryInput();
        var horizon = new Option<int>("--horizon-days") { Description = "Days to forecast after the history's last day", DefaultValueFactory = _ => 14 };
        var model = new Option<string>("--model") { Description = "auto (best in the backtest), seasonal-naive, avg4w, avgNw, daily-profile, taylor or calendar-regression", DefaultValueFactory = _ => "auto" };
        var origins = new Option<int>("--origins") { Description = "Backtest origins (a week apart) behind automatic selection and the prediction intervals", DefaultValueFactory = _ => 8 };
        var level = new Option<double>("--level") { Description = "Prediction interval probability (0.8 = 10th to 90th percentile)", DefaultValueFactory = _ => 0.8 };
        var output = new Option<FileInfo?>("--out") { Description = "Write the forecast CSV here (default: standard output)" };
        var chart = new Option<FileInfo?>("--chart") { Description = "Write an SVG chart of recent history, forecast and prediction interval here" };
        var command = new Command("forecast", "Forecast contacts (and handle time) per interval: timestamp, queue, forecast, lower, upper[, aht_seconds] — the input of `wfm staff`.");
        input.AddTo(command);
        foreach (var option in new Option[] { horizon, model, origins, level, output, chart })
        {
            command.Options.Add(option);
        }

        command.SetAction(r => CliErrors.Run(() =>
        {
            var histories = input.Read(r);
            var options = new ForecastOptions
            {
                Model = r.GetValue(model)!,
                HorizonDays = r.GetValue(horizon),
                BacktestOrigins = r.GetValue(origins),
                IntervalLevel = r.GetValue(level),
            };
            options.Validate();
            var results = new List<ForecastResult>();
            Progress(histories, (history, report) =>
            {
                var calendar = input.Calendar(r, history.FirstDay, history.LastDay.AddDays(options.HorizonDays));
                results.Add(Forecaster.Run(history, options with { Calendar = calendar }, report));
            });

            var target = r.GetValue(output);
            if (target is null)
            {
                ForecastReport.WriteCsv(Console.Out, results);
            }
            else
            {
                using (var writer = new StreamWriter(target.FullName))
                {
                    ForecastReport.WriteCsv(writer, results);
                }
            }

            Summary(results, target?.FullName);
            if (r.GetValue(chart) is { } file)
            {
                for (var i = 0; i < results.Count; i++)
                {
                    var path = results.Count == 1 ? file.FullName : Path.Combine(file.DirectoryName ?? ".", $"{Path.GetFileNameWithoutExtension(file.Name)}-{Safe(results[i].Queue)}{file.Extension}");
                    File.WriteAllText(path, ForecastReport.Chart(histories[i], results[i]));
                    Console.Error.WriteLine($"chart: {path}");
                }
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Runs <paramref name="work"/> per history with a progress bar when stderr is a terminal.</summary>
    internal static void Progress(IReadOnlyList<DemandHistory> histories, Action<DemandHistory, IProgress<string>?> work)
    {
        if (Console.IsErrorRedirected)
        {
            foreach (var h in histories)
            {
                work(h, null);
            }

            return;
        }

        var console = CliConsole.Error();
        console.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("queues", maxValue: histories.Count);
            foreach (var h in histories)
            {
                task.Description = Markup.Escape(h.Queue);
                work(h, new Progress<string>(step => task.Description = Markup.Escape($"{h.Queue}: {step}")));
                task.Increment(1);
            }
        });
    }

    private static void Summary(IReadOnlyList<ForecastResult> results, string? path)
    {
        var console = CliConsole.Error();
        var table = new Table().AddColumns("queue", "model", "backtest WAPE", "MASE", "bias", "intervals", "contacts");
        foreach (var r in results)
        {
            var chosen = r.Backtest?.Models.FirstOrDefault(m => m.Model == r.Model);
            table.AddRow(
                Markup.Escape(r.Queue), r.Model,
                chosen is null ? "-" : $"{chosen.Overall.Wape:P2}",
                chosen is null ? "-" : $"{chosen.Overall.Mase:0.000}",
                chosen is null ? "-" : $"{chosen.Overall.Bias:+0.00%;-0.00%}",
                $"{r.Intervals.Count}", $"{r.Intervals.Sum(i => i.Forecast):0}");
        }

        console.WriteTable(table);
        foreach (var r in results)
        {
            if (r.Reason is { } reason && r.Fallback is null)
            {
                console.MarkupLine(Markup.Escape($"{r.Queue}: {r.Model} — {reason}"));
            }

            if (r.Fallback is { } fallback)
            {
                console.MarkupLine($"[yellow]{Markup.Escape($"{r.Queue}: {fallback}")}[/]");
            }

            if (r.ClosedHours is { Count: > 0 } closed)
            {
                console.MarkupLine(Markup.Escape($"{r.Queue}: treated as closed (no contacts on at least 7 of the last 8 such days): {string.Join(", ", closed)}"));
            }

            foreach (var e in r.Excluded)
            {
                console.MarkupLine(Markup.Escape($"{r.Queue}: left {e.Date:yyyy-MM-dd} out of fitting ({e.Reason}{(double.IsNaN(e.Ratio) ? string.Empty : $", ×{e.Ratio:0.00} of usual")})"));
            }
        }

        foreach (var special in results.SelectMany(r => r.SpecialDays))
        {
            console.MarkupLine(Markup.Escape($"{special.Date:yyyy-MM-dd} {special.Name}{(special.Offset != 0 ? $" ({special.Offset:+0;-0} d)" : string.Empty)}: ×{special.Factor:0.00}, {special.Source}"));
        }

        if (path is not null)
        {
            console.MarkupLine($"wrote {results.Sum(r => r.Intervals.Count)} intervals to [green]{Markup.Escape(path)}[/]");
        }
    }

    internal static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
