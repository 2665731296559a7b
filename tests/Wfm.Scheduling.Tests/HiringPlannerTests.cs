using Wfm.Scheduling.Capacity;

namespace Wfm.Scheduling.Tests;

/// <summary>The hiring optimiser against a brute force over every class size in every week on small plans.</summary>
public sealed class HiringPlannerTests
{
    private const int Weeks = 8;

    private static readonly DateOnly Monday = new(2027, 1, 4);

    private static CapacityProblem Problem(double[] required, HiringRules rules, int classroom, double[] ramp, double heads = 10) => new(
        [.. Enumerable.Range(0, Weeks).Select(w => Monday.AddDays(7 * w))],
        [new QueueNeed("voice", required)],
        [new StaffGroup("voice-ft", ["voice"], heads, 1, 700, Survival(0.02), Survival(0.04), Hiring: new HiringProfile(2, 4, classroom, ramp, 1500, 200))],
        rules with { Gap = 1e-9 });

    private static double[] Survival(double weeklyAttrition) => [.. Enumerable.Range(0, Weeks).Select(w => Math.Pow(1 - weeklyAttrition, w))];

    /// <summary>The cost of one choice of class sizes, with overtime and shortfall at their best; null when it breaks a hard limit.</summary>
    private static double? Cost(CapacityProblem problem, int[] sizes)
    {
        var rules = problem.Rules;
        var group = problem.Groups[0];
        var hiring = group.Hiring!;
        var cost = 0.0;
        var prod = new double[Weeks];
        var spend = new double[Weeks];
        for (var w = 0; w < Weeks; w++)
        {
            prod[w] = group.Heads * group.Survival[w] * group.FtePerHead;
        }

        for (var t = 0; t < Weeks; t++)
        {
            if (sizes[t] == 0)
            {
                continue;
            }

            spend[t] += sizes[t] * hiring.HireCost;
            for (var w = t; w < Weeks; w++)
            {
                var left = sizes[t] * group.NewHireSurvival[w - t];
                prod[w] += left * hiring.Productivity(w - t) * group.FtePerHead;
                spend[w] += left * (group.WeeklyCostPerHead + (w - t < hiring.ClassroomWeeks ? hiring.TrainingCostPerHeadWeek : 0));
            }
        }

        for (var w = 0; w < Weeks; w++)
        {
            var inClassroom = Enumerable.Range(0, w + 1).Count(t => sizes[t] > 0 && w - t < hiring.ClassroomWeeks);
            if (rules.Trainers is { } trainers && inClassroom > trainers)
            {
                return null;
            }

            var gap = Math.Max(0, problem.Queues[0].RequiredFte[w] - prod[w]);
            var overtimePrice = group.WeeklyCostPerHead / group.FtePerHead * rules.OvertimeCostFactor;
            var overtime = overtimePrice < rules.ShortPenaltyPerFteWeek ? Math.Min(gap, rules.OvertimeShare * prod[w]) : 0;
            spend[w] += overtime * overtimePrice;
            cost += rules.ShortPenaltyPerFteWeek * (gap - overtime);
        }

        for (var q = 0; q < Weeks; q += 13)
        {
            if (rules.BudgetPerQuarter is { } budget && spend.Skip(q).Take(13).Sum() > budget + 1e-6)
            {
                return null;
            }
        }

        return cost + spend.Sum();
    }

    private static double BruteForce(CapacityProblem problem)
    {
        var options = new[] { 0, 2, 3, 4 };
        var lead = problem.Rules.LeadTimeWeeks;
        var best = double.PositiveInfinity;
        var sizes = new int[Weeks];
        void Search(int t)
        {
            if (t == Weeks)
            {
                if (Cost(problem, sizes) is { } c && c < best)
                {
                    best = c;
                }

                return;
            }

            foreach (var n in t < lead ? [0] : options)
            {
                sizes[t] = n;
                Search(t + 1);
            }

            sizes[t] = 0;
        }

        Search(0);
        return best;
    }

    public static TheoryData<string> Cases => ["growth with overtime and one trainer", "growth on a budget per quarter", "flat with attrition, long classroom"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void SmallPlans_CostTheSameAsTheBestOfEveryClassSizeInEveryWeek(string name)
    {
        var problem = name switch
        {
            "growth with overtime and one trainer" => Problem([9, 10, 11, 12, 14, 15, 15, 16], new HiringRules { LeadTimeWeeks = 1, Trainers = 1, OvertimeShare = 0.1, ShortPenaltyPerFteWeek = 3000 }, 2, [0.5]),
            "growth on a budget per quarter" => Problem([10, 11, 13, 14, 15, 16, 17, 17], new HiringRules { LeadTimeWeeks = 1, BudgetPerQuarter = 30_000, OvertimeShare = 0, ShortPenaltyPerFteWeek = 2500 }, 1, [0.5, 0.8]),
            _ => Problem([10, 10, 10, 10, 10, 10, 10, 10], new HiringRules { LeadTimeWeeks = 2, OvertimeShare = 0.05, ShortPenaltyPerFteWeek = 4000 }, 3, [], heads: 8),
        };

        var plan = HiringPlanner.Plan(problem, TestContext.Current.CancellationToken);
        var best = BruteForce(problem);

        Assert.Equal("optimal", plan.Status);
        Assert.Equal(best, plan.Objective, 3);
        Assert.NotEmpty(plan.Classes);
        Assert.Equal(plan.Objective, plan.Cost.Added + plan.Cost.ShortPenalty, 3);
        Assert.All(plan.Classes, c => Assert.InRange(c.Size, 2, 4));
    }

    [Fact]
    public void ATotalBudget_BuysTheLeastShortfallItCanAndSpendsNoMore()
    {
        var required = new double[] { 10, 12, 14, 16, 18, 20, 22, 24 };
        var rich = HiringPlanner.Plan(Problem(required, new HiringRules { LeadTimeWeeks = 0, TotalBudget = 200_000, OvertimeShare = 0 }, 1, []), TestContext.Current.CancellationToken);
        var poor = HiringPlanner.Plan(Problem(required, new HiringRules { LeadTimeWeeks = 0, TotalBudget = 20_000, OvertimeShare = 0 }, 1, []), TestContext.Current.CancellationToken);

        Assert.True(poor.Cost.Added <= 20_000 + 1e-6, $"spent {poor.Cost.Added}");
        Assert.True(rich.Queues.Sum(q => q.Short) < poor.Queues.Sum(q => q.Short), $"{rich.Queues.Sum(q => q.Short)} vs {poor.Queues.Sum(q => q.Short)}");
        Assert.All(poor.ShortWeeks.Where(s => s.Week > Monday.AddDays(7)), s => Assert.Contains("budget", s.Why));
    }

    [Fact]
    public void WeeksBeforeAClassCanReachTheFloor_StayShortAndSaySo()
    {
        var plan = HiringPlanner.Plan(Problem([14, 14, 14, 14, 14, 14, 14, 14], new HiringRules { LeadTimeWeeks = 2, OvertimeShare = 0 }, 2, []), TestContext.Current.CancellationToken);

        var first = plan.ShortWeeks[0];
        Assert.Equal(Monday, first.Week);
        Assert.Contains("too soon", first.Why);
        Assert.Equal(Monday.AddDays(14), plan.Classes.Min(c => c.Start));
    }
}
