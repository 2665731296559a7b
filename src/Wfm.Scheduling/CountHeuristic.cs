namespace Wfm.Scheduling;

/// <summary>
/// A fast cover to start the shift-count model from (and to fall back on): the linear relaxation rounded
/// down, then, while some interval is short, the shift that closes most short agent-intervals per paid
/// hour, its breaks where agents are to spare; then, while the contracts' guaranteed hours are not used,
/// the shift that lands where agents are least to spare. Limited by how many agents can work each shift.
/// </summary>
internal static class CountHeuristic
{
    public static (Dictionary<(string Skill, int Option), int> Counts, Dictionary<(string Skill, int Option, int Rule), int[]> Breaks) Cover(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, IReadOnlyDictionary<(string Skill, int Option), int> supply,
        Dictionary<(string Skill, int Option), double> relaxedShifts, Dictionary<(string Skill, int Option, int Rule), double[]> relaxedBreaks)
    {
        var counts = new Dictionary<(string, int), int>();
        var breaks = new Dictionary<(string, int, int), int[]>();
        var deficit = problem.Requirements.ToDictionary(r => r.Skill, r => r.Agents.Select(a => Math.Ceiling(a - 1e-9)).ToArray());

        void Add((string Skill, int Option) key, int count, Func<BreakWindow, int[]> starts)
        {
            var option = shiftOptions[key.Option];
            var need = deficit[key.Skill];
            counts[key] = counts.GetValueOrDefault(key) + count;
            for (var s = 0; s < option.LengthSlots && option.StartSlot + s < problem.Slots; s++)
            {
                need[option.StartSlot + s] -= count;
            }

            foreach (var window in option.BreakWindows)
            {
                var taken = starts(window);
                var total = breaks.TryGetValue((key.Skill, key.Option, window.Rule), out var existing) ? existing : new int[window.Starts.Count];
                for (var c = 0; c < taken.Length; c++)
                {
                    total[c] += taken[c];
                    for (var s = window.Starts[c]; s < window.Starts[c] + window.LengthSlots && option.StartSlot + s < problem.Slots; s++)
                    {
                        need[option.StartSlot + s] += taken[c];
                    }
                }

                breaks[(key.Skill, key.Option, window.Rule)] = total;
            }
        }

        foreach (var (key, value) in relaxedShifts)
        {
            var count = (int)Math.Min(Math.Floor(value + 1e-6), supply.GetValueOrDefault(key));
            if (count > 0)
            {
                Add(key, count, w => ShiftScheduler.Apportion(relaxedBreaks.GetValueOrDefault((key.Skill, key.Option, w.Rule)) ?? new double[w.Starts.Count], count).Select(v => (int)v).ToArray());
            }
        }

        // Agent-days are what runs out first: each day at most the agents who can work it, each week at
        // most the days their contracts allow.
        var dayCap = Enumerable.Range(0, problem.Days).Select(d => problem.Agents.Count(a => shiftOptions.Any(o => o.Day == d && ShiftScheduler.CanWork(problem, a, o)))).ToArray();
        var weekCap = ShiftScheduler.Weeks(problem).Select(w => problem.Agents.Sum(a => Math.Min(a.Contract.MaxDaysPerWeek, w.Days))).ToArray();
        // The same per group of skills (one skill, or several that share agents): agents holding any of them count once.
        var allSkills = problem.Requirements.Select(r => r.Skill).Distinct().ToArray();
        var groups = allSkills.Select(k => new[] { k }).Concat(ShiftScheduler.SkillGroups(problem)).Append(allSkills).ToArray();
        var lengths = shiftOptions.Select(o => o.PaidHours).Where(h => h > 0).Distinct().Order().ToArray();
        var weeks = ShiftScheduler.Weeks(problem).ToArray();
        var groupDayCap = groups.Select(g => Enumerable.Range(0, problem.Days)
            .Select(d => problem.Agents.Count(a => g.Any(a.Skills.ContainsKey) && shiftOptions.Any(o => o.Day == d && ShiftScheduler.CanWork(problem, a, o)))).ToArray()).ToArray();
        var groupWeekCap = groups.Select(g => weeks.Select(w => problem.Agents.Where(a => g.Any(a.Skills.ContainsKey)).Sum(a => Math.Min(a.Contract.MaxDaysPerWeek, w.Days))).ToArray()).ToArray();
        var groupHoursCap = groups.Select(g => weeks.Select(w => problem.Agents.Where(a => g.Any(a.Skills.ContainsKey)).Sum(a => a.Contract.MaxHoursPerWeek * w.Days / 7.0)).ToArray()).ToArray();
        var groupLengthCap = groups.Select(g => weeks.Select(w => lengths.Select(l => problem.Agents.Where(a => g.Any(a.Skills.ContainsKey))
            .Sum(a => Math.Min(Math.Min(a.Contract.MaxDaysPerWeek, w.Days), (int)Math.Floor((a.Contract.MaxHoursPerWeek * w.Days / 7.0 / l) + 1e-9)))).ToArray()).ToArray()).ToArray();
        var groupLength = groups.Select(_ => weeks.Select(_ => new int[lengths.Length]).ToArray()).ToArray();
        var groupsOf = problem.Requirements.ToDictionary(r => r.Skill, r => Enumerable.Range(0, groups.Length).Where(i => groups[i].Contains(r.Skill)).ToArray());
        var groupDay = groups.Select(_ => new int[problem.Days]).ToArray();
        var groupWeek = groups.Select(_ => new int[weeks.Length]).ToArray();
        var groupHours = groups.Select(_ => new double[weeks.Length]).ToArray();
        int WeekOf(int day) => Array.FindIndex(weeks, w => day >= w.From && day < w.From + w.Days);
        foreach (var (key, count) in counts)
        {
            Tally(key, count);
        }

        void Tally((string Skill, int Option) key, int count)
        {
            var option = shiftOptions[key.Option];
            var week = WeekOf(option.Day);
            foreach (var g in groupsOf[key.Skill])
            {
                groupDay[g][option.Day] += count;
                groupWeek[g][week] += count;
                groupHours[g][week] += count * option.PaidHours;
                for (var l = 0; l < lengths.Length && lengths[l] <= option.PaidHours + 1e-9; l++)
                {
                    groupLength[g][week][l] += count;
                }
            }
        }

        bool Room((string Skill, int Option) key)
        {
            var option = shiftOptions[key.Option];
            var day = option.Day;
            var w = WeekOf(day);
            var all = groups.Length - 1; // every skill: the day's and the week's shifts in all
            if (groupDay[all][day] >= dayCap[day] || groupWeek[all][w] >= weekCap[w])
            {
                return false;
            }

            var top = Array.FindLastIndex(lengths, l => l <= option.PaidHours + 1e-9);
            return groupsOf[key.Skill].All(g => groupDay[g][day] < groupDayCap[g][day] && groupWeek[g][w] < groupWeekCap[g][w]
                && groupHours[g][w] + option.PaidHours <= groupHoursCap[g][w] + 1e-9
                && Enumerable.Range(0, top + 1).All(l => groupLength[g][w][l] < groupLengthCap[g][w][l]));
        }

        // Close short intervals: the shift that closes the most short agent-intervals, the shorter one on a tie.
        var candidates = supply.Keys.ToArray();
        while (true)
        {
            var open = candidates.Where(Room).ToArray();
            var best = Best(problem, shiftOptions, open, counts, supply, deficit, (need, t) => Math.Clamp(need[t], 0, 1), perHour: false);
            if (best is null)
            {
                break;
            }

            Add(best.Value.Key, 1, best.Value.Breaks);
            Tally(best.Value.Key, 1);
        }

        // Use the hours the contracts guarantee where agents are least to spare.
        var guaranteed = problem.Agents.Sum(a => a.Contract.MinHoursPerWeek) * problem.Days / 7.0;
        var paid = counts.Sum(p => p.Value * shiftOptions[p.Key.Item2].PaidHours);
        while (paid < guaranteed - 1e-9)
        {
            var best = Best(problem, shiftOptions, candidates.Where(Room).ToArray(), counts, supply, deficit, (need, t) => need[t] + 100, perHour: false);
            if (best is null)
            {
                break;
            }

            Add(best.Value.Key, 1, best.Value.Breaks);
            Tally(best.Value.Key, 1);
            paid += shiftOptions[best.Value.Key.Option].PaidHours;
        }

        return (counts, breaks);
    }

    private static ((string Skill, int Option) Key, Func<BreakWindow, int[]> Breaks)? Best(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, (string Skill, int Option)[] candidates, Dictionary<(string, int), int> counts,
        IReadOnlyDictionary<(string Skill, int Option), int> supply, Dictionary<string, double[]> deficit, Func<double[], int, double> value, bool perHour)
    {
        (string, int)? bestKey = null;
        Dictionary<int, int>? bestStarts = null;
        var bestScore = 0.0;
        foreach (var key in candidates)
        {
            if (counts.GetValueOrDefault(key) >= supply[key])
            {
                continue;
            }

            var option = shiftOptions[key.Option];
            var need = deficit[key.Skill];
            var starts = new Dictionary<int, int>();
            var onBreak = new HashSet<int>();
            foreach (var window in option.BreakWindows)
            {
                // The break start where agents are most to spare.
                var pick = 0;
                var spare = double.MinValue;
                for (var c = 0; c < window.Starts.Count; c++)
                {
                    var surplus = 0.0;
                    for (var s = window.Starts[c]; s < window.Starts[c] + window.LengthSlots && option.StartSlot + s < problem.Slots; s++)
                    {
                        surplus -= need[option.StartSlot + s];
                    }

                    if (surplus > spare)
                    {
                        (pick, spare) = (c, surplus);
                    }
                }

                starts[window.Rule] = pick;
                for (var s = window.Starts[pick]; s < window.Starts[pick] + window.LengthSlots; s++)
                {
                    onBreak.Add(s);
                }
            }

            var score = 0.0;
            for (var s = 0; s < option.LengthSlots && option.StartSlot + s < problem.Slots; s++)
            {
                if (!onBreak.Contains(s))
                {
                    score += value(need, option.StartSlot + s);
                }
            }

            if (perHour)
            {
                score /= Math.Max(0.25, option.PaidHours);
            }
            else if (score > 0)
            {
                score -= option.PaidHours / 1000; // of two equal covers, the cheaper
            }

            if (score > bestScore + 1e-9)
            {
                (bestKey, bestStarts, bestScore) = (key, starts, score);
            }
        }

        if (bestKey is not { } chosen || bestStarts is null)
        {
            return null;
        }

        return (chosen, w =>
        {
            var taken = new int[w.Starts.Count];
            taken[bestStarts[w.Rule]] = 1;
            return taken;
        });
    }
}
