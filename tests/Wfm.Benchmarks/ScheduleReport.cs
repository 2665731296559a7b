using System.Globalization;
using Wfm.Scheduling;

namespace Wfm.Benchmarks;

/// <summary>
/// One scheduling run on a generated center, reported rather than repeated (a solve takes seconds to a
/// minute, which BenchmarkDotNet would run dozens of times): <c>schedule --agents 500 --time-limit 60</c>.
/// Two skills with a two-peak weekday shape (weekends at 55 %), 7:00–22:00, 15-minute intervals;
/// 60 % voice-only, 20 % chat-only, 20 % both; 20 % part-timers (16–24 h, 4 days) and full-timers
/// (32–40 h, 5 days), 11 h rest; a third with preferred starts and weekends off. Full shifts of 8.5 h
/// with a 30-minute unpaid lunch and two 15-minute breaks; part-time shifts of 4–6 h.
/// </summary>
public static class ScheduleReport
{
    public static void Run(string[] args)
    {
        var agents = Argument(args, "--agents", 500);
        var limit = Argument(args, "--time-limit", 60.0);
        var load = Argument(args, "--load", 0.7);
        var problem = Problem((int)agents, load);
        var started = DateTime.Now;
        var result = ShiftScheduler.Solve(problem, new SchedulerOptions(limit, Workers: (int)Argument(args, "--workers", Environment.ProcessorCount)), new Progress<string>(m => Console.WriteLine($"{(DateTime.Now - started).TotalSeconds,6:0.0}s {m}")));
        var q = result.Quality;
        var guaranteed = problem.Agents.Sum(a => a.Contract.MinHoursPerWeek);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agents {agents}, cores {Environment.ProcessorCount}, limit {limit} s: {q.SolveSeconds:0.0} s, {result.Shifts.Count} shifts, paid {q.ScheduledPaidHours:0} h, " +
            $"lower bound {q.LowerBoundPaidHours:0} h (contracts guarantee {guaranteed:0} h), above bound {q.GapToBound:P1}, required {q.RequiredStaffHours:0} staff-h, " +
            $"under {q.UnderStaffHours:0.0} staff-h, over {q.OverStaffHours:0.0} staff-h, unmet intervals {q.UnmetIntervals}, rule violations {result.Violations.Count} ({q.SolverStatus})"));
        foreach (var rule in result.Violations.GroupBy(v => v.Rule).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {rule.Key}: {rule.Count()} (e.g. {rule.First().AgentId}: {rule.First().Detail})");
        }
    }

    private static double Argument(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static ScheduleProblem Problem(int agents, double load)
    {
        var monday = new DateOnly(2026, 11, 30);
        const int interval = 15;
        const int perDay = 1440 / interval;
        double Shape(int day, int slot, double peak, double shift)
        {
            var weekend = monday.AddDays(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var h = slot * interval / 60.0;
            if (h < 7 || h >= 22)
            {
                return 0;
            }

            var v = Math.Exp(-Math.Pow((h - 11 - shift) / 2.5, 2)) + (0.85 * Math.Exp(-Math.Pow((h - 15.5 - shift) / 2.5, 2))) + 0.15;
            return Math.Round(v * peak * (weekend ? 0.55 : 1));
        }

        var scale = agents / 500.0 * load;
        var voice = Enumerable.Range(0, 7 * perDay).Select(t => Shape(t / perDay, t % perDay, 180 * scale, 0)).ToArray();
        var chat = Enumerable.Range(0, 7 * perDay).Select(t => Shape(t / perDay, t % perDay, 75 * scale, 0.5)).ToArray();
        var random = new Random(7);
        var list = new List<ScheduleAgent>();
        for (var i = 0; i < agents; i++)
        {
            var skills = new Dictionary<string, double>();
            var r = random.NextDouble();
            if (r < 0.6)
            {
                skills["voice"] = 1;
            }
            else if (r < 0.8)
            {
                skills["chat"] = 1;
            }
            else
            {
                skills["voice"] = 0.8;
                skills["chat"] = 1;
            }

            var contract = random.NextDouble() < 0.2 ? new Contract(16, 24, 4, 4, 11) : new Contract(32, 40, 5, 5, 11);
            var preferences = random.NextDouble() < 0.3 ? new Preferences(TimeSpan.FromHours(random.Next(7, 12)), [DayOfWeek.Saturday, DayOfWeek.Sunday]) : null;
            list.Add(new ScheduleAgent($"a{i:000}", skills, contract, Preferences: preferences));
        }

        ShiftTemplate[] templates =
        [
            new("full", [510], TimeSpan.FromHours(6.5), TimeSpan.FromHours(13.5), 30),
            new("part", [240, 300, 360], TimeSpan.FromHours(7), TimeSpan.FromHours(18), 60),
        ];
        BreakRule[] breaks =
        [
            new("break 1", 15, 60, 150, true, 360),
            new("lunch", 30, 180, 300, false, 420),
            new("break 2", 15, 330, 420, true, 480),
        ];
        return new ScheduleProblem(monday, 7, interval, [new SkillRequirement("voice", voice), new SkillRequirement("chat", chat)], list, templates, breaks);
    }
}
