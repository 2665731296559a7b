using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Google.OrTools.Sat;

namespace Wfm.Scheduling;

/// <summary>
/// Builds a schedule in three steps. (1) How many of each shift, per skill: a CP-SAT model covers the
/// requirement with shift counts (breaks as an expected absence over their windows), limited by how
/// many agents can work each day, their weekly hours and days. (2) Who works which shift: a CP-SAT
/// model assigns agents to those shifts under their contracts (hours, days, consecutive days, rest),
/// availability and time off, and trades the count targets against preferences, stable start times,
/// paired days off and an even spread of weekends, early and late shifts. (3) Breaks go where coverage
/// can best afford them. A linear relaxation (GLOP) gives a lower bound on paid hours. Nothing here is
/// silent: what stays unmet is listed with the reason the rules give.
/// </summary>
public static class ShiftScheduler
{
    private const int Scale = 100; // objective weights carry two decimals

    /// <summary>
    /// Builds the schedule. <paramref name="cancellationToken"/> stops the solver early (a planner left,
    /// the server is stopping): the best schedule found so far is still reviewed and returned.
    /// </summary>
    public static ScheduleResult Solve(ScheduleProblem problem, SchedulerOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        problem.Validate();
        options ??= new SchedulerOptions();
        var clock = Stopwatch.StartNew();
        var shiftOptions = ShiftOption.Enumerate(problem);
        var able = problem.Agents.ToDictionary(a => a.Id, a => shiftOptions.Select(o => CanWork(problem, a, o)).ToArray());
        progress?.Report($"{shiftOptions.Count} shift options, {problem.Agents.Count} agents: lower bound");
        var relaxation = CoverageBound.Solve(problem, shiftOptions);
        var bound = relaxation.PaidHours;
        var demandBound = CoverageBound.DemandPaidHours(problem, shiftOptions);
        progress?.Report($"lower bound {bound:0.#} paid hours ({demandBound:0.#} to cover the whole demand); shift counts");
        var classOf = options.SplitByContract ? ContractClasses(problem) : new int[problem.Agents.Count];
        var deadline = new Deadline(clock, options.TimeLimitSeconds);
        var (counts, breakCounts, countStatus) = ShiftCounts(problem, shiftOptions, able, options, deadline, classOf, relaxation.Shifts, relaxation.Breaks, cancellationToken);
        progress?.Report($"shift counts {countStatus}: {counts.Values.Sum()} shifts, {counts.Sum(p => p.Value * shiftOptions[p.Key.Option].PaidHours):0.#} paid hours; assigning agents");
        var (assigned, assignStatus) = Assign(problem, shiftOptions, able, counts, classOf, options, deadline, cancellationToken);
        progress?.Report($"assignment {assignStatus}: {assigned.Count} of {counts.Values.Sum()} shifts staffed; placing breaks");
        var placed = BreakPlacer.Place(problem, assigned, breakCounts);
        // Guaranteed hours first (they are paid anyway, so they go where the need is), then the gaps left.
        progress?.Report("topping up guaranteed hours");
        // The finishing steps stop a few seconds past the limit at most (a tenth of it, at least two), or when the caller leaves.
        bool Late() => cancellationToken.IsCancellationRequested || clock.Elapsed.TotalSeconds > options.TimeLimitSeconds + Math.Max(2, options.TimeLimitSeconds * 0.1);
        var toppedUp = ScheduleRepair.TopUp(problem, shiftOptions, placed, Late);
        progress?.Report("closing gaps");
        var shifts = ScheduleRepair.Repair(problem, shiftOptions, toppedUp, Late);
        clock.Stop();
        return Evaluate(problem, shiftOptions, able, shifts, (bound, demandBound), $"counts {countStatus}, assignment {assignStatus}", clock.Elapsed.TotalSeconds);
    }

    /// <summary>True when the agent may work the shift: not on time off that day, and inside an availability window.</summary>
    internal static bool CanWork(ScheduleProblem problem, ScheduleAgent agent, ShiftOption option)
    {
        var date = problem.Start.AddDays(option.Day);
        if (agent.TimeOff is { } off && off.Any(t => date >= t.From && date <= t.To))
        {
            return false;
        }

        if (agent.Availability is not { Count: > 0 } windows)
        {
            return true;
        }

        var weekday = date.DayOfWeek;
        return windows.Any(w => w.Day == weekday && option.StartMinute >= w.From.TotalMinutes && option.StartMinute + option.LengthMinutes <= w.To.TotalMinutes);
    }

    /// <summary>
    /// How many of each shift per skill and, for each, how many take each break at each start: the
    /// coverage is exact in whole agents. Limited by how many agents can work each day (per skill and in
    /// all), their weekly days and hours.
    /// </summary>
    private static (Dictionary<(int Class, string Skill, int Option), int> Counts, Dictionary<(string Skill, int Option, int Rule), int[]> Breaks, string Status) ShiftCounts(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<string, bool[]> able, SchedulerOptions options, Deadline deadline, int[] classOf,
        Dictionary<(string Skill, int Option), double> relaxedShifts, Dictionary<(string Skill, int Option, int Rule), double[]> relaxedBreaks, CancellationToken cancellationToken)
    {
        var classes = classOf.Distinct().Order().ToArray();
        var model = new CpModel();
        var w = problem.EffectiveWeights;
        var n = new Dictionary<(string, int), IntVar>();
        var supplyOf = new Dictionary<(string Skill, int Option), int>();
        var b = new Dictionary<(string, int, int), IntVar[]>();
        var objective = new List<(IntVar Var, long Coefficient)>();
        foreach (var requirement in problem.Requirements)
        {
            var skill = requirement.Skill;
            var coverage = Enumerable.Range(0, problem.Slots).Select(_ => new List<(IntVar, long)>()).ToArray();
            foreach (var o in shiftOptions)
            {
                var supply = problem.Agents.Count(a => a.Skills.ContainsKey(skill) && able[a.Id][o.Index]);
                if (supply == 0 || !Reaches(requirement, o, problem))
                {
                    continue;
                }

                var v = model.NewIntVar(0, supply, string.Empty);
                n[(skill, o.Index)] = v;
                supplyOf[(skill, o.Index)] = supply;
                objective.Add((v, (long)Math.Round(w.PerPaidHour * o.PaidHours * Scale)));
                for (var s = 0; s < o.LengthSlots && o.StartSlot + s < problem.Slots; s++)
                {
                    coverage[o.StartSlot + s].Add((v, 1));
                }

                foreach (var window in o.BreakWindows)
                {
                    var starts = window.Starts.Select(_ => model.NewIntVar(0, supply, string.Empty)).ToArray();
                    model.Add(LinearExpr.Sum(starts) == v);
                    b[(skill, o.Index, window.Rule)] = starts;
                    for (var c = 0; c < starts.Length; c++)
                    {
                        for (var s = window.Starts[c]; s < window.Starts[c] + window.LengthSlots && o.StartSlot + s < problem.Slots; s++)
                        {
                            coverage[o.StartSlot + s].Add((starts[c], -1));
                        }
                    }
                }
            }

            for (var t = 0; t < problem.Slots; t++)
            {
                var required = (long)Math.Ceiling(requirement.Agents[t] - 1e-9);
                if (required == 0 && coverage[t].Count == 0)
                {
                    continue;
                }

                var under = model.NewIntVar(0, required, string.Empty);
                var over = model.NewIntVar(0, problem.Agents.Count, string.Empty);
                model.Add(LinearExpr.WeightedSum(coverage[t].Select(c => c.Item1), coverage[t].Select(c => c.Item2)) + under - over == required);
                objective.Add((under, (long)Math.Round(w.UnderPerAgentInterval * Scale)));
                objective.Add((over, (long)Math.Round(w.OverPerAgentInterval * Scale)));
            }
        }

        // Who works them: each shift is split over contract classes (agents with the same weekly hours and
        // days), so every class gets shifts its contracts can fill — full-timers the long ones, say.
        var m = new Dictionary<(int, string, int), IntVar>();
        foreach (var ((skill, o), v) in n)
        {
            var parts = new List<IntVar>();
            foreach (var c in classes)
            {
                var supply = problem.Agents.Where((a, i) => classOf[i] == c).Count(a => a.Skills.ContainsKey(skill) && able[a.Id][o]);
                if (supply > 0)
                {
                    var part = model.NewIntVar(0, supply, string.Empty);
                    m[(c, skill, o)] = part;
                    parts.Add(part);
                }
            }

            model.Add(LinearExpr.Sum(parts) == v);
        }

        // What the agents can supply: one shift a day each, weekly days and hours, per class and in all.
        for (var day = 0; day < problem.Days; day++)
        {
            var todayOptions = shiftOptions.Where(o => o.Day == day).ToArray();
            var today = n.Where(p => shiftOptions[p.Key.Item2].Day == day).Select(p => p.Value).ToArray();
            var agentsToday = problem.Agents.Count(a => todayOptions.Any(o => able[a.Id][o.Index]));
            if (today.Length > 0)
            {
                model.Add(LinearExpr.Sum(today) <= agentsToday);
            }

            foreach (var c in classes)
            {
                var classToday = m.Where(p => p.Key.Item1 == c && shiftOptions[p.Key.Item3].Day == day).Select(p => p.Value).ToArray();
                var classAgents = problem.Agents.Where((a, i) => classOf[i] == c).Count(a => todayOptions.Any(o => able[a.Id][o.Index]));
                if (classToday.Length > 0)
                {
                    model.Add(LinearExpr.Sum(classToday) <= classAgents);
                }
            }

            foreach (var requirement in problem.Requirements)
            {
                var skillToday = n.Where(p => p.Key.Item1 == requirement.Skill && shiftOptions[p.Key.Item2].Day == day).Select(p => p.Value).ToArray();
                var withSkill = problem.Agents.Count(a => a.Skills.ContainsKey(requirement.Skill) && todayOptions.Any(o => able[a.Id][o.Index]));
                if (skillToday.Length > 0)
                {
                    model.Add(LinearExpr.Sum(skillToday) <= withSkill);
                }
            }
        }

        foreach (var (from, days) in Weeks(problem))
        {
            var share = days / 7.0;
            foreach (var c in classes)
            {
                var members = problem.Agents.Where((a, i) => classOf[i] == c).ToArray();
                var week = m.Where(p => p.Key.Item1 == c && shiftOptions[p.Key.Item3].Day >= from && shiftOptions[p.Key.Item3].Day < from + days).ToArray();
                if (week.Length == 0)
                {
                    continue;
                }

                model.Add(LinearExpr.Sum(week.Select(p => p.Value)) <= members.Sum(a => Math.Min(a.Contract.MaxDaysPerWeek, days)));
                var paidMinutes = LinearExpr.WeightedSum(week.Select(p => p.Value), week.Select(p => (long)Math.Round(shiftOptions[p.Key.Item3].PaidHours * 60)));
                model.Add(paidMinutes <= (long)members.Sum(a => a.Contract.MaxHoursPerWeek * 60 * share));

                // Contracts guarantee hours: the shifts that pay them are placed where they help most.
                var guaranteed = (long)Math.Ceiling(members.Sum(a => a.Contract.MinHoursPerWeek * 60 * share));
                if (guaranteed > 0)
                {
                    var missing = model.NewIntVar(0, guaranteed, string.Empty);
                    model.Add(paidMinutes + missing >= guaranteed);
                    objective.Add((missing, (long)Math.Round(w.UnderPerAgentInterval * Scale / 60 / 4)));
                }
            }
        }

        // Agents shared between skills count once: for every group of skills, the shifts of the group on a day, in a week
        // and their paid hours stay within what the agents holding any of those skills can give (a shift no agent is left
        // for would stay unstaffed at assignment, leaving its intervals short).
        // Long shifts run out before days do: an agent can take at most as many shifts of a paid length as their weekly
        // hours hold (a part-timer of 30 h three 8-hour shifts), counted over all skills, each skill and each group.
        var lengths = shiftOptions.Select(o => o.PaidHours).Where(h => h > 0).Distinct().Order().ToArray();
        var allSkills = problem.Requirements.Select(r => r.Skill).Distinct().ToArray();
        foreach (var group in SkillGroups(problem).Concat(allSkills.Select(k => new[] { k })).Append(allSkills))
        {
            var holders = problem.Agents.Where(a => group.Any(a.Skills.ContainsKey)).ToArray();
            var inGroup = n.Where(p => group.Contains(p.Key.Item1)).ToArray();
            foreach (var (from, days) in Weeks(problem))
            {
                foreach (var length in lengths)
                {
                    var week = inGroup.Where(p => shiftOptions[p.Key.Item2].Day >= from && shiftOptions[p.Key.Item2].Day < from + days && shiftOptions[p.Key.Item2].PaidHours >= length - 1e-9).ToArray();
                    var most = holders.Sum(a => Math.Min(Math.Min(a.Contract.MaxDaysPerWeek, days), (int)Math.Floor((a.Contract.MaxHoursPerWeek * days / 7.0 / length) + 1e-9)));
                    if (week.Length > 0 && most < week.Sum(p => supplyOf[p.Key]))
                    {
                        model.Add(LinearExpr.Sum(week.Select(p => p.Value)) <= most);
                    }
                }
            }
        }

        foreach (var group in SkillGroups(problem))
        {
            var holders = problem.Agents.Where(a => group.Any(a.Skills.ContainsKey)).ToArray();
            var inGroup = n.Where(p => group.Contains(p.Key.Item1)).ToArray();
            for (var day = 0; day < problem.Days; day++)
            {
                var today = inGroup.Where(p => shiftOptions[p.Key.Item2].Day == day).Select(p => p.Value).ToArray();
                if (today.Length > 0)
                {
                    var todayOptions = shiftOptions.Where(o => o.Day == day).ToArray();
                    model.Add(LinearExpr.Sum(today) <= holders.Count(a => todayOptions.Any(o => able[a.Id][o.Index])));
                }
            }

            foreach (var (from, days) in Weeks(problem))
            {
                var week = inGroup.Where(p => shiftOptions[p.Key.Item2].Day >= from && shiftOptions[p.Key.Item2].Day < from + days).ToArray();
                if (week.Length > 0)
                {
                    model.Add(LinearExpr.Sum(week.Select(p => p.Value)) <= holders.Sum(a => Math.Min(a.Contract.MaxDaysPerWeek, days)));
                    model.Add(LinearExpr.WeightedSum(week.Select(p => p.Value), week.Select(p => (long)Math.Round(shiftOptions[p.Key.Item2].PaidHours * 60)))
                        <= (long)holders.Sum(a => a.Contract.MaxHoursPerWeek * 60 * days / 7.0));
                }
            }
        }

        // Start from a fast cover (the relaxation rounded down, completed greedily) — and keep it if the
        // search does not beat it in the time.
        var cover = CountHeuristic.Cover(problem, shiftOptions, supplyOf, relaxedShifts, relaxedBreaks);
        foreach (var (key, v) in n)
        {
            var count = cover.Counts.GetValueOrDefault(key);
            model.AddHint(v, count);
            foreach (var window in shiftOptions[key.Item2].BreakWindows)
            {
                if (b.TryGetValue((key.Item1, key.Item2, window.Rule), out var starts))
                {
                    var taken = cover.Breaks.GetValueOrDefault((key.Item1, key.Item2, window.Rule)) ?? new int[starts.Length];
                    for (var c = 0; c < starts.Length; c++)
                    {
                        model.AddHint(starts[c], count > 0 ? taken[c] : 0);
                    }
                }
            }

            var parts = classes.Where(c => m.ContainsKey((c, key.Item1, key.Item2))).ToArray();
            var split = Apportion(parts.Select(c => (double)m[(c, key.Item1, key.Item2)].Proto.Domain[^1]).ToArray(), count);
            for (var i = 0; i < parts.Length; i++)
            {
                model.AddHint(m[(parts[i], key.Item1, key.Item2)], split[i]);
            }
        }

        model.Minimize(LinearExpr.WeightedSum(objective.Select(o => o.Var), objective.Select(o => o.Coefficient)));
        var solver = NewSolver(options, deadline.Budget(0.3));
        var status = Run(solver, model, cancellationToken);
        var counts = new Dictionary<(int, string, int), int>();
        var breaks = new Dictionary<(string, int, int), int[]>();
        var coverCost = CoverCost(problem, shiftOptions, cover.Counts, cover.Breaks);
        if (classes.Length == 1 && (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible) || coverCost < solver.ObjectiveValue - 1e-6))
        {
            foreach (var (key, count) in cover.Counts.Where(p => p.Value > 0))
            {
                counts[(classes[0], key.Skill, key.Option)] = count;
            }

            foreach (var (key, taken) in cover.Breaks.Where(p => cover.Counts.GetValueOrDefault((p.Key.Skill, p.Key.Option)) > 0))
            {
                breaks[key] = taken;
            }

            return (counts, breaks, $"{status.ToString().ToLowerInvariant()} (greedy cover kept)");
        }

        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
        {
            foreach (var (key, v) in m)
            {
                var value = (int)solver.Value(v);
                if (value > 0)
                {
                    counts[key] = value;
                }
            }

            foreach (var (key, starts) in b)
            {
                if (solver.Value(n[(key.Item1, key.Item2)]) > 0)
                {
                    breaks[key] = starts.Select(v => (int)solver.Value(v)).ToArray();
                }
            }
        }
        else
        {
            // No integer solution within the time: the relaxation rounded down; the repair closes what it leaves.
            foreach (var (key, value) in relaxedShifts)
            {
                var count = (long)Math.Floor(value + 1e-6);
                if (count <= 0 || !n.ContainsKey(key))
                {
                    continue;
                }

                // Split over the classes in proportion to their supply.
                var parts = classes.Where(c => m.ContainsKey((c, key.Skill, key.Option))).ToArray();
                var split = Apportion(parts.Select(c => (double)m[(c, key.Skill, key.Option)].Proto.Domain[^1]).ToArray(), count);
                for (var i = 0; i < parts.Length; i++)
                {
                    if (split[i] > 0)
                    {
                        counts[(parts[i], key.Skill, key.Option)] = (int)split[i];
                    }
                }

                foreach (var window in shiftOptions[key.Option].BreakWindows)
                {
                    if (relaxedBreaks.TryGetValue((key.Skill, key.Option, window.Rule), out var share))
                    {
                        breaks[(key.Skill, key.Option, window.Rule)] = Apportion(share, count).Select(v => (int)v).ToArray();
                    }
                }
            }

            return (counts, breaks, $"{status.ToString().ToLowerInvariant()} (relaxation rounded down)");
        }

        return (counts, breaks, status.ToString().ToLowerInvariant());
    }

    /// <summary>The shift-count model's objective for a cover: short and surplus agent-intervals, paid hours, guaranteed hours unused.</summary>
    private static double CoverCost(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<(string Skill, int Option), int> counts, Dictionary<(string Skill, int Option, int Rule), int[]> breaks)
    {
        var w = problem.EffectiveWeights;
        var cost = 0.0;
        foreach (var requirement in problem.Requirements)
        {
            var coverage = new double[problem.Slots];
            foreach (var ((skill, o), count) in counts.Where(p => p.Key.Skill == requirement.Skill))
            {
                var option = shiftOptions[o];
                for (var s = 0; s < option.LengthSlots && option.StartSlot + s < problem.Slots; s++)
                {
                    coverage[option.StartSlot + s] += count;
                }

                foreach (var window in option.BreakWindows)
                {
                    var taken = breaks.GetValueOrDefault((skill, o, window.Rule)) ?? [];
                    for (var c = 0; c < taken.Length; c++)
                    {
                        for (var s = window.Starts[c]; s < window.Starts[c] + window.LengthSlots && option.StartSlot + s < problem.Slots; s++)
                        {
                            coverage[option.StartSlot + s] -= taken[c];
                        }
                    }
                }
            }

            for (var t = 0; t < problem.Slots; t++)
            {
                var required = Math.Ceiling(requirement.Agents[t] - 1e-9);
                cost += Math.Round(w.UnderPerAgentInterval * Scale) * Math.Max(0, required - coverage[t]);
                cost += Math.Round(w.OverPerAgentInterval * Scale) * Math.Max(0, coverage[t] - required);
            }
        }

        foreach (var (from, days) in Weeks(problem))
        {
            var paid = counts.Where(p => shiftOptions[p.Key.Option].Day >= from && shiftOptions[p.Key.Option].Day < from + days).Sum(p => p.Value * Math.Round(shiftOptions[p.Key.Option].PaidHours * 60));
            cost += counts.Where(p => shiftOptions[p.Key.Option].Day >= from && shiftOptions[p.Key.Option].Day < from + days).Sum(p => p.Value * Math.Round(w.PerPaidHour * shiftOptions[p.Key.Option].PaidHours * Scale));
            var guaranteed = Math.Ceiling(problem.Agents.Sum(a => a.Contract.MinHoursPerWeek * 60 * days / 7.0));
            cost += Math.Max(0, guaranteed - paid) * Math.Round(w.UnderPerAgentInterval * Scale / 60 / 4);
        }

        return cost;
    }

    /// <summary>Agents grouped by contract (weekly minimum and maximum hours, days): the class index of each agent.</summary>
    private static int[] ContractClasses(ScheduleProblem problem)
    {
        var keys = problem.Agents.Select(a => (a.Contract.MinHoursPerWeek, a.Contract.MaxHoursPerWeek, a.Contract.MaxDaysPerWeek)).Distinct().ToList();
        return problem.Agents.Select(a => keys.IndexOf((a.Contract.MinHoursPerWeek, a.Contract.MaxHoursPerWeek, a.Contract.MaxDaysPerWeek))).ToArray();
    }

    /// <summary>Whole numbers in proportion to <paramref name="shares"/> that add up to <paramref name="total"/> (largest remainder).</summary>
    internal static long[] Apportion(double[] shares, long total)
    {
        var sum = shares.Sum();
        var scaled = shares.Select(x => sum > 0 ? x / sum * total : (double)total / shares.Length).ToArray();
        var whole = scaled.Select(x => (long)Math.Floor(x)).ToArray();
        var left = total - whole.Sum();
        foreach (var i in Enumerable.Range(0, whole.Length).OrderByDescending(i => scaled[i] - whole[i]).Take((int)left))
        {
            whole[i]++;
        }

        return whole;
    }

    /// <summary>True when the shift covers at least one interval where the skill is needed.</summary>
    internal static bool Reaches(SkillRequirement requirement, ShiftOption o, ScheduleProblem problem)
    {
        for (var s = 0; s < o.LengthSlots && o.StartSlot + s < problem.Slots; s++)
        {
            if (requirement.Agents[o.StartSlot + s] > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Blocks of seven days from the horizon's start (the last may be shorter).</summary>
    /// <summary>
    /// Groups of two or more skills whose supply must be counted together: every combination when there are a few skills
    /// (up to 6), else every pair of skills that share an agent (single skills are limited where the counts are made).
    /// </summary>
    internal static IEnumerable<string[]> SkillGroups(ScheduleProblem problem)
    {
        var skills = problem.Requirements.Select(r => r.Skill).Distinct().ToArray();
        if (skills.Length <= 6)
        {
            for (var mask = 1; mask < 1 << skills.Length; mask++)
            {
                if (BitOperations.PopCount((uint)mask) >= 2)
                {
                    yield return [.. skills.Where((_, i) => (mask & (1 << i)) != 0)];
                }
            }

            yield break;
        }

        for (var i = 0; i < skills.Length; i++)
        {
            for (var j = i + 1; j < skills.Length; j++)
            {
                if (problem.Agents.Any(a => a.Skills.ContainsKey(skills[i]) && a.Skills.ContainsKey(skills[j])))
                {
                    yield return [skills[i], skills[j]];
                }
            }
        }
    }

    internal static IEnumerable<(int From, int Days)> Weeks(ScheduleProblem problem)
    {
        for (var from = 0; from < problem.Days; from += 7)
        {
            yield return (from, Math.Min(7, problem.Days - from));
        }
    }

    /// <summary>Who works which counted shift, under contracts and rules, with what agents care about.</summary>
    private static (List<(ScheduleAgent Agent, string Skill, ShiftOption Option)> Assigned, string Status) Assign(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<string, bool[]> able,
        Dictionary<(int Class, string Skill, int Option), int> counts, int[] classOf, SchedulerOptions options, Deadline deadline, CancellationToken cancellationToken)
    {
        var model = new CpModel();
        var w = problem.EffectiveWeights;
        var terms = new List<(IntVar Var, long Coefficient)>(); // coverage, pay and contracts
        var soft = new List<(IntVar Var, long Coefficient)>(); // what agents care about
        var x = new Dictionary<(int Agent, string Skill, int Option), BoolVar>();
        var greedy = Greedy(problem, shiftOptions, able, counts, classOf);
        var byAgentDay = new List<BoolVar>[problem.Agents.Count, problem.Days];
        for (var i = 0; i < problem.Agents.Count; i++)
        {
            for (var d = 0; d < problem.Days; d++)
            {
                byAgentDay[i, d] = [];
            }
        }

        for (var i = 0; i < problem.Agents.Count; i++)
        {
            var agent = problem.Agents[i];
            foreach (var ((c, skill, o), _) in counts)
            {
                if (c != classOf[i] || !agent.Skills.TryGetValue(skill, out var proficiency) || !able[agent.Id][o])
                {
                    continue;
                }

                var v = model.NewBoolVar(string.Empty);
                x[(i, skill, o)] = v;
                byAgentDay[i, shiftOptions[o].Day].Add(v);
                var option = shiftOptions[o];
                terms.Add((v, (long)Math.Round((w.PerPaidHour * option.PaidHours * Scale) - (5 * proficiency))));
                var wish = 0.0;
                if (agent.Preferences?.PreferredStart is { } preferred)
                {
                    wish += w.Preference * Math.Abs(option.StartMinute - preferred.TotalMinutes) / 60.0 * 10;
                }

                if (agent.Preferences?.PreferredDaysOff is { } daysOff && daysOff.Contains(problem.Start.AddDays(option.Day).DayOfWeek))
                {
                    wish += w.Preference * 20;
                }

                if (wish > 0)
                {
                    soft.Add((v, (long)Math.Round(wish)));
                }
            }
        }

        // Match the counted shifts; a missing shift loses its coverage, a surplus one is over-coverage.
        foreach (var ((c, skill, o), count) in counts)
        {
            var assigned = x.Where(p => classOf[p.Key.Agent] == c && p.Key.Skill == skill && p.Key.Option == o).Select(p => (IntVar)p.Value).ToArray();
            var shortBy = model.NewIntVar(0, count, string.Empty);
            var excess = model.NewIntVar(0, Math.Max(0, assigned.Length - count), string.Empty);
            model.Add(LinearExpr.Sum(assigned) + shortBy - excess == count);
            var coverage = shiftOptions[o].WorkingSlots;
            terms.Add((shortBy, (long)Math.Round(w.UnderPerAgentInterval * coverage * Scale / 10)));
            terms.Add((excess, (long)Math.Round(w.OverPerAgentInterval * coverage * Scale / 10)));
        }

        var works = new IntVar?[problem.Agents.Count, problem.Days];
        var weekend = new List<IntVar>();
        var early = new List<IntVar>();
        var late = new List<IntVar>();
        for (var i = 0; i < problem.Agents.Count; i++)
        {
            var agent = problem.Agents[i];
            var c = agent.Contract;
            for (var d = 0; d < problem.Days; d++)
            {
                if (byAgentDay[i, d].Count > 0)
                {
                    var day = model.NewBoolVar(string.Empty);
                    model.Add(LinearExpr.Sum(byAgentDay[i, d]) == day);
                    works[i, d] = day;
                }
            }

            IntVar Works(int d) => d >= 0 && d < problem.Days && works[i, d] is { } v ? v : model.NewConstant(0);

            // Rest between shifts: a shift rules out next-day shifts that start too soon after it ends.
            var mine = x.Where(p => p.Key.Agent == i).ToArray();
            foreach (var group in mine.GroupBy(p => p.Key.Option))
            {
                var option = shiftOptions[group.Key];
                var earliestNext = option.EndMinuteOfHorizon + (c.MinRestHours * 60);
                var clash = mine.Where(p => shiftOptions[p.Key.Option].Day == option.Day + 1 && shiftOptions[p.Key.Option].StartMinuteOfHorizon < earliestNext)
                    .Select(p => (IntVar)p.Value).ToArray();
                if (clash.Length > 0)
                {
                    model.Add(LinearExpr.Sum(group.Select(p => (IntVar)p.Value)) + LinearExpr.Sum(clash) <= 1);
                }
            }

            foreach (var (from, days) in Weeks(problem))
            {
                var share = days / 7.0;
                var week = mine.Where(p => shiftOptions[p.Key.Option].Day >= from && shiftOptions[p.Key.Option].Day < from + days).ToArray();
                var minutes = LinearExpr.WeightedSum(week.Select(p => (IntVar)p.Value), week.Select(p => (long)Math.Round(shiftOptions[p.Key.Option].PaidHours * 60)));
                model.Add(minutes <= (long)Math.Floor(c.MaxHoursPerWeek * 60 * share));
                model.Add(LinearExpr.Sum(Enumerable.Range(from, days).Select(Works)) <= Math.Min(c.MaxDaysPerWeek, days));
                var minimum = (long)Math.Ceiling(c.MinHoursPerWeek * 60 * share);
                if (minimum > 0)
                {
                    var missing = model.NewIntVar(0, minimum, string.Empty);
                    model.Add(minutes + missing >= minimum);
                    terms.Add((missing, (long)Math.Round(w.UnderPerAgentInterval / 6.0)));
                }
            }

            for (var d = 0; d + c.MaxConsecutiveDays < problem.Days; d++)
            {
                model.Add(LinearExpr.Sum(Enumerable.Range(d, c.MaxConsecutiveDays + 1).Select(Works)) <= c.MaxConsecutiveDays);
            }

            for (var d = 0; d < problem.Days; d++)
            {
                if (works[i, d] is not { } today)
                {
                    continue;
                }

                // An isolated day off between two working days: paired days off are asked for.
                if (d > 0 && d + 1 < problem.Days && c.MaxDaysPerWeek <= 5)
                {
                    var isolated = model.NewBoolVar(string.Empty);
                    model.Add(isolated >= Works(d - 1) + Works(d + 1) - today - 1);
                    soft.Add((isolated, (long)Math.Round(w.PairedDaysOff * 10)));
                }

                // Stable start times: minutes between consecutive working days' starts.
                if (d + 1 < problem.Days && works[i, d + 1] is { } tomorrow)
                {
                    var startToday = LinearExpr.WeightedSum(mine.Where(p => shiftOptions[p.Key.Option].Day == d).Select(p => (IntVar)p.Value), mine.Where(p => shiftOptions[p.Key.Option].Day == d).Select(p => (long)shiftOptions[p.Key.Option].StartMinute));
                    var startTomorrow = LinearExpr.WeightedSum(mine.Where(p => shiftOptions[p.Key.Option].Day == d + 1).Select(p => (IntVar)p.Value), mine.Where(p => shiftOptions[p.Key.Option].Day == d + 1).Select(p => (long)shiftOptions[p.Key.Option].StartMinute));
                    var drift = model.NewIntVar(0, 1440, string.Empty);
                    model.Add(drift >= startTomorrow - startToday - (1440 * (2 - today - tomorrow)));
                    model.Add(drift >= startToday - startTomorrow - (1440 * (2 - today - tomorrow)));
                    soft.Add((drift, (long)Math.Max(1, Math.Round(w.StartStability * 10 / 60))));
                }
            }

            var weekendDays = Enumerable.Range(0, problem.Days).Where(d => problem.Start.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToArray();
            weekend.Add(Count(model, weekendDays.Select(Works), weekendDays.Length));
            early.Add(Count(model, mine.Where(p => shiftOptions[p.Key.Option].StartMinute < 8 * 60).Select(p => (IntVar)p.Value), problem.Days));
            late.Add(Count(model, mine.Where(p => shiftOptions[p.Key.Option].EndMinuteOfHorizon % 1440 >= 20 * 60 || shiftOptions[p.Key.Option].StartMinute >= 12 * 60).Select(p => (IntVar)p.Value), problem.Days));
        }

        foreach (var counted in new[] { weekend, early, late })
        {
            Spread(model, counted, problem.Days, soft, (long)Math.Round(w.Fairness * 10));
        }

        foreach (var (key, v) in x)
        {
            model.AddHint(v, greedy.Contains(key) ? 1 : 0);
        }

        // First coverage, pay and contracts alone (the search converges far faster), then what agents care
        // about on top, starting from that solution.
        model.Minimize(LinearExpr.WeightedSum(terms.Select(t => t.Var), terms.Select(t => t.Coefficient)));
        var solver = NewSolver(options, deadline.Budget(0.3));
        var status = Run(solver, model, cancellationToken);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // Out of time (or stopped) before a first solution: the greedy assignment keeps every rule by construction.
            return (greedy.Select(k => (problem.Agents[k.Agent], k.Skill, shiftOptions[k.Option])).ToList(), $"{status.ToString().ToLowerInvariant()} (greedy start kept)");
        }

        var chosen = x.Where(p => solver.BooleanValue(p.Value)).Select(p => p.Key).ToHashSet();
        var firstChosen = chosen;
        var statusText = status.ToString().ToLowerInvariant();
        if (soft.Count > 0 && deadline.Budget(0.15) >= 0.5)
        {
            model.ClearHints();
            foreach (var (key, v) in x)
            {
                model.AddHint(v, chosen.Contains(key) ? 1 : 0);
            }

            var all = terms.Concat(soft).ToArray();
            model.Minimize(LinearExpr.WeightedSum(all.Select(t => t.Var), all.Select(t => t.Coefficient)));
            var second = NewSolver(options, deadline.Budget(0.15));
            var secondStatus = Run(second, model, cancellationToken);
            if (secondStatus is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            {
                chosen = x.Where(p => second.BooleanValue(p.Value)).Select(p => p.Key).ToHashSet();
                statusText = $"{statusText}, preferences {secondStatus.ToString().ToLowerInvariant()}";
            }
        }

        // The search may end before it beats its own starting point on large inputs, and the preferences may have cost
        // cover: keep the best cover of the three (the one with preferences on a tie, then coverage alone, then greedy).
        var best = new[] { (Keys: chosen, Note: ""), (Keys: firstChosen, Note: " (cover before preferences kept)"), (Keys: greedy, Note: " (greedy start kept)") }
            .Select((c, order) => (c.Keys, c.Note, Cost: HardCost(problem, shiftOptions, counts, classOf, c.Keys), order))
            .OrderBy(c => c.Cost).ThenBy(c => c.order).First();
        var result = best.Keys.Select(k => (problem.Agents[k.Agent], k.Skill, shiftOptions[k.Option])).ToList();
        return (result, statusText + best.Note);
    }

    /// <summary>
    /// A first assignment to start the search from: day by day, each counted shift (earliest first) goes
    /// to the agent with the skill who may still work it (availability, time off, rest, weekly days and
    /// hours, consecutive days) and is furthest below the contract's guaranteed hours.
    /// </summary>
    private static HashSet<(int Agent, string Skill, int Option)> Greedy(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<string, bool[]> able, Dictionary<(int Class, string Skill, int Option), int> counts, int[] classOf)
    {
        var chosen = new HashSet<(int, string, int)>();
        var hours = new double[problem.Agents.Count, (problem.Days + 6) / 7];
        var daysWorked = new int[problem.Agents.Count, (problem.Days + 6) / 7];
        var last = new ShiftOption?[problem.Agents.Count];
        var run = new int[problem.Agents.Count];
        var workedDay = new int[problem.Agents.Count];
        Array.Fill(workedDay, -1);
        for (var day = 0; day < problem.Days; day++)
        {
            var week = day / 7;
            var weekDays = Math.Min(7, problem.Days - (week * 7));
            for (var i = 0; i < problem.Agents.Count; i++)
            {
                if (workedDay[i] < day - 1)
                {
                    run[i] = 0;
                }
            }

            foreach (var ((cls, skill, o), count) in counts.Where(p => shiftOptions[p.Key.Option].Day == day).OrderBy(p => shiftOptions[p.Key.Option].StartSlot))
            {
                var option = shiftOptions[o];
                for (var k = 0; k < count; k++)
                {
                    var best = -1;
                    var bestNeed = double.MinValue;
                    for (var i = 0; i < problem.Agents.Count; i++)
                    {
                        var agent = problem.Agents[i];
                        var c = agent.Contract;
                        if (classOf[i] != cls || workedDay[i] == day || !agent.Skills.ContainsKey(skill) || !able[agent.Id][o]
                            || hours[i, week] + option.PaidHours > (c.MaxHoursPerWeek * weekDays / 7.0) + 1e-9
                            || daysWorked[i, week] + 1 > Math.Min(c.MaxDaysPerWeek, weekDays)
                            || run[i] + 1 > c.MaxConsecutiveDays
                            || (last[i] is { } previous && previous.Day == day - 1 && option.StartMinuteOfHorizon - previous.EndMinuteOfHorizon < c.MinRestHours * 60))
                        {
                            continue;
                        }

                        var need = (c.MinHoursPerWeek * weekDays / 7.0) - hours[i, week] + (agent.Skills[skill] * 0.1);
                        if (need > bestNeed)
                        {
                            (best, bestNeed) = (i, need);
                        }
                    }

                    if (best < 0)
                    {
                        break;
                    }

                    chosen.Add((best, skill, o));
                    hours[best, week] += option.PaidHours;
                    daysWorked[best, week]++;
                    run[best] = workedDay[best] == day - 1 ? run[best] + 1 : 1;
                    workedDay[best] = day;
                    last[best] = option;
                }
            }
        }

        return chosen;
    }

    /// <summary>What the assignment model's coverage and contract terms charge for a set of assignments.</summary>
    private static double HardCost(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<(int Class, string Skill, int Option), int> counts, int[] classOf,
        IReadOnlySet<(int Agent, string Skill, int Option)> chosen)
    {
        var w = problem.EffectiveWeights;
        var got = chosen.GroupBy(k => (classOf[k.Agent], k.Skill, k.Option)).ToDictionary(g => g.Key, g => g.Count());
        var cost = 0.0;
        foreach (var (key, count) in counts)
        {
            var have = got.GetValueOrDefault(key);
            var working = shiftOptions[key.Option].WorkingSlots;
            cost += Math.Max(0, count - have) * w.UnderPerAgentInterval * working * Scale / 10;
            cost += Math.Max(0, have - count) * w.OverPerAgentInterval * working * Scale / 10;
        }

        cost += got.Where(p => !counts.ContainsKey(p.Key)).Sum(p => p.Value * w.OverPerAgentInterval * shiftOptions[p.Key.Item3].WorkingSlots * Scale / 10);
        for (var i = 0; i < problem.Agents.Count; i++)
        {
            foreach (var (from, days) in Weeks(problem))
            {
                var paid = chosen.Where(k => k.Agent == i && shiftOptions[k.Option].Day >= from && shiftOptions[k.Option].Day < from + days).Sum(k => shiftOptions[k.Option].PaidHours);
                cost += Math.Max(0, (problem.Agents[i].Contract.MinHoursPerWeek * days / 7.0) - paid) * 60 * Math.Round(w.UnderPerAgentInterval / 6.0);
                cost += chosen.Where(k => k.Agent == i && shiftOptions[k.Option].Day >= from && shiftOptions[k.Option].Day < from + days).Sum(k => w.PerPaidHour * shiftOptions[k.Option].PaidHours * Scale);
            }
        }

        return cost;
    }

    private static IntVar Count(CpModel model, IEnumerable<IntVar> items, int max)
    {
        var list = items.ToArray();
        var count = model.NewIntVar(0, Math.Max(max, list.Length), string.Empty);
        model.Add(LinearExpr.Sum(list) == count);
        return count;
    }

    /// <summary>Penalises the gap between the agent with the most and the one with the fewest.</summary>
    private static void Spread(CpModel model, List<IntVar> counts, int days, List<(IntVar, long)> terms, long weight)
    {
        if (counts.Count < 2 || weight == 0)
        {
            return;
        }

        var most = model.NewIntVar(0, days, string.Empty);
        var fewest = model.NewIntVar(0, days, string.Empty);
        model.AddMaxEquality(most, counts);
        model.AddMinEquality(fewest, counts);
        var gap = model.NewIntVar(0, days, string.Empty);
        model.Add(gap == most - fewest);
        terms.Add((gap, weight));
    }

    /// <summary>Solves, stopping the search when <paramref name="cancellationToken"/> fires.</summary>
    private static CpSolverStatus Run(CpSolver solver, CpModel model, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return CpSolverStatus.Unknown;
        }

        using var stop = cancellationToken.Register(solver.StopSearch);
        return solver.Solve(model);
    }

    /// <summary>
    /// The time limit as a deadline: each search gets its share of the limit, or what is left before the reserve kept for
    /// placing breaks, top-up, repair and review (15 % of the limit, at least a second) — so a slow start (a busy
    /// machine, a large model) shortens the searches instead of running over.
    /// </summary>
    internal sealed class Deadline(Stopwatch clock, double limitSeconds)
    {
        private readonly double _reserve = Math.Max(1, limitSeconds * 0.15);

        public double Budget(double share) => Math.Max(0.2, Math.Min(limitSeconds * share, limitSeconds - _reserve - clock.Elapsed.TotalSeconds));
    }

    private static CpSolver NewSolver(SchedulerOptions options, double seconds)
    {
        var workers = options.Workers > 0 ? options.Workers : Math.Max(1, Environment.ProcessorCount);
        // No repair_hint: in OR-Tools 9.15 it can abort the whole process ("Check failed:
        // heuristics.fixed_search != nullptr"), seen when a search is stopped early. The hint is
        // feasible by construction (greedy cover), so it needs no repair.
        return new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{seconds:0.###},num_workers:{workers},random_seed:{options.Seed},relative_gap_limit:0.005"),
        };
    }

    /// <summary>
    /// Coverage, shortfalls with reasons, rules not kept and quality of a set of shifts — after the solver,
    /// or after a planner's manual edit (<paramref name="bound"/> is the schedule's lower bound under the contracts,
    /// <paramref name="demandBound"/> the least paid hours that cover the whole demand; 0 when not known).
    /// </summary>
    public static ScheduleResult Review(ScheduleProblem problem, IReadOnlyList<ScheduledShift> shifts, double bound, string status, double demandBound = 0)
    {
        var shiftOptions = ShiftOption.Enumerate(problem);
        var able = problem.Agents.ToDictionary(a => a.Id, a => shiftOptions.Select(o => CanWork(problem, a, o)).ToArray());
        return Evaluate(problem, shiftOptions, able, shifts, (bound, demandBound), status, 0);
    }

    private static ScheduleResult Evaluate(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<string, bool[]> able, IReadOnlyList<ScheduledShift> shifts,
        (double Contracts, double Demand) bound, string status, double seconds)
    {
        var hours = problem.IntervalMinutes / 60.0;
        var coverage = new Dictionary<string, IReadOnlyList<CoverageSlot>>();
        var unmet = new List<UnmetInterval>();
        double under = 0, over = 0, required = 0;
        foreach (var requirement in problem.Requirements)
        {
            var working = new int[problem.Slots];
            foreach (var s in shifts.Where(s => s.Skill == requirement.Skill))
            {
                for (var t = s.StartSlot; t < Math.Min(problem.Slots, s.EndSlot); t++)
                {
                    if (s.Working(t))
                    {
                        working[t]++;
                    }
                }
            }

            var slots = Enumerable.Range(0, problem.Slots).Select(t => new CoverageSlot(t, requirement.Agents[t], working[t])).ToArray();
            coverage[requirement.Skill] = slots;
            foreach (var slot in slots)
            {
                under += slot.Under * hours;
                over += slot.Over * hours;
                required += slot.Required * hours;
                if (slot.Unmet)
                {
                    var (text, code, available) = Reason(problem, shiftOptions, able, requirement.Skill, slot);
                    unmet.Add(new UnmetInterval(requirement.Skill, slot.Slot, slot.Required, slot.Working, text, code, available));
                }
            }
        }

        var violations = new List<RuleViolation>();
        foreach (var agent in problem.Agents)
        {
            violations.AddRange(ScheduleRules.Check(problem, agent, shifts));
            foreach (var (from, days) in Weeks(problem))
            {
                var paid = shifts.Where(s => s.AgentId == agent.Id && s.Day >= from && s.Day < from + days).Sum(s => s.PaidHours);
                var minimum = agent.Contract.MinHoursPerWeek * days / 7.0;
                if (paid + 1e-9 < minimum)
                {
                    violations.Add(new RuleViolation(agent.Id, "min hours per week",
                        $"week of {problem.Start.AddDays(from):yyyy-MM-dd}: {paid:0.##} h scheduled, the contract guarantees {minimum:0.##} h"));
                }
            }
        }

        var capacity = problem.Agents.Sum(a => a.Contract.MaxHoursPerWeek) * problem.Days / 7.0;
        var quality = new ScheduleQuality(shifts.Sum(s => s.PaidHours), under, over, required, bound.Contracts, unmet.Count, status, seconds, bound.Demand, capacity);
        return new ScheduleResult(problem, shifts, coverage, unmet, violations, quality);
    }

    /// <summary>
    /// Why an interval is short — nobody with the skill can be there, no shift reaches it, or the contracts and rules — in
    /// English and as a code a page translates (<c>noTemplate</c>, <c>fewAgents</c> with how many can work, <c>contracts</c>).
    /// </summary>
    private static (string Text, string Code, int? Available) Reason(ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<string, bool[]> able, string skill, CoverageSlot slot)
    {
        var reaching = shiftOptions.Where(o => slot.Slot >= o.StartSlot && slot.Slot < o.EndSlot).ToArray();
        if (reaching.Length == 0)
        {
            return ("no shift template covers this time", "noTemplate", null);
        }

        var available = problem.Agents.Count(a => a.Skills.ContainsKey(skill) && reaching.Any(o => able[a.Id][o.Index]));
        if (available < slot.Required)
        {
            return ($"only {available} agent(s) with skill '{skill}' can work then (availability, time off)", "fewAgents", available);
        }

        return ("agents' contracts (hours, days, consecutive days, rest) or breaks leave it short", "contracts", null);
    }
}
