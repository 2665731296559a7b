namespace Wfm.Scheduling;

/// <summary>
/// Closes intervals the solver left short, without breaking a rule: first by moving a break of an
/// agent working the skill to a time with agents to spare, then by giving a shift to an agent who is
/// off that day and may work it (contract, rest, availability checked by <see cref="ScheduleRules"/>).
/// </summary>
public static class ScheduleRepair
{
    public static List<ScheduledShift> Repair(ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, IReadOnlyList<ScheduledShift> shifts)
    {
        var result = shifts.ToList();
        var required = problem.Requirements.ToDictionary(r => r.Skill, r => r.Agents.Select(a => (int)Math.Ceiling(a - 1e-9)).ToArray());
        var working = Working(problem, result);
        var agents = problem.Agents.ToDictionary(a => a.Id);
        foreach (var requirement in problem.Requirements)
        {
            var skill = requirement.Skill;
            for (var t = 0; t < problem.Slots; t++)
            {
                var guard = 0;
                while (working[skill][t] < required[skill][t] && guard++ < 50)
                {
                    if (!MoveBreak(problem, result, working, required, skill, t) && !AddShift(problem, shiftOptions, agents, result, working, required, skill, t))
                    {
                        break;
                    }
                }
            }
        }

        return result.OrderBy(s => s.StartSlot).ThenBy(s => s.AgentId, StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, int[]> Working(ScheduleProblem problem, IEnumerable<ScheduledShift> shifts)
    {
        var working = problem.Requirements.ToDictionary(r => r.Skill, _ => new int[problem.Slots]);
        foreach (var s in shifts)
        {
            Apply(problem, working[s.Skill], s, +1);
        }

        return working;
    }

    private static void Apply(ScheduleProblem problem, int[] working, ScheduledShift s, int sign)
    {
        for (var t = s.StartSlot; t < Math.Min(problem.Slots, s.EndSlot); t++)
        {
            if (s.Working(t))
            {
                working[t] += sign;
            }
        }
    }

    private static bool MoveBreak(ScheduleProblem problem, List<ScheduledShift> shifts, Dictionary<string, int[]> working, Dictionary<string, int[]> required, string skill, int t)
    {
        var w = working[skill];
        var need = required[skill];
        for (var i = 0; i < shifts.Count; i++)
        {
            var s = shifts[i];
            if (s.Skill != skill || t < s.StartSlot || t >= s.EndSlot)
            {
                continue;
            }

            var onBreak = s.Breaks.FirstOrDefault(b => t >= b.StartSlot && t < b.EndSlot);
            if (onBreak is null)
            {
                continue;
            }

            var window = s.Option.BreakWindows.First(x => x.Break.Name == onBreak.Name);
            foreach (var start in window.Starts.Select(c => s.StartSlot + c).Where(c => t < c || t >= c + window.LengthSlots))
            {
                var moved = s with { Breaks = s.Breaks.Select(b => b == onBreak ? b with { StartSlot = start, EndSlot = start + window.LengthSlots } : b).ToArray() };
                if (Overlaps(moved.Breaks) || ScheduleRules.Check(problem, Agent(problem, s.AgentId), [moved]).Count > 0)
                {
                    continue;
                }

                // The new break time must have an agent to spare in every interval it takes.
                var spare = Enumerable.Range(start, window.LengthSlots).All(x => x >= problem.Slots || (x >= onBreak.StartSlot && x < onBreak.EndSlot) || w[x] - 1 >= need[x]);
                if (!spare)
                {
                    continue;
                }

                Apply(problem, w, s, -1);
                Apply(problem, w, moved, +1);
                shifts[i] = moved;
                return true;
            }
        }

        return false;
    }

    private static bool AddShift(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<string, ScheduleAgent> agents, List<ScheduledShift> shifts,
        Dictionary<string, int[]> working, Dictionary<string, int[]> required, string skill, int t)
    {
        var day = t / problem.SlotsPerDay;
        var candidates = shiftOptions.Where(o => (o.Day == day || o.Day == day - 1) && t >= o.StartSlot && t < o.EndSlot).ToArray();
        var w = working[skill];
        var need = required[skill];
        ScheduledShift? best = null;
        var bestGain = 0;
        foreach (var agent in problem.Agents.Where(a => a.Skills.ContainsKey(skill)).OrderByDescending(a => a.Skills[skill]).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            var mine = shifts.Where(s => s.AgentId == agent.Id).ToList();
            foreach (var option in candidates)
            {
                if (mine.Any(s => s.Day == option.Day) || !ShiftScheduler.CanWork(problem, agent, option))
                {
                    continue;
                }

                var shift = new ScheduledShift(agent.Id, option.Day, skill, option, Breaks(problem, option, w, need));
                if (!shift.Working(t) || ScheduleRules.Check(problem, agent, mine.Append(shift)).Count > 0)
                {
                    continue;
                }

                var gain = Enumerable.Range(shift.StartSlot, Math.Min(problem.Slots, shift.EndSlot) - shift.StartSlot).Count(x => shift.Working(x) && w[x] < need[x]);
                if (gain > bestGain)
                {
                    (best, bestGain) = (shift, gain);
                }
            }

            if (best is not null && bestGain >= candidates.Max(o => o.WorkingSlots) / 2)
            {
                break; // good enough: a later agent will not do much better
            }
        }

        if (best is null)
        {
            return false;
        }

        Apply(problem, w, best, +1);
        shifts.Add(best);
        return true;
    }

    /// <summary>Breaks for a new shift, each at the start of its window with the most agents to spare.</summary>
    private static PlacedBreak[] Breaks(ScheduleProblem problem, ShiftOption option, int[] working, int[] required)
    {
        var placed = new List<PlacedBreak>();
        var previousEnd = 0;
        var cap = problem.MaxMinutesWithoutBreak > 0 ? problem.MaxMinutesWithoutBreak / problem.IntervalMinutes : int.MaxValue;
        var windows = option.BreakWindows.OrderBy(x => x.Starts[0]).ToArray();
        for (var j = 0; j < windows.Length; j++)
        {
            var window = windows[j];
            var index = j;
            var starts = window.Starts.Where(c => c >= previousEnd
                && (cap == int.MaxValue || (c - previousEnd <= cap && ShiftOption.CanKeepCap(windows, index + 1, c + window.LengthSlots, option.LengthSlots, cap)))).ToArray();
            if (starts.Length == 0)
            {
                continue;
            }

            var c = starts.OrderByDescending(c => Enumerable.Range(option.StartSlot + c, window.LengthSlots).Min(x => x < problem.Slots ? working[x] - required[x] : 0)).First();
            placed.Add(new PlacedBreak(window.Break.Name, option.StartSlot + c, option.StartSlot + c + window.LengthSlots, window.Break.Paid));
            previousEnd = c + window.LengthSlots;
        }

        return [.. placed];
    }

    private static bool Overlaps(IReadOnlyList<PlacedBreak> breaks) =>
        breaks.OrderBy(b => b.StartSlot).Zip(breaks.OrderBy(b => b.StartSlot).Skip(1)).Any(p => p.Second.StartSlot < p.First.EndSlot);

    private static ScheduleAgent Agent(ScheduleProblem problem, string id) => problem.Agents.First(a => a.Id == id);
}
