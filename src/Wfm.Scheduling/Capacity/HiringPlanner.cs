using System.Diagnostics;
using System.Globalization;
using Google.OrTools.LinearSolver;

namespace Wfm.Scheduling.Capacity;

/// <summary>
/// The hiring plan as a mixed-integer programme (OR-Tools SCIP, CBC when SCIP is missing). Decisions: the size of a
/// class in each group and week (zero, or between the class limits), overtime, layoffs when allowed, and which group's
/// FTE works which of its queues. Supply follows the heads: today's staff thin out along their survival curve; a
/// class's hires along the new-hire curve, off the floor in the classroom, at the ramp's share while nesting. Hard
/// limits: the lead time, trainers (classes in the classroom at once), the budget per quarter, overtime share, no
/// layoffs. Minimises what the plan adds to today's pay plus the shortfall's penalty — or, with a total budget, the
/// shortfall that budget allows. Stops at the gap asked for, the time limit or the caller leaving, with the best plan found.
/// </summary>
public static class HiringPlanner
{
    private const double Tiny = 1e-6;

    public static HiringPlan Plan(CapacityProblem problem, CancellationToken cancellationToken = default)
    {
        Validate(problem);
        var clock = Stopwatch.StartNew();
        var weeks = problem.Weeks.Count;
        var rules = problem.Rules;
        using var solver = Solver.CreateSolver("SCIP") ?? Solver.CreateSolver("CBC") ?? throw new InvalidOperationException("no mixed-integer solver (SCIP or CBC) is available");
        var objective = solver.Objective();
        var budgetMode = rules.TotalBudget is not null;
        var quarters = (weeks + 12) / 13;
        var quarterSpend = Enumerable.Range(0, quarters).Select(_ => rules.BudgetPerQuarter is { } b ? solver.MakeConstraint(double.NegativeInfinity, b) : null).ToArray();
        var totalSpend = rules.TotalBudget is { } total ? solver.MakeConstraint(double.NegativeInfinity, total) : null;
        var trainerRows = rules.Trainers is { } trainers ? Enumerable.Range(0, weeks).Select(_ => solver.MakeConstraint(0, trainers)).ToArray() : null;

        // Spend of a variable in week w: in the objective (cost mode), its quarter's budget and the total budget.
        void Spend(Variable v, int w, double money)
        {
            if (!budgetMode)
            {
                objective.SetCoefficient(v, objective.GetCoefficient(v) + money);
            }

            if (quarterSpend[w / 13] is { } q)
            {
                q.SetCoefficient(v, q.GetCoefficient(v) + money);
            }

            if (totalSpend is not null)
            {
                totalSpend.SetCoefficient(v, totalSpend.GetCoefficient(v) + money);
            }
        }

        var classes = new Dictionary<(int Group, int Week), (Variable Size, Variable Runs)>();
        var productive = new Variable[problem.Groups.Count, weeks];
        var overtime = new Variable[problem.Groups.Count, weeks];
        var released = new Variable?[problem.Groups.Count, weeks];
        var allocation = new Dictionary<(int Group, string Queue, int Week), Variable>();
        var fteRows = new Constraint[problem.Groups.Count, weeks];
        for (var g = 0; g < problem.Groups.Count; g++)
        {
            var group = problem.Groups[g];
            var payPerFte = group.WeeklyCostPerHead / group.FtePerHead;
            for (var w = 0; w < weeks; w++)
            {
                // productive[g,w] = today's staff left (after planned changes) + the classes' productive hires − released heads.
                productive[g, w] = solver.MakeNumVar(0, double.PositiveInfinity, $"p{g}_{w}");
                fteRows[g, w] = solver.MakeConstraint(Base(group, w), Base(group, w));
                fteRows[g, w].SetCoefficient(productive[g, w], 1);
                overtime[g, w] = solver.MakeNumVar(0, double.PositiveInfinity, $"o{g}_{w}");
                var limit = solver.MakeConstraint(double.NegativeInfinity, 0);
                limit.SetCoefficient(overtime[g, w], 1);
                limit.SetCoefficient(productive[g, w], -rules.OvertimeShare);
                Spend(overtime[g, w], w, payPerFte * rules.OvertimeCostFactor);
            }

            if (!rules.NoLayoffs)
            {
                for (var u = 0; u < weeks; u++)
                {
                    var r = released[g, u] = solver.MakeNumVar(0, double.PositiveInfinity, $"r{g}_{u}");
                    Spend(r, u, rules.LayoffCostPerHead);
                    for (var w = u; w < weeks; w++)
                    {
                        var left = group.Survival[w] / Math.Max(group.Survival[u], Tiny);
                        fteRows[g, w].SetCoefficient(r, left * group.FtePerHead);
                        if (!budgetMode)
                        {
                            objective.SetCoefficient(r, objective.GetCoefficient(r) - (left * group.WeeklyCostPerHead));
                        }
                    }
                }

                // Nobody is released who is not there: released so far, thinned by attrition, stays within today's heads.
                for (var w = 0; w < weeks; w++)
                {
                    var heads = solver.MakeConstraint(double.NegativeInfinity, group.Heads * group.Survival[w]);
                    for (var u = 0; u <= w; u++)
                    {
                        heads.SetCoefficient(released[g, u]!, group.Survival[w] / Math.Max(group.Survival[u], Tiny));
                    }
                }
            }

            if (group.Hiring is not { } hiring)
            {
                continue;
            }

            for (var t = rules.LeadTimeWeeks; t < weeks; t++)
            {
                var size = solver.MakeIntVar(0, hiring.MaxClassSize, $"y{g}_{t}");
                var runs = solver.MakeBoolVar($"z{g}_{t}");
                classes[(g, t)] = (size, runs);
                var upper = solver.MakeConstraint(double.NegativeInfinity, 0);
                upper.SetCoefficient(size, 1);
                upper.SetCoefficient(runs, -hiring.MaxClassSize);
                var lower = solver.MakeConstraint(0, double.PositiveInfinity);
                lower.SetCoefficient(size, 1);
                lower.SetCoefficient(runs, -hiring.MinClassSize);
                Spend(size, t, hiring.HireCost);
                for (var w = t; w < weeks; w++)
                {
                    var left = group.NewHireSurvival[w - t];
                    fteRows[g, w].SetCoefficient(size, -left * hiring.Productivity(w - t) * group.FtePerHead);
                    Spend(size, w, left * (group.WeeklyCostPerHead + (w - t < hiring.ClassroomWeeks ? hiring.TrainingCostPerHeadWeek : 0)));
                    if (trainerRows is not null && w - t < hiring.ClassroomWeeks)
                    {
                        trainerRows[w].SetCoefficient(runs, 1);
                    }
                }
            }
        }

        // Each group's FTE (with overtime) is shared among its queues; what the queues do not get stays short.
        var shortVars = new Variable[problem.Queues.Count, weeks];
        for (var w = 0; w < weeks; w++)
        {
            var capacity = new Constraint[problem.Groups.Count];
            for (var g = 0; g < problem.Groups.Count; g++)
            {
                capacity[g] = solver.MakeConstraint(double.NegativeInfinity, 0);
                capacity[g].SetCoefficient(productive[g, w], -1);
                capacity[g].SetCoefficient(overtime[g, w], -1);
            }

            for (var q = 0; q < problem.Queues.Count; q++)
            {
                var need = problem.Queues[q];
                var cover = solver.MakeConstraint(need.RequiredFte[w], double.PositiveInfinity);
                var s = shortVars[q, w] = solver.MakeNumVar(0, double.PositiveInfinity, $"s{q}_{w}");
                cover.SetCoefficient(s, 1);
                objective.SetCoefficient(s, budgetMode ? 1 : rules.ShortPenaltyPerFteWeek);
                for (var g = 0; g < problem.Groups.Count; g++)
                {
                    if (problem.Groups[g].Queues.Contains(need.QueueId))
                    {
                        var x = allocation[(g, need.QueueId, w)] = solver.MakeNumVar(0, double.PositiveInfinity, string.Empty);
                        cover.SetCoefficient(x, 1);
                        capacity[g].SetCoefficient(x, 1);
                    }
                }
            }
        }

        if (budgetMode)
        {
            // Among plans with the least shortfall, the cheapest.
            foreach (var v in solver.variables())
            {
                if (totalSpend!.GetCoefficient(v) is var money and not 0)
                {
                    objective.SetCoefficient(v, objective.GetCoefficient(v) + (money * Tiny * 1e-3));
                }
            }
        }

        objective.SetMinimization();
        var remaining = rules.TimeLimit - clock.Elapsed;
        solver.SetTimeLimit((long)Math.Max(1, remaining.TotalMilliseconds));
        var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, rules.Gap);
        Solver.ResultStatus status;
        using (cancellationToken.Register(() => solver.InterruptSolve()))
        {
            status = solver.Solve(parameters);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            var why = status == Solver.ResultStatus.INFEASIBLE
                ? "no plan meets the hard limits (budget per quarter, trainers, class sizes): loosen one"
                : $"no plan was found within the {rules.TimeLimit.TotalSeconds:0} s time limit";
            return new HiringPlan("infeasible", double.NaN, double.NaN, double.NaN, clock.Elapsed, new CapacityCost(0, 0, 0, 0, 0, 0, 0), [], [], [], [], why);
        }

        return Read(problem, solver, status, classes, productive, overtime, released, shortVars, clock.Elapsed);
    }

    /// <summary>Today's staff's FTE in week <paramref name="w"/>: heads left by attrition, plus the group's planned changes (never below zero).</summary>
    internal static double Base(StaffGroup group, int w) =>
        Math.Max(0, (group.Heads * group.Survival[w] * group.FtePerHead) + (group.FteChange is { } change ? change[w] : 0));

    private static HiringPlan Read(
        CapacityProblem problem, Solver solver, Solver.ResultStatus status, Dictionary<(int Group, int Week), (Variable Size, Variable Runs)> classes,
        Variable[,] productive, Variable[,] overtime, Variable?[,] released, Variable[,] shortVars, TimeSpan took)
    {
        var weeks = problem.Weeks.Count;
        var rules = problem.Rules;
        var hired = new List<HiringClass>();
        double existingPay = 0, newPay = 0, hiring = 0, training = 0, overtimeCost = 0, layoffs = 0, shortPenalty = 0;
        var groupWeeks = new List<GroupWeek>();
        var spend = new double[weeks];
        for (var g = 0; g < problem.Groups.Count; g++)
        {
            var group = problem.Groups[g];
            var heads = new double[weeks];
            for (var w = 0; w < weeks; w++)
            {
                heads[w] = group.Heads * group.Survival[w];
            }

            for (var u = 0; u < weeks; u++)
            {
                if (released[g, u]?.SolutionValue() is > Tiny and var r)
                {
                    layoffs += r * rules.LayoffCostPerHead;
                    spend[u] += r * rules.LayoffCostPerHead;
                    for (var w = u; w < weeks; w++)
                    {
                        heads[w] -= r * group.Survival[w] / Math.Max(group.Survival[u], Tiny);
                    }
                }
            }

            existingPay += heads.Sum() * group.WeeklyCostPerHead;
            foreach (var ((cg, t), (size, _)) in classes.Where(c => c.Key.Group == g).OrderBy(c => c.Key.Week))
            {
                var n = (int)Math.Round(size.SolutionValue());
                if (n == 0)
                {
                    continue;
                }

                var hiringProfile = group.Hiring!;
                var cost = n * hiringProfile.HireCost;
                hiring += n * hiringProfile.HireCost;
                spend[t] += n * hiringProfile.HireCost;
                for (var w = t; w < weeks; w++)
                {
                    var left = n * group.NewHireSurvival[w - t];
                    heads[w] += left;
                    newPay += left * group.WeeklyCostPerHead;
                    cost += left * group.WeeklyCostPerHead;
                    spend[w] += left * group.WeeklyCostPerHead;
                    if (w - t < hiringProfile.ClassroomWeeks)
                    {
                        training += left * hiringProfile.TrainingCostPerHeadWeek;
                        cost += left * hiringProfile.TrainingCostPerHeadWeek;
                        spend[w] += left * hiringProfile.TrainingCostPerHeadWeek;
                    }
                }

                hired.Add(new HiringClass(group.Id, t, problem.Weeks[t], n, WeekAt(problem, t + hiringProfile.ClassroomWeeks), WeekAt(problem, t + hiringProfile.WeeksToFull), cost));
            }

            for (var w = 0; w < weeks; w++)
            {
                var o = overtime[g, w].SolutionValue();
                overtimeCost += o * group.WeeklyCostPerHead / group.FtePerHead * rules.OvertimeCostFactor;
                spend[w] += o * group.WeeklyCostPerHead / group.FtePerHead * rules.OvertimeCostFactor;
                groupWeeks.Add(new GroupWeek(group.Id, w, heads[w], productive[g, w].SolutionValue(), o, released[g, w]?.SolutionValue() ?? 0));
            }
        }

        var queueWeeks = new List<QueueWeek>();
        var shortWeeks = new List<ShortWeek>();
        for (var q = 0; q < problem.Queues.Count; q++)
        {
            var shorts = Enumerable.Range(0, weeks).Select(w => Math.Max(0, shortVars[q, w].SolutionValue())).ToArray();
            for (var w = 0; w < weeks; w++)
            {
                var need = problem.Queues[q].RequiredFte[w];
                var s = shorts[w];
                shortPenalty += s * rules.ShortPenaltyPerFteWeek;
                queueWeeks.Add(new QueueWeek(problem.Queues[q].QueueId, w, need, need - s, s));
                if (s > 0.05)
                {
                    // A week far shorter than the weeks either side is a peak (a campaign, a holiday rush): no class is hired for one week.
                    var spike = s > 2 && (w == 0 || shorts[w - 1] < s / 4) && (w == weeks - 1 || shorts[w + 1] < s / 4);
                    var (why, reason, detail) = spike
                        ? ("a one-week peak: hiring for it would cost more than the shortfall (cover it with overtime beyond the limit, other centers or a lower target)", "spike", string.Empty)
                        : Why(problem, problem.Queues[q].QueueId, w, hired, spend);
                    shortWeeks.Add(new ShortWeek(problem.Weeks[w], problem.Queues[q].QueueId, s, why, reason, detail));
                }
            }
        }

        shortWeeks.Sort((a, b) => a.Week != b.Week ? a.Week.CompareTo(b.Week) : string.CompareOrdinal(a.QueueId, b.QueueId));

        var money = new CapacityCost(existingPay, newPay, hiring, training, overtimeCost, layoffs, shortPenalty);
        var value = solver.Objective().Value();
        var bound = solver.Objective().BestBound();
        var gap = Math.Abs(value - bound) / Math.Max(Math.Abs(value), 1e-9);
        var name = status == Solver.ResultStatus.OPTIMAL ? gap <= 1e-6 ? "optimal" : "within-gap" : "feasible";
        return new HiringPlan(name, gap, value, bound, took, money, hired, groupWeeks, queueWeeks, shortWeeks);
    }

    private static DateOnly WeekAt(CapacityProblem problem, int week) =>
        week < problem.Weeks.Count ? problem.Weeks[week] : problem.Weeks[^1].AddDays(7 * (week - problem.Weeks.Count + 1));

    /// <summary>Why a week stays short, in the planner's words: the first limit that explains it.</summary>
    private static (string Why, string Reason, string Detail) Why(CapacityProblem problem, string queueId, int week, List<HiringClass> hired, double[] spend)
    {
        var rules = problem.Rules;
        var hirable = problem.Groups.Where(g => g.Queues.Contains(queueId) && g.Hiring is not null).ToList();
        if (hirable.Count == 0)
        {
            return ("no group that takes this queue can be hired into", "no-hiring", string.Empty);
        }

        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var soonest = hirable.Min(g => g.Hiring!.ClassroomWeeks);
        if (week < rules.LeadTimeWeeks + soonest)
        {
            var until = Day(WeekAt(problem, rules.LeadTimeWeeks + soonest));
            return ($"too soon: a class started at the earliest ({rules.LeadTimeWeeks} week(s) of lead time) is in the classroom until {until}", "too-soon", until);
        }

        var fullSoonest = hirable.Min(g => g.Hiring!.WeeksToFull);
        if (week < rules.LeadTimeWeeks + fullSoonest)
        {
            var until = Day(WeekAt(problem, rules.LeadTimeWeeks + fullSoonest));
            return ($"the earliest classes are still nesting, not yet at full productivity, until {until}", "nesting", until);
        }

        if (rules.TotalBudget is { } total)
        {
            var money = total.ToString("0", CultureInfo.InvariantCulture);
            return ($"the total budget ({money}) is spent", "total-budget", money);
        }

        // The weeks a class would have had to start in to help this week.
        var latest = week - soonest;
        var starts = Enumerable.Range(Math.Max(rules.LeadTimeWeeks, latest - 3), Math.Max(0, latest - Math.Max(rules.LeadTimeWeeks, latest - 3) + 1)).ToList();
        if (rules.BudgetPerQuarter is { } budget && starts.Any(t => spend.Skip(t / 13 * 13).Take(13).Sum() >= budget * 0.99))
        {
            var money = budget.ToString("0", CultureInfo.InvariantCulture);
            return ($"the budget per quarter ({money}) is spent", "quarter-budget", money);
        }

        int Classroom(string group) => problem.Groups.First(g => g.Id == group).Hiring?.ClassroomWeeks ?? 0;
        if (rules.Trainers is { } trainers && starts.Any(t => hired.Count(c => c.StartWeek <= t && t < c.StartWeek + Classroom(c.GroupId)) >= trainers))
        {
            return ($"all {trainers} trainer(s) are busy with other classes when one would have to start", "trainers", trainers.ToString(CultureInfo.InvariantCulture));
        }

        if (starts.Count > 0 && starts.All(t => hired.Any(c => c.StartWeek == t && c.Size >= problem.Groups.First(g => g.Id == c.GroupId).Hiring!.MaxClassSize)))
        {
            return ("the classes that could help are at their largest size", "max-size", string.Empty);
        }

        if (week >= problem.Weeks.Count - fullSoonest - 4)
        {
            return ("near the plan's end: a class would be paid for more weeks than it works within the plan", "plan-end", string.Empty);
        }

        var penalty = rules.ShortPenaltyPerFteWeek.ToString("0", CultureInfo.InvariantCulture);
        return ($"cheaper to stay short: an FTE-week short is priced at {penalty}, less than a hire costs for the weeks it would fill", "cheaper", penalty);
    }

    private static void Validate(CapacityProblem problem)
    {
        var weeks = problem.Weeks.Count;
        if (weeks is < 1 or > 156)
        {
            throw new ArgumentException($"weeks: plan 1 to 156 weeks, got {weeks}", nameof(problem));
        }

        foreach (var q in problem.Queues)
        {
            if (q.RequiredFte.Count != weeks || q.RequiredFte.Any(r => !(r >= 0) || !double.IsFinite(r)))
            {
                throw new ArgumentException($"queues[{q.QueueId}]: one required FTE (0 or more) per week is needed", nameof(problem));
            }
        }

        foreach (var g in problem.Groups)
        {
            if (g.Survival.Count < weeks || g.NewHireSurvival.Count < weeks || (g.FteChange is { } c && c.Count < weeks))
            {
                throw new ArgumentException($"groups[{g.Id}]: survival, new-hire survival and FTE changes need a figure per week", nameof(problem));
            }

            if (!(g.FtePerHead > 0) || g.Heads < 0 || g.WeeklyCostPerHead < 0)
            {
                throw new ArgumentException($"groups[{g.Id}]: FTE per head must be above 0, heads and cost 0 or more", nameof(problem));
            }

            if (g.Hiring is { } h && (h.MinClassSize < 0 || h.MaxClassSize < Math.Max(1, h.MinClassSize) || h.ClassroomWeeks < 0 || h.Ramp.Any(r => r is < 0 or > 1)))
            {
                throw new ArgumentException($"groups[{g.Id}].hiring: class sizes 0 ≤ min ≤ max (max 1 or more), classroom weeks 0 or more, ramp shares 0 to 1", nameof(problem));
            }
        }
    }
}
