using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Wfm.Core.Capacity;
using Wfm.Scheduling.Capacity;

namespace Wfm.Benchmarks;

/// <summary>
/// The hiring optimiser on a plan of 78 weeks, 6 queues and 4 skill groups (seeded): <c>capacity [--runs 5] [--weeks 78]</c>
/// solves it several times and prints status, gap, cost and time of each; the BenchmarkDotNet class below times it too.
/// </summary>
public static class CapacityReport
{
    private static readonly string[] Queues = ["sales-voice", "sales-chat", "support-voice", "support-chat", "support-email", "retention-voice"];

    /// <summary>Weekly FTE needs with growth, a yearly season and a chat launch; four groups over the six queues, sized near week 0's need.</summary>
    public static CapacityProblem Problem(int weeks = 78)
    {
        var rng = new Random(78);
        var monday = new DateOnly(2027, 1, 4);
        var bases = new[] { 60.0, 25, 90, 35, 20, 30 };
        var needs = Queues.Select((q, i) => new QueueNeed(q, [.. Enumerable.Range(0, weeks).Select(w =>
            bases[i] * (1 + (0.10 * w / 52)) * (1 + (0.12 * Math.Sin(2 * Math.PI * (w + (i * 5)) / 52))) * (q.EndsWith("chat", StringComparison.Ordinal) && w >= 20 ? 1.3 : 1) * (0.97 + (0.06 * rng.NextDouble())))])).ToList();
        var attrition = Attrition.FromMonthlyRate(0.03, 0.06);
        StaffGroup Group(string id, string[] queues, double heads, double pay, int classroom) => new(
            id, queues, heads, 1, pay, attrition.Survival(weeks, 60), attrition.Survival(weeks, 0), null,
            new HiringProfile(6, 20, classroom, [0.5, 0.75], 1500, 250));
        var groups = new List<StaffGroup>
        {
            Group("sales", ["sales-voice", "sales-chat"], 80, 750, 3),
            Group("support", ["support-voice", "support-chat", "support-email"], 140, 700, 4),
            Group("retention", ["retention-voice"], 28, 800, 3),
            Group("blended", ["sales-voice", "support-voice", "retention-voice"], 20, 850, 5),
        };
        return new CapacityProblem(
            [.. Enumerable.Range(0, weeks).Select(w => monday.AddDays(7 * w))], needs, groups,
            new HiringRules { LeadTimeWeeks = 4, Trainers = 3, BudgetPerQuarter = 900_000, OvertimeShare = 0.05, ShortPenaltyPerFteWeek = 2000, Gap = 0.01, TimeLimit = TimeSpan.FromSeconds(60) });
    }

    public static void Run(string[] args)
    {
        var runs = int.Parse(Text(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var weeks = int.Parse(Text(args, "--weeks") ?? "78", CultureInfo.InvariantCulture);
        var problem = Problem(weeks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{weeks} weeks, {problem.Queues.Count} queues, {problem.Groups.Count} skill groups; gap asked {problem.Rules.Gap:P0}; {Environment.ProcessorCount} cores"));
        Console.WriteLine("run  status      gap      cost (added + penalty)  classes  hires  short FTE-weeks  seconds");
        for (var r = 1; r <= runs; r++)
        {
            var clock = Stopwatch.StartNew();
            var plan = HiringPlanner.Plan(problem);
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r,3}  {plan.Status,-10}  {plan.Gap,6:P2}  {plan.Objective,22:N0}  {plan.Classes.Count,7}  {plan.Classes.Sum(c => c.Size),5}  {plan.Queues.Sum(q => q.Short),15:0.0}  {clock.Elapsed.TotalSeconds,7:0.00}"));
        }
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>BenchmarkDotNet: one solve of the 78-week, 6-queue, 4-group hiring plan to a 1 % gap.</summary>
[MemoryDiagnoser]
public class CapacityBenchmarks
{
    private CapacityProblem _problem = null!;

    [GlobalSetup]
    public void Setup() => _problem = CapacityReport.Problem();

    [Benchmark]
    public HiringPlan HiringPlan78Weeks() => HiringPlanner.Plan(_problem);
}
