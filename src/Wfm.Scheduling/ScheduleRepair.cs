namespace Wfm.Scheduling;

/// <summary>
/// Closes intervals the solver left short, without breaking a rule: first by moving a break of an
/// agent working the skill to a time with agents to spare, then by giving a shift to an agent who is
/// off that day and may work it (contract, rest, availability checked by <see cref="ScheduleRules"/>),
/// then by moving an agent's shift to hours that cover it where that leaves fewer intervals short.
/// </summary>
public static class ScheduleRepair
{
    /// <param name="stop">True once the time is up (or the caller left): what is still short stays short and is reported.</param>
    public static List<ScheduledShift> Repair(ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, IReadOnlyList<ScheduledShift> shifts, Func<bool>? stop = null)
    {
        stop ??= static () => false;
        var result = shifts.ToList();
        var required = problem.Requirements.ToDictionary(r => r.Skill, r => r.Agents.Select(a => (int)Math.Ceiling(a - 1e-9)).ToArray());
        var working = Working(problem, result);
        var agents = problem.Agents.ToDictionary(a => a.Id);
        foreach (var requirement in problem.Requirements)
        {
            var skill = requirement.Skill;
            for (var t = 0; t < problem.Slots && !stop(); t++)
            {
                var guard = 0;
                while (working[skill][t] < required[skill][t] && guard++ < 50)
                {
                    if (!MoveBreak(problem, result, working, required, skill, t) && !SwitchSkill(problem, result, working, required, skill, t)
                        && !ReplaceBreaks(problem, agents, result, working, required, skill, t)
                        && !AddShift(problem, shiftOptions, agents, result, working, required, skill, t)
                        && !MoveShift(problem, shiftOptions, result, working, required, skill, t))
                    {
                        break;
                    }
                }
            }
        }

        return result.OrderBy(s => s.StartSlot).ThenBy(s => s.AgentId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Brings agents up to the weekly hours their contract guarantees, keeping every rule: first by handing
    /// them a shift from a colleague who stays at or above their own minimum (coverage unchanged), then by
    /// a longer shift on a day they work, then by a shift on a day off where it covers the most need.
    /// </summary>
    /// <param name="stop">True once the time is up (or the caller left): agents still under their minimum are reported as a rule not kept.</param>
    public static List<ScheduledShift> TopUp(ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, IReadOnlyList<ScheduledShift> shifts, Func<bool>? stop = null)
    {
        stop ??= static () => false;
        var result = shifts.ToList();
        var required = problem.Requirements.ToDictionary(r => r.Skill, r => r.Agents.Select(a => (int)Math.Ceiling(a - 1e-9)).ToArray());
        var working = Working(problem, result);
        foreach (var (from, days) in ShiftScheduler.Weeks(problem))
        {
            double Minimum(ScheduleAgent a) => a.Contract.MinHoursPerWeek * days / 7.0;
            double Hours(string agentId) => result.Where(s => s.AgentId == agentId && s.Day >= from && s.Day < from + days).Sum(s => s.PaidHours);
            bool Keeps(ScheduleAgent a, IEnumerable<ScheduledShift> mine) => ScheduleRules.Check(problem, a, mine).Count == 0;

            var under = problem.Agents.Where(a => Hours(a.Id) < Minimum(a) - 1e-9).OrderByDescending(a => Minimum(a) - Hours(a.Id)).ToList();
            foreach (var agent in under.TakeWhile(_ => !stop()))
            {
                for (var guard = 0; guard < 7 && Hours(agent.Id) < Minimum(agent) - 1e-9; guard++)
                {
                    var mine = result.Where(s => s.AgentId == agent.Id).ToList();
                    var busy = mine.Select(s => s.Day).ToHashSet();

                    // 1. A colleague's shift, where the colleague keeps their own minimum.
                    var handed = result.Where(s => s.Day >= from && s.Day < from + days && s.AgentId != agent.Id && !busy.Contains(s.Day) && agent.Skills.ContainsKey(s.Skill)
                            && ShiftScheduler.CanWork(problem, agent, s.Option))
                        .Where(s => Hours(s.AgentId) - s.PaidHours >= Minimum(problem.Agents.First(a => a.Id == s.AgentId)) - 1e-9)
                        .OrderBy(s => Math.Abs(Minimum(agent) - Hours(agent.Id) - s.PaidHours))
                        .FirstOrDefault(s => Keeps(agent, mine.Append(s with { AgentId = agent.Id })));
                    if (handed is not null)
                    {
                        result[result.IndexOf(handed)] = handed with { AgentId = agent.Id };
                        continue;
                    }

                    // 2. and 3. A longer shift on a day worked, or a shift on a day off: the one covering most need, then the least paid.
                    ScheduledShift? best = null;
                    ScheduledShift? replaced = null;
                    var bestScore = double.MinValue;
                    foreach (var option in shiftOptions.Where(o => o.Day >= from && o.Day < from + days && ShiftScheduler.CanWork(problem, agent, o)))
                    {
                        var today = mine.FirstOrDefault(s => s.Day == option.Day);
                        if (today is not null && option.PaidHours <= today.PaidHours + 1e-9)
                        {
                            continue;
                        }

                        foreach (var skill in today is not null ? [today.Skill] : agent.Skills.Keys.Where(required.ContainsKey))
                        {
                            var w = working[skill];
                            if (today is not null)
                            {
                                Apply(problem, w, today, -1);
                            }

                            var candidate = new ScheduledShift(agent.Id, option.Day, skill, option, Breaks(problem, option, w, required[skill]));
                            var gain = Enumerable.Range(candidate.StartSlot, Math.Min(problem.Slots, candidate.EndSlot) - candidate.StartSlot)
                                .Count(x => candidate.Working(x) && w[x] < required[skill][x]);
                            if (today is not null)
                            {
                                Apply(problem, w, today, +1);
                            }

                            var score = gain - (option.PaidHours / 100.0);
                            if (score > bestScore && Keeps(agent, mine.Where(s => s != today).Append(candidate)))
                            {
                                (best, replaced, bestScore) = (candidate, today, score);
                            }
                        }
                    }

                    if (best is null)
                    {
                        break; // nothing the rules allow: reported as a rule not kept
                    }

                    if (replaced is not null)
                    {
                        Apply(problem, working[replaced.Skill], replaced, -1);
                        result.Remove(replaced);
                    }

                    Apply(problem, working[best.Skill], best, +1);
                    result.Add(best);
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

    /// <summary>
    /// Gives the short skill a shift that works another skill at that time, when its agent has the short skill and the other
    /// skill keeps its requirement without them over the whole shift (no paid hour is added).
    /// </summary>
    private static bool SwitchSkill(ScheduleProblem problem, List<ScheduledShift> shifts, Dictionary<string, int[]> working, Dictionary<string, int[]> required, string skill, int t)
    {
        var agents = problem.Agents.Where(a => a.Skills.ContainsKey(skill)).ToDictionary(a => a.Id);
        var best = -1;
        var bestGain = 0;
        for (var i = 0; i < shifts.Count; i++)
        {
            var s = shifts[i];
            if (s.Skill == skill || !s.Working(t) || !agents.ContainsKey(s.AgentId) || !working.TryGetValue(s.Skill, out var other))
            {
                continue;
            }

            var need = required[s.Skill];
            var end = Math.Min(problem.Slots, s.EndSlot);
            if (Enumerable.Range(s.StartSlot, end - s.StartSlot).Any(x => s.Working(x) && other[x] - 1 < need[x]))
            {
                continue;
            }

            var w = working[skill];
            var gain = Enumerable.Range(s.StartSlot, end - s.StartSlot).Count(x => s.Working(x) && w[x] < required[skill][x]);
            if (gain > bestGain)
            {
                (best, bestGain) = (i, gain);
            }
        }

        if (best < 0)
        {
            return false;
        }

        var before = shifts[best];
        var after = before with { Skill = skill };
        Apply(problem, working[before.Skill], before, -1);
        Apply(problem, working[skill], after, +1);
        shifts[best] = after;
        return true;
    }

    private static bool AddShift(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, Dictionary<string, ScheduleAgent> agents, List<ScheduledShift> shifts,
        Dictionary<string, int[]> working, Dictionary<string, int[]> required, string skill, int t)
    {
        var candidates = Covering(problem, shiftOptions, t);
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

    /// <summary>
    /// Places all the breaks of a shift working the skill around <paramref name="t"/> again, trying every placement
    /// its windows and the cap on work without a break allow, and keeps the one that leaves the fewest intervals of
    /// the shift short — moving one break at a time cannot, when a later break is held early by an early lunch.
    /// </summary>
    private static bool ReplaceBreaks(
        ScheduleProblem problem, Dictionary<string, ScheduleAgent> agents, List<ScheduledShift> shifts,
        Dictionary<string, int[]> working, Dictionary<string, int[]> required, string skill, int t)
    {
        var w = working[skill];
        var need = required[skill];
        var cap = problem.MaxMinutesWithoutBreak > 0 ? problem.MaxMinutesWithoutBreak / problem.IntervalMinutes : int.MaxValue;
        for (var i = 0; i < shifts.Count; i++)
        {
            var s = shifts[i];
            if (s.Skill != skill || t < s.StartSlot || t >= s.EndSlot || s.Breaks.Count == 0 || !agents.TryGetValue(s.AgentId, out var agent))
            {
                continue;
            }

            var end = Math.Min(problem.Slots, s.EndSlot);
            int ShortNow() => Enumerable.Range(s.StartSlot, end - s.StartSlot).Count(x => w[x] < need[x]);
            var before = ShortNow();
            Apply(problem, w, s, -1);
            ScheduledShift? best = null;
            var bestShort = before;
            var windows = s.Option.BreakWindows.OrderBy(x => x.Starts[0]).ToArray();
            foreach (var breaks in Placements(s.Option, windows, 0, 0, cap))
            {
                var candidate = s with { Breaks = breaks };
                Apply(problem, w, candidate, +1);
                var shortNow = ShortNow();
                Apply(problem, w, candidate, -1);
                if (shortNow < bestShort)
                {
                    (best, bestShort) = (candidate, shortNow);
                }
            }

            if (best is not null && ScheduleRules.Check(problem, agent, shifts.Where(x => x.AgentId == s.AgentId && x != s).Append(best)).Count == 0)
            {
                Apply(problem, w, best, +1);
                shifts[i] = best;
                return true;
            }

            Apply(problem, w, s, +1);
        }

        return false;
    }

    /// <summary>Every way to place a shift's breaks, in window order, each after the last and keeping the cap.</summary>
    private static IEnumerable<PlacedBreak[]> Placements(ShiftOption option, BreakWindow[] windows, int next, int previousEnd, int cap)
    {
        if (next == windows.Length)
        {
            yield return [];
            yield break;
        }

        var window = windows[next];
        var starts = AllowedStarts(option, windows, next, previousEnd, cap);
        if (starts.Length == 0)
        {
            foreach (var rest in Placements(option, windows, next + 1, previousEnd, cap))
            {
                yield return rest;
            }

            yield break;
        }

        foreach (var c in starts)
        {
            var placed = new PlacedBreak(window.Break.Name, option.StartSlot + c, option.StartSlot + c + window.LengthSlots, window.Break.Paid);
            foreach (var rest in Placements(option, windows, next + 1, c + window.LengthSlots, cap))
            {
                yield return [placed, .. rest];
            }
        }
    }

    /// <summary>
    /// Moves an agent's shift to hours that cover <paramref name="t"/> — their shift of that day (earlier or later), or,
    /// when they are off that day, one of their other days — keeping every rule, and only when fewer intervals end short
    /// in all skills: two agents on a night can take no break without leaving it short, and the one who starts at five
    /// can start at four.
    /// </summary>
    private static bool MoveShift(
        ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, List<ScheduledShift> shifts,
        Dictionary<string, int[]> working, Dictionary<string, int[]> required, string skill, int t)
    {
        var candidates = Covering(problem, shiftOptions, t);
        var w = working[skill];
        var need = required[skill];
        foreach (var agent in problem.Agents.Where(a => a.Skills.ContainsKey(skill)).OrderByDescending(a => a.Skills[skill]).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            var mine = shifts.Where(s => s.AgentId == agent.Id).ToList();
            foreach (var option in candidates.Where(o => ShiftScheduler.CanWork(problem, agent, o)))
            {
                var sameDay = mine.FirstOrDefault(s => s.Day == option.Day);
                foreach (var old in sameDay is not null ? [sameDay] : mine)
                {
                    if (old.Option == option || !working.TryGetValue(old.Skill, out var oldWorking))
                    {
                        continue;
                    }

                    var before = Short(problem, working, required, old, option);
                    Apply(problem, oldWorking, old, -1);
                    var shift = new ScheduledShift(agent.Id, option.Day, skill, option, Breaks(problem, option, w, need));
                    if (shift.Working(t) && ScheduleRules.Check(problem, agent, mine.Where(s => s != old).Append(shift)).Count == 0)
                    {
                        Apply(problem, w, shift, +1);
                        if (Short(problem, working, required, old, option) < before)
                        {
                            shifts.Remove(old);
                            shifts.Add(shift);
                            return true;
                        }

                        Apply(problem, w, shift, -1);
                    }

                    Apply(problem, oldWorking, old, +1);
                }
            }
        }

        return false;
    }

    /// <summary>Intervals short of agents, in every skill, over the hours of a shift and of the option that may replace it.</summary>
    private static int Short(ScheduleProblem problem, Dictionary<string, int[]> working, Dictionary<string, int[]> required, ScheduledShift old, ShiftOption option)
    {
        var from = Math.Min(old.StartSlot, option.StartSlot);
        var to = Math.Min(problem.Slots, Math.Max(old.EndSlot, option.EndSlot));
        var count = 0;
        foreach (var (skill, w) in working)
        {
            var need = required[skill];
            for (var x = from; x < to; x++)
            {
                count += w[x] < need[x] ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Shift options of the slot's day or the day before that are at work in slot <paramref name="t"/>.</summary>
    private static ShiftOption[] Covering(ScheduleProblem problem, IReadOnlyList<ShiftOption> shiftOptions, int t)
    {
        var day = t / problem.SlotsPerDay;
        return shiftOptions.Where(o => (o.Day == day || o.Day == day - 1) && t >= o.StartSlot && t < o.EndSlot).ToArray();
    }

    /// <summary>Where break window <paramref name="index"/> may start after the last break ended, keeping the cap on work without a break.</summary>
    private static int[] AllowedStarts(ShiftOption option, BreakWindow[] windows, int index, int previousEnd, int cap)
    {
        var window = windows[index];
        return window.Starts.Where(c => c >= previousEnd
            && (cap == int.MaxValue || (c - previousEnd <= cap && ShiftOption.CanKeepCap(windows, index + 1, c + window.LengthSlots, option.LengthSlots, cap)))).ToArray();
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
            var starts = AllowedStarts(option, windows, index, previousEnd, cap);
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
