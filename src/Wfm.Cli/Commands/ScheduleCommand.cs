using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wfm.Core.Staffing;
using Wfm.Planning.Scheduling;
using Wfm.Planning.Staffing;
using Wfm.Scheduling;

namespace Wfm.Cli.Commands;

/// <summary><c>wfm schedule</c>: shifts and breaks for one to four weeks that cover the requirement under the agents' contracts.</summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var requirements = new Option<FileInfo>("--requirements") { Description = "Requirement CSV: timestamp, queue, required_agents (what `wfm staff` writes) or timestamp, queue, agents", Required = true };
        var agents = new Option<FileInfo>("--agents") { Description = "Agents CSV: id, skills, min_hours, max_hours, max_days, max_consecutive_days, min_rest_hours[, availability, time_off, preferred_start, preferred_days_off]", Required = true };
        var rules = new Option<FileInfo>("--rules") { Description = "rules.json: shift templates, breaks, maxMinutesWithoutBreak, weights", Required = true };
        var weeks = new Option<int>("--weeks") { Description = "Weeks to schedule from the requirement's first day (1–4)", DefaultValueFactory = _ => 1 };
        var column = new Option<string>("--requirement-column") { Description = "Column of the requirement file to cover (e.g. scheduled_agents to include shrinkage other than breaks)", DefaultValueFactory = _ => "required_agents" };
        var limit = new Option<double>("--time-limit") { Description = "Seconds the solver may take", DefaultValueFactory = _ => 30 };
        var output = new Option<FileInfo?>("--out") { Description = "Write the schedule CSV here (default: standard output)" };
        var coverage = new Option<FileInfo?>("--coverage") { Description = "Write coverage per skill and interval (required, scheduled, difference) here" };
        var chart = new Option<FileInfo?>("--chart") { Description = "Write an SVG chart of coverage against requirement here" };
        var calendars = new Option<DirectoryInfo?>("--calendars") { Description = "Write one iCalendar file per agent into this folder" };
        var sl = new Option<string>("--sl") { Description = "Service level target PERCENT/SECONDS for the expected SL of the schedule (when the requirement file has forecast and aht_seconds, as `wfm staff` writes it)", DefaultValueFactory = _ => "80/20" };
        var patience = new Option<double?>("--patience") { Description = "Mean patience in seconds for that expected SL (Erlang A; without it Erlang C)" };
        var calibration = new Option<FileInfo?>("--calibration") { Description = "What `wfm staff calibrate` wrote: the expected SL of the skills it covers counts the scheduled agents as logged in" };
        var command = new Command("schedule", "Optimized shifts and breaks (OR-Tools) covering the requirement, with a quality report: coverage, under/over staff-hours, lower bound, unmet intervals and why.")
        {
            requirements, agents, rules, weeks, column, limit, output, coverage, chart, calendars, sl, patience, calibration,
        };
        command.SetAction(r => CliErrors.Run(() =>
        {
            var days = r.GetValue(weeks) * 7;
            if (r.GetValue(weeks) is < 1 or > 4)
            {
                throw new StaffingInputException("weeks", $"must be 1 to 4, got {r.GetValue(weeks)}");
            }

            var (start, interval, needed) = ScheduleFiles.ReadRequirements(r.GetValue(requirements)!.FullName, days, r.GetValue(column)!);
            var roster = ScheduleFiles.ReadAgents(r.GetValue(agents)!.FullName);
            var ruleFile = ScheduleFiles.ReadRules(r.GetValue(rules)!.FullName);
            var problem = new ScheduleProblem(start, days, interval, needed, roster, ruleFile.Templates, ruleFile.Breaks, ruleFile.Weights, ruleFile.MaxMinutesWithoutBreak);
            var options = new SchedulerOptions(r.GetValue(limit));
            var result = Run(problem, options);

            if (r.GetValue(output) is { } file)
            {
                using var writer = new StreamWriter(file.FullName);
                ScheduleFiles.WriteSchedule(writer, result);
            }
            else
            {
                ScheduleFiles.WriteSchedule(Console.Out, result);
            }

            ExpectedServiceLevel? expected;
            using (var requirementText = new StreamReader(r.GetValue(requirements)!.FullName))
            {
                var calibrationFile = r.GetValue(calibration) is { } c ? CalibrationService.Read(c.FullName).ToCalibration() : null;
                expected = ExpectedServiceLevel.Of(requirementText, r.GetValue(requirements)!.Name, result, r.GetValue(sl)!, r.GetValue(patience), calibrationFile);
            }

            if (r.GetValue(coverage) is { } coverageFile)
            {
                using var writer = new StreamWriter(coverageFile.FullName);
                ScheduleFiles.WriteCoverage(writer, result, expected?.PerInterval);
            }

            if (expected is not null)
            {
                Console.Error.WriteLine($"expected service level with this schedule ({expected.Model}): {string.Join(", ", expected.PerSkill.Select(p => $"{p.Key} {p.Value:P1}"))}");
            }

            if (r.GetValue(chart) is { } svg)
            {
                File.WriteAllText(svg.FullName, ScheduleFiles.Chart(result));
                Console.Error.WriteLine($"chart: {svg.FullName}");
            }

            if (r.GetValue(calendars) is { } folder)
            {
                folder.Create();
                foreach (var id in result.Shifts.Select(s => s.AgentId).Distinct())
                {
                    File.WriteAllText(Path.Combine(folder.FullName, $"{id}.ics"), ScheduleFiles.Calendar(result, id));
                }

                Console.Error.WriteLine($"calendars: {folder.FullName}");
            }

            Report(result, r.GetValue(output)?.FullName);
            return 0;
        }));
        return command;
    }

    private static ScheduleResult Run(ScheduleProblem problem, SchedulerOptions options) =>
        CliConsole.WithinLimit("scheduling", TimeSpan.FromSeconds(options.TimeLimitSeconds), progress => ShiftScheduler.Solve(problem, options, progress));

    private static void Report(ScheduleResult result, string? path)
    {
        var console = CliConsole.Error();

        var q = result.Quality;
        var table = new Table().Title("schedule quality").AddColumns(
            "shifts", "paid hours", "demand needs", "against demand", "lower bound", "above bound", "required staff-hours", "covered", "under staff-hours", "over staff-hours",
            "unmet intervals", "solver", "seconds");
        table.AddRow(
            $"{result.Shifts.Count}", $"{q.ScheduledPaidHours:0.#}", $"{q.DemandBoundPaidHours:0.#}", q.GapToDemand is { } gap ? $"{gap:+0.0%;-0.0%}" : "–",
            $"{q.LowerBoundPaidHours:0.#}", q.Short ? "–" : $"{q.GapToBound:P1}", $"{q.RequiredStaffHours:0.#}", $"{q.CoveredStaffHours:0.#}",
            $"{q.UnderStaffHours:0.#}", $"{q.OverStaffHours:0.#}", $"{q.UnmetIntervals}", Markup.Escape(q.SolverStatus), q.SolveSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        console.WriteTable(table);
        if (q.Short)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"short of demand: {q.UnderStaffHours:0.#} of {q.RequiredStaffHours:0.#} required staff-hours uncovered ({q.UnderStaffHours / q.RequiredStaffHours:P0}); covering it all needs at least {q.DemandBoundPaidHours:0.#} paid hours, these agents' contracts allow at most {q.CapacityPaidHours:0.#}")));
        }
        foreach (var group in result.Unmet.GroupBy(u => (u.Skill, Day: u.Slot / result.Problem.SlotsPerDay, u.Reason)).Take(20))
        {
            var first = group.First();
            var lastSlot = group.Last();
            console.MarkupLine(Markup.Escape(
                $"unmet {group.Key.Skill} {result.SlotTime(first.Slot):yyyy-MM-dd HH:mm}–{result.SlotTime(lastSlot.Slot + 1):HH:mm}: {group.Count()} interval(s), short by up to {group.Max(u => u.Required - u.Working):0.#}; {group.Key.Reason}"));
        }

        foreach (var v in result.Violations.Take(20))
        {
            console.MarkupLine(Markup.Escape($"{v.AgentId}: {v.Rule}: {v.Detail}"));
        }

        if (path is not null)
        {
            console.MarkupLine(Markup.Escape($"wrote {result.Shifts.Count} shifts to {path}"));
        }
    }
}
