using System.CommandLine;
using Spectre.Console;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Models;
using Wfm.Planning.Forecasting;

namespace Wfm.Cli.Commands;

/// <summary><c>wfm backtest</c>: rolling-origin accuracy of every model, per horizon day.</summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var input = new HistoryInput();
        var origins = new Option<int>("--origins") { Description = "Forecast origins, a week apart, ending one horizon before the history's end", DefaultValueFactory = _ => 8 };
        var horizon = new Option<int>("--horizon-days") { Description = "Days forecast from each origin", DefaultValueFactory = _ => 14 };
        var models = new Option<string[]>("--models") { Description = "Models to compare (default: all candidates of automatic selection)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the per-horizon report CSV here" };
        var command = new Command("backtest", "Rolling-origin backtest: WAPE, MASE and bias of each model per horizon day; prints the table.");
        input.AddTo(command);
        foreach (var option in new Option[] { origins, horizon, models, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(r => CliErrors.Run(() =>
        {
            var histories = input.Read(r);
            var names = r.GetValue(models) is { Length: > 0 } given ? given.Select(m => ModelCatalog.Create(m).Name).ToArray() : ModelCatalog.Candidates.ToArray();
            var reports = new List<(string, BacktestReport)>();
            ForecastCommand.Progress(histories, (history, _) =>
            {
                var calendar = input.Calendar(r, history.FirstDay, history.LastDay);
                reports.Add((history.Queue, Backtester.Run(history, names, r.GetValue(origins), r.GetValue(horizon), calendar.Covers)));
            });

            var console = CliConsole.Out();

            foreach (var (queue, report) in reports)
            {
                var table = new Table()
                    .Title(Markup.Escape($"{queue}: {report.Origins.Count} origins {report.Origins[0]:yyyy-MM-dd} … {report.Origins[^1]:yyyy-MM-dd}, {report.HorizonDays}-day horizon"))
                    .AddColumns("model", "WAPE", "MASE", "bias", "WAPE first open day", "WAPE last open day", "intervals");
                foreach (var m in report.Ranked)
                {
                    if (m.Diverged)
                    {
                        table.AddRow($"[red]{m.Model}[/] (ran away: not finite or beyond ten times the busiest interval)", "-", "-", "-", "-", "-", "-");
                        continue;
                    }

                    var first = m.ByHorizonDay.FirstOrDefault(a => a.Intervals > 0);
                    var last = m.ByHorizonDay.LastOrDefault(a => a.Intervals > 0);
                    var name = m.Model == report.Best.Model ? $"[green]{m.Model}[/] (selected)" : m.Model;
                    table.AddRow(name, $"{m.Overall.Wape:P2}", $"{m.Overall.Mase:0.000}", $"{m.Overall.Bias:+0.00%;-0.00%}", $"{first.Wape:P2}", $"{last.Wape:P2}", $"{m.Overall.Intervals}");
                }

                console.WriteTable(table);
                var spreads = string.Join(", ", report.Ranked.Where(m => !m.Diverged).Select(m => $"{m.Model} {m.Spread:P1}"));
                console.MarkupLine(Markup.Escape($"{queue}: auto takes {report.Best.Model} — {report.Selection.Reason}. WAPE spread across origins: {spreads}"));
            }

            if (r.GetValue(output) is { } file)
            {
                using (var writer = new StreamWriter(file.FullName))
                {
                    ForecastReport.WriteBacktestCsv(writer, reports);
                }

                console.MarkupLine($"wrote [green]{Markup.Escape(file.FullName)}[/]");
            }

            return 0;
        }));
        return command;
    }
}
