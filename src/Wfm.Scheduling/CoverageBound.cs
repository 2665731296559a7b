using Google.OrTools.LinearSolver;

namespace Wfm.Scheduling;

/// <summary>
/// The linear relaxation of covering the requirement with shifts and their breaks (GLOP): fractional
/// numbers of each shift and of each break start, who the agents are ignored. No schedule covers the same
/// demand with fewer paid hours, so it bounds how far a schedule can be from the best.
/// </summary>
public static class CoverageBound
{
    /// <summary>Least paid hours under the agents' weekly hours and days in aggregate; intervals no shift can reach are left out.</summary>
    public static double PaidHours(ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions) => Solve(problem, shiftOptions).PaidHours;

    /// <summary>
    /// Least paid hours that cover the whole demand with these shifts and breaks, whoever the agents are: what the
    /// demand needs. Below it a schedule is short of demand; above it, the excess is over-cover or contracts' minimums.
    /// </summary>
    public static double DemandPaidHours(ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions) => Solve(problem, shiftOptions, withContracts: false).PaidHours;

    /// <summary>
    /// The relaxation's paid hours and its fractional shift counts and break starts (a starting point for the integer
    /// model); without <paramref name="withContracts"/> the agents' weekly hours and days do not limit it.
    /// </summary>
    public static (double PaidHours, Dictionary<(string Skill, int Option), double> Shifts, Dictionary<(string Skill, int Option, int Rule), double[]> Breaks) Solve(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, bool withContracts = true)
    {
        var shiftVars = new Dictionary<(string, int), Variable>();
        var breakVars = new Dictionary<(string, int, int), Variable[]>();
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("the GLOP linear solver is not available");
        var objective = solver.Objective();
        var used = new List<(Variable Var, double Hours, int Day)>();
        foreach (var requirement in problem.Requirements)
        {
            var rows = new Constraint?[problem.Slots];
            for (var t = 0; t < problem.Slots; t++)
            {
                if (requirement.Agents[t] > 0)
                {
                    rows[t] = solver.MakeConstraint(requirement.Agents[t], double.PositiveInfinity);
                    var under = solver.MakeNumVar(0, double.PositiveInfinity, string.Empty);
                    rows[t]!.SetCoefficient(under, 1);
                    objective.SetCoefficient(under, 1000);
                }
            }

            foreach (var o in shiftOptions)
            {
                if (!ShiftScheduler.Reaches(requirement, o, problem))
                {
                    continue;
                }

                var y = solver.MakeNumVar(0, double.PositiveInfinity, string.Empty);
                shiftVars[(requirement.Skill, o.Index)] = y;
                objective.SetCoefficient(y, o.PaidHours);
                used.Add((y, o.PaidHours, o.Day));
                for (var s = 0; s < o.LengthSlots && o.StartSlot + s < problem.Slots; s++)
                {
                    rows[o.StartSlot + s]?.SetCoefficient(y, 1);
                }

                foreach (var window in o.BreakWindows)
                {
                    var take = solver.MakeConstraint(0, 0);
                    take.SetCoefficient(y, -1);
                    var starts = new List<Variable>();
                    breakVars[(requirement.Skill, o.Index, window.Rule)] = [];
                    foreach (var c in window.Starts)
                    {
                        var b = solver.MakeNumVar(0, double.PositiveInfinity, string.Empty);
                        starts.Add(b);
                        take.SetCoefficient(b, 1);
                        for (var s = c; s < c + window.LengthSlots && o.StartSlot + s < problem.Slots; s++)
                        {
                            rows[o.StartSlot + s]?.SetCoefficient(b, -1);
                        }
                    }

                    breakVars[(requirement.Skill, o.Index, window.Rule)] = [.. starts];
                }
            }
        }

        // The contracts bind every schedule too: weekly hours between the agents' minimum and maximum, and days.
        foreach (var (from, days) in withContracts ? ShiftScheduler.Weeks(problem) : [])
        {
            var share = days / 7.0;
            var hours = solver.MakeConstraint(problem.Agents.Sum(a => a.Contract.MinHoursPerWeek * share), problem.Agents.Sum(a => a.Contract.MaxHoursPerWeek * share));
            var shifts = solver.MakeConstraint(0, problem.Agents.Sum(a => Math.Min(a.Contract.MaxDaysPerWeek, days)));
            foreach (var (y, paid, day) in used.Where(u => u.Day >= from && u.Day < from + days))
            {
                hours.SetCoefficient(y, paid);
                shifts.SetCoefficient(y, 1);
            }
        }

        objective.SetMinimization();
        var status = solver.Solve();
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            return (0, [], []);
        }

        return (
            used.Sum(u => u.Var.SolutionValue() * u.Hours),
            shiftVars.ToDictionary(p => p.Key, p => p.Value.SolutionValue()),
            breakVars.ToDictionary(p => p.Key, p => p.Value.Select(v => v.SolutionValue()).ToArray()));
    }
}
