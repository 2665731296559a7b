using System.CommandLine;
using Spectre.Console;
using Wfm.Core.Capacity;

namespace Wfm.Cli.Commands;

/// <summary><c>wfm capacity</c>: long-range demand, required FTE and an optimised hiring plan.</summary>
internal static class CapacityCommand
{
    public static Command Create()
    {
        var command = new Command("capacity", "Capacity planning: weekly demand months ahead, required FTE, and when to hire how many.");
        command.Subcommands.Add(Backtest());
        return command;
    }

    private static Command Backtest()
    {
        var input = new HistoryInput();
        var origins = new Option<int>("--origins") { Description = "Forecast origins, a week apart, the latest one horizon before the history's end", DefaultValueFactory = _ => 8 };
        var horizon = new Option<int>("--horizon-weeks") { Description = "Weeks forecast from each origin", DefaultValueFactory = _ => 13 };
        var command = new Command("backtest", "Rolling-origin accuracy of weekly totals: each long-range method against last week / last year and the mean of the last 8 weeks.");
        input.AddTo(command);
        command.Options.Add(origins);
        command.Options.Add(horizon);
        command.SetAction(r => CliErrors.Run(() =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            foreach (var history in input.Read(r))
            {
                var options = new WeeklyForecastOptions { Calendar = input.Calendar(r, history.FirstDay, history.LastDay.AddDays(7 * r.GetValue(horizon))) };
                var scores = WeeklyDemand.Backtest(history, r.GetValue(horizon), r.GetValue(origins), options);
                var table = new Table().Title(Markup.Escape($"{history.Queue}: weekly totals {r.GetValue(horizon)} weeks ahead, up to {r.GetValue(origins)} origins"))
                    .AddColumns("method", "WAPE", "weeks scored");
                foreach (var (method, wape, weeks) in scores)
                {
                    table.AddRow(Markup.Escape(method), $"{wape:P2}", $"{weeks}");
                }

                console.Write(table);
            }

            return 0;
        }));
        return command;
    }
}
