using System.Globalization;
using Wfm.Scheduling;

namespace Wfm.Benchmarks;

/// <summary>
/// pyworkforce's documented scheduling example (docs/guide/scheduling.md in rodrigo-arenas/pyworkforce):
/// two days of hourly requirements, shifts Morning 05–12, Afternoon 13–20, Mixed 09–16 and Night
/// 21–04 (eight hours each). pyworkforce reaches 113 shifts with MinRequiredResources. Here the same
/// requirement is covered by Wfm's scheduler with the same four shifts at the least cost (every shift
/// paid the same, nothing left short, surplus free), on 30-minute intervals (each hour's requirement in
/// both halves). One difference in meaning: pyworkforce's Night covers 00–04 and 21–23 of the same day;
/// a real night shift runs 21:00–05:00 into the next morning, so the horizon starts a day earlier (with no
/// requirement) to let that night cover the first day's early hours.
/// </summary>
public static class PyworkforceReport
{
    private static readonly int[][] Required =
    [
        [9, 11, 17, 9, 7, 12, 5, 11, 8, 9, 18, 17, 8, 12, 16, 8, 7, 12, 11, 10, 13, 19, 16, 7],
        [13, 13, 12, 15, 18, 20, 13, 16, 17, 8, 13, 11, 6, 19, 11, 20, 19, 17, 10, 13, 14, 23, 16, 8],
    ];

    public static void Run(string[] args)
    {
        var start = new DateOnly(2026, 11, 29);
        var requirement = new double[3 * 48];
        for (var day = 0; day < 2; day++)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                requirement[((day + 1) * 48) + (hour * 2)] = Required[day][hour];
                requirement[((day + 1) * 48) + (hour * 2) + 1] = Required[day][hour];
            }
        }

        ShiftTemplate Shift(string name, int hour) => new(name, [480], TimeSpan.FromHours(hour), TimeSpan.FromHours(hour), 60);
        var agents = Enumerable.Range(1, 120).Select(i => new ScheduleAgent($"p{i:000}", new Dictionary<string, double> { ["work"] = 1 }, new Contract(0, 56, 7, 7, 0))).ToArray();
        var problem = new ScheduleProblem(
            start, 3, 30, [new SkillRequirement("work", requirement)], agents,
            [Shift("Morning", 5), Shift("Afternoon", 13), Shift("Mixed", 9), Shift("Night", 21)], [],
            new ScheduleWeights(UnderPerAgentInterval: 1000, OverPerAgentInterval: 0, PerPaidHour: 1, Fairness: 0, Preference: 0, StartStability: 0, PairedDaysOff: 0));
        var result = ShiftScheduler.Solve(problem, new SchedulerOptions(30, Environment.ProcessorCount));
        var coverage = result.Coverage["work"];
        var hourly = Enumerable.Range(0, 48).Select(h => coverage[48 + (h * 2)].Working - (double)Required[h / 24][h % 24]).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pyworkforce example: Wfm {result.Shifts.Count} shifts, {result.Shifts.Count(s => s.Day > 0)} starting on the two days and {result.Shifts.Count(s => s.Day == 0)} nights from the evening before ({string.Join(", ", result.Shifts.GroupBy(s => s.Option.Template.Name).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}), " +
            $"unmet hours {hourly.Count(d => d < 0)}, surplus agent-hours {hourly.Where(d => d > 0).Sum():0}, |coverage - requirement| {hourly.Sum(Math.Abs):0}; " +
            $"pyworkforce MinRequiredResources 113, MinAbsDifference 157 ({result.Quality.SolverStatus}, {result.Quality.SolveSeconds:0.0} s)"));
    }
}
