using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Backlog;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;

namespace Wfm.Cli.Commands;

/// <summary>
/// <c>wfm backlog</c>: the least staffing profile for deferred work (email, social, messaging) that meets
/// a response-time target, from the same forecast CSV as <c>wfm staff</c>.
/// </summary>
internal static class BacklogCommand
{
    public static Command Create()
    {
        var forecast = new Option<FileInfo>("--forecast") { Description = "Forecast CSV (timestamp, queue, forecast[, aht_seconds]); intervals missing from it are closed", Required = true };
        var target = new Option<string>("--target") { Description = "Share answered within the deadline: PERCENT/DEADLINE, e.g. 90/12h, 100/1d, 80/90m", DefaultValueFactory = _ => "90/12h" };
        var business = new Option<bool>("--business-hours") { Description = "Count the deadline in open time only (\"within one business day\")" };
        var utilisation = new Option<double>("--utilisation") { Description = "Share of an agent's time spent on items", DefaultValueFactory = _ => 0.9 };
        var carried = new Option<double>("--carried") { Description = "Items already waiting when the forecast starts", DefaultValueFactory = _ => 0 };
        var carriedAge = new Option<string>("--carried-age") { Description = "How long the carried items have waited on average, e.g. 3h", DefaultValueFactory = _ => "0" };
        var aht = new Option<double?>("--aht") { Description = "Handle time in seconds where the forecast has none" };
        var shrinkage = new Option<string>("--shrinkage") { Description = "Shrinkage: 0.3, 30% or breaks=0.1,coaching=0.05", DefaultValueFactory = _ => "0" };
        var queue = new Option<string?>("--queue") { Description = "Only this queue" };
        var interval = new Option<int?>("--interval-minutes") { Description = "Interval length when it cannot be read from the timestamps" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the per-interval CSV here (default: standard output)" };
        var chart = new Option<FileInfo?>("--chart") { Description = "Write an SVG chart of agents and items waiting here" };
        var command = new Command("backlog", "Least agents per interval for deferred work (email, messaging) meeting a response-time target; backlog carried over, FIFO replay.")
        {
            forecast, target, business, utilisation, carried, carriedAge, aht, shrinkage, queue, interval, output, chart,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var goal = BacklogReport.ParseTarget(r.GetValue(target)!, r.GetValue(business) ? DeadlineClock.Business : DeadlineClock.Wall, r.GetValue(utilisation));
            var shrink = Shrinkage.Parse(r.GetValue(shrinkage)!);
            var series = ForecastCsv.Read(r.GetValue(forecast)!.FullName, intervalMinutes: r.GetValue(interval));
            if (r.GetValue(queue) is { } only)
            {
                series = series.Where(s => s.Queue == only).ToArray();
                if (series.Count == 0)
                {
                    throw new StaffingInputException("queue", $"'{only}' is not in the forecast");
                }
            }

            var age = BacklogReport.ParseDuration(r.GetValue(carriedAge)!, "carried-age");
            if (r.GetValue(carried) is var items && !(items >= 0))
            {
                throw new StaffingInputException("carried", $"must be zero or more items, got {items}");
            }

            var results = new List<(BacklogDay Day, BacklogPlan Plan)>();
            foreach (var s in series)
            {
                var day = BacklogReport.Grid(s, r.GetValue(aht));
                var first = day.Intervals.First(i => i.Open);
                var plan = BacklogPlanner.Plan(day.Intervals, day.IntervalMinutes * 60.0, goal, new CarriedBacklog(r.GetValue(carried), first.AhtSeconds, age));
                results.Add((day, plan));
            }

            var file = r.GetValue(output);
            foreach (var (day, plan) in results)
            {
                if (file is null)
                {
                    BacklogReport.WriteCsv(Console.Out, day, plan, shrink);
                }
            }

            if (file is not null)
            {
                using var writer = new StreamWriter(file.FullName);
                foreach (var (day, plan) in results)
                {
                    BacklogReport.WriteCsv(writer, day, plan, shrink);
                }
            }

            Summary(results, goal, shrink, file?.FullName);
            if (r.GetValue(chart) is { } svg)
            {
                foreach (var (day, plan) in results)
                {
                    var path = results.Count == 1 ? svg.FullName : Path.Combine(svg.DirectoryName ?? ".", $"{Path.GetFileNameWithoutExtension(svg.Name)}-{day.Queue}{svg.Extension}");
                    File.WriteAllText(path, BacklogReport.Chart(day, plan, shrink, $"{day.Queue}: {Describe(goal)}"));
                    Console.Error.WriteLine($"chart: {path}");
                }
            }

            return 0;
        }));
        return command;
    }

    private static string Describe(BacklogTarget goal) =>
        $"{goal.Fraction * 100:0.#} % within {TimeSpan.FromSeconds(goal.DeadlineSeconds):g}{(goal.Clock == DeadlineClock.Business ? " open time" : string.Empty)}";

    private static void Summary(IReadOnlyList<(BacklogDay Day, BacklogPlan Plan)> results, BacklogTarget goal, Shrinkage shrinkage, string? path)
    {
        var console = CliConsole.Error();
        var table = new Table().Title(Markup.Escape(Describe(goal))).AddColumns("queue", "items", "agent hours", "scheduled hours", "peak agents", "within target", "waiting at end");
        foreach (var (day, plan) in results)
        {
            var hours = day.IntervalMinutes / 60.0;
            table.AddRow(
                Markup.Escape(day.Queue),
                plan.Intervals.Sum(i => i.Arrivals).ToString("0", CultureInfo.InvariantCulture),
                plan.AgentHours.ToString("0.0", CultureInfo.InvariantCulture),
                plan.Intervals.Sum(i => shrinkage.ScheduledAgents(i.Agents) * hours).ToString("0.0", CultureInfo.InvariantCulture),
                plan.Intervals.Max(i => i.Agents).ToString(CultureInfo.InvariantCulture),
                plan.FractionWithinTarget.ToString("P1", CultureInfo.InvariantCulture),
                plan.EndBacklog.ToString("0.#", CultureInfo.InvariantCulture));
        }

        console.WriteTable(table);
        if (path is not null)
        {
            console.MarkupLine(Markup.Escape($"per interval: {path}"));
        }
    }
}
