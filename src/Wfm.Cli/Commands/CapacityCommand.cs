using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Capacity;
using Wfm.Core.Forecasting;
using Wfm.Planning;
using Wfm.Planning.Capacity;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Commands;

/// <summary><c>wfm capacity</c>: long-range demand, required FTE and an optimised hiring plan.</summary>
internal static class CapacityCommand
{
    public static Command Create()
    {
        var command = new Command("capacity", "Capacity planning: weekly demand months ahead, required FTE, and when to hire how many.");
        command.Subcommands.Add(Plan());
        command.Subcommands.Add(Backtest());
        return command;
    }

    private static Command Plan()
    {
        var input = new HistoryInput();
        var weeks = new Option<int?>("--weeks") { Description = "Weeks to plan (4 to 104; default: the settings' weeks, else 52)" };
        var start = new Option<string?>("--start") { Description = "First week of the plan, yyyy-MM-dd (default: the week after the history)" };
        var headcount = new Option<FileInfo>("--headcount") { Description = "Today's agents: CSV with skills (queues, ';'-separated), headcount[, hours_per_week, tenure_weeks]", Required = true };
        var hiring = new Option<FileInfo?>("--hiring") { Description = "The plan's settings as JSON: hiring profiles, attrition, costs, limits, changes, events, queues' channels and targets (see README)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the week-by-week plan CSV here" };
        var classes = new Option<FileInfo?>("--classes") { Description = "Write the classes to start as CSV here" };
        var chart = new Option<FileInfo?>("--chart") { Description = "Write required against supply as an SVG chart here" };
        var command = new Command("plan", "Weekly demand months ahead, required FTE through the interval models, supply, and an optimised hiring plan with its cost.");
        input.AddTo(command);
        foreach (var option in new Option[] { weeks, start, headcount, hiring, output, classes, chart })
        {
            command.Options.Add(option);
        }

        command.SetAction((r, cancellationToken) => Task.FromResult(CliErrors.Run(() =>
        {
            var request = r.GetValue(hiring) is { } settings ? CapacityFiles.ReadRequest(File.ReadAllText(settings.FullName), settings.Name) : new CapacityRequest();
            if (r.GetValue(weeks) is { } w)
            {
                request = request with { Weeks = w };
            }

            if (r.GetValue(start) is { } text)
            {
                request = request with
                {
                    Start = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new PlanningException("start", $"expected a date such as 2027-01-04, got '{text}'"),
                };
            }

            var histories = input.Read(r);
            var last = histories.Max(h => h.LastDay);
            var from = histories.Min(h => h.FirstDay);
            var calendar = input.Calendar(r, from, last.AddDays(7 * (request.Weeks + 60)));
            if (request.Holidays is { } country && !country.Equals("none", StringComparison.OrdinalIgnoreCase) && calendar.Days.Count == 0)
            {
                // The settings name the public holidays (as the server's center does) and the command line gave none.
                calendar = calendar.Plus(HolidayCalendars.For(country.Trim(), from.Year, last.Year + 3));
            }
            IReadOnlyList<HeadcountRow> rows;
            using (var reader = File.OpenText(r.GetValue(headcount)!.FullName))
            {
                rows = CapacityFiles.ReadHeadcount(reader, r.GetValue(headcount)!.Name);
            }

            var inputs = new CapacityInputs([.. histories.Select(h => new CapacityQueueInput(h, CapacityFiles.Queue(h.Queue, request)))], rows, null, calendar.Days);
            var plan = CliConsole.WithinLimit("capacity plan", TimeSpan.FromSeconds(request.TimeLimitSeconds + 5), _ => CapacityPlanner.Plan(inputs, request, cancellationToken));
            Print(plan);
            if (r.GetValue(output) is { } file)
            {
                using var writer = new StreamWriter(file.FullName);
                CapacityFiles.WritePlanCsv(writer, plan);
            }

            if (r.GetValue(classes) is { } classFile)
            {
                using var writer = new StreamWriter(classFile.FullName);
                CapacityFiles.WriteClassesCsv(writer, plan);
            }

            if (r.GetValue(chart) is { } svg)
            {
                File.WriteAllText(svg.FullName, CapacityReport.Chart(plan));
            }

            return 0;
        })));
        return command;
    }

    private static void Print(CapacityPlanResult plan)
    {
        var console = CliConsole.Out();

        var hiring = plan.Plan;
        console.MarkupLine(Markup.Escape($"{plan.Weeks} weeks from {plan.Start:yyyy-MM-dd}; shrinkage {plan.Shrinkage:P0}; attrition {plan.Attrition}; plan {hiring.Status} (gap {hiring.Gap:P2}) in {hiring.Took.TotalSeconds:0.0} s"));
        foreach (var q in plan.Queues)
        {
            var best = q.Accuracy.Count > 0 ? $"; backtest WAPE {q.Accuracy[0].Wape:P1} over {q.Accuracy[0].Weeks} weeks (mean of 8 weekly totals: {q.Accuracy[^1].Wape:P1})" : string.Empty;
            console.MarkupLine(Markup.Escape($"{q.QueueId}: {q.Model}, target {q.TargetPercent:0}/{q.TargetSeconds}; forecast {q.Method}{(q.YearlySeason ? " with yearly season" : string.Empty)}{best}"));
        }

        var table = new Table().Title("classes to start").AddColumns("group", "start", "size", "on the floor", "fully productive", "cost");
        foreach (var c in hiring.Classes)
        {
            table.AddRow(Markup.Escape(c.GroupId), $"{c.Start:yyyy-MM-dd}", $"{c.Size}", $"{c.OnFloor:yyyy-MM-dd}", $"{c.FullyProductive:yyyy-MM-dd}", $"{c.Cost:N0}");
        }

        console.WriteTable(table);
        var cost = hiring.Cost;
        console.MarkupLine(Markup.Escape($"cost: {cost.Total:N0} = today's staff {cost.ExistingPay:N0} + new hires' pay {cost.NewHirePay:N0} + hiring {cost.Hiring:N0} + training {cost.Training:N0} + overtime {cost.Overtime:N0}{(cost.Layoffs > 0 ? $" + layoffs {cost.Layoffs:N0}" : string.Empty)}"));
        var first = plan.Totals[0];
        var peak = plan.Totals.MaxBy(t => t.RequiredFte)!;
        console.MarkupLine(Markup.Escape($"required FTE: {first.RequiredFte:0.#} in the first week, {peak.RequiredFte:0.#} at the peak ({peak.Week:yyyy-MM-dd}); the flat workload ÷ hours figure: {first.FlatFte:0.#} and {peak.FlatFte:0.#}"));
        if (hiring.ShortWeeks.Count == 0)
        {
            console.MarkupLine("no week stays short");
            return;
        }

        var shortTable = new Table().Title($"{hiring.ShortWeeks.Select(s => s.Week).Distinct().Count()} week(s) stay short").AddColumns("week", "queue", "FTE short", "why");
        foreach (var s in hiring.ShortWeeks.Take(12))
        {
            shortTable.AddRow($"{s.Week:yyyy-MM-dd}", Markup.Escape(s.QueueId), $"{s.ShortFte:0.#}", Markup.Escape(s.Why));
        }

        console.WriteTable(shortTable);
        if (hiring.ShortWeeks.Count > 12)
        {
            console.MarkupLine($"… and {hiring.ShortWeeks.Count - 12} more in the CSV");
        }
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
            var console = CliConsole.Out();
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

                console.WriteTable(table);
            }

            return 0;
        }));
        return command;
    }
}
