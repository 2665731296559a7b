namespace Wfm.Scheduling;

/// <summary>
/// Places each shift's breaks. Where the shift-count model chose break starts for a kind of shift, its
/// agents take those starts (so coverage is what the model planned); any other shift takes, within each
/// rule's window, the start whose intervals have the most agents above the requirement (counting breaks
/// already placed). Breaks never overlap and, when a cap is set, no stretch of work is longer than it.
/// </summary>
public static class BreakPlacer
{
    public static IReadOnlyList<ScheduledShift> Place(
        ScheduleProblem problem,
        IReadOnlyList<(ScheduleAgent Agent, string Skill, ShiftOption Option)> assigned,
        IReadOnlyDictionary<(string Skill, int Option, int Rule), int[]>? planned = null)
    {
        var slack = problem.Requirements.ToDictionary(r => r.Skill, r => r.Agents.Select(a => -Math.Ceiling(a - 1e-9)).ToArray());
        foreach (var (_, skill, option) in assigned)
        {
            for (var t = option.StartSlot; t < Math.Min(problem.Slots, option.EndSlot); t++)
            {
                slack[skill][t] += 1;
            }
        }

        var cap = problem.MaxMinutesWithoutBreak > 0 ? problem.MaxMinutesWithoutBreak / problem.IntervalMinutes : int.MaxValue;
        var result = new List<ScheduledShift>();
        var groups = assigned.GroupBy(a => (a.Skill, a.Option.Index)).OrderBy(g => g.First().Option.StartSlot);
        foreach (var group in groups)
        {
            var option = group.First().Option;
            var agents = group.OrderBy(a => a.Agent.Id, StringComparer.Ordinal).ToArray();
            // The planned starts per rule, one per agent in order, as far as the plan goes.
            var queues = option.BreakWindows.ToDictionary(
                w => w.Rule,
                w => planned is not null && planned.TryGetValue((group.Key.Skill, option.Index, w.Rule), out var counts)
                    ? new Queue<int>(counts.SelectMany((n, c) => Enumerable.Repeat(w.Starts[c], n)))
                    : new Queue<int>());
            foreach (var (agent, skill, _) in agents)
            {
                var placed = new List<PlacedBreak>();
                var previousEnd = 0;
                var windows = option.BreakWindows.OrderBy(w => w.Starts[0]).ToArray();
                for (var j = 0; j < windows.Length; j++)
                {
                    var window = windows[j];
                    bool Fits(int c) => c >= previousEnd && c + window.LengthSlots < option.LengthSlots;
                    var index = j;
                    bool KeepsCap(int c) => cap == int.MaxValue || (c - previousEnd <= cap && ShiftOption.CanKeepCap(windows, index + 1, c + window.LengthSlots, option.LengthSlots, cap));
                    int? choice = null;
                    if (queues[window.Rule].TryPeek(out var plannedStart) && Fits(plannedStart) && KeepsCap(plannedStart))
                    {
                        choice = queues[window.Rule].Dequeue();
                    }
                    else
                    {
                        var candidates = window.Starts.Where(Fits).ToArray();
                        var pool = candidates.Where(KeepsCap).ToArray() is { Length: > 0 } keeping ? keeping : candidates;
                        if (pool.Length > 0)
                        {
                            var middle = (window.Starts[0] + window.Starts[^1]) / 2.0;
                            choice = pool.OrderByDescending(c => Score(slack[skill], option.StartSlot + c, window.LengthSlots, problem.Slots)).ThenBy(c => Math.Abs(c - middle)).First();
                        }
                    }

                    if (choice is not { } start)
                    {
                        continue;
                    }

                    var from = option.StartSlot + start;
                    for (var t = from; t < from + window.LengthSlots && t < problem.Slots; t++)
                    {
                        slack[skill][t] -= 1;
                    }

                    placed.Add(new PlacedBreak(window.Break.Name, from, from + window.LengthSlots, window.Break.Paid));
                    previousEnd = start + window.LengthSlots;
                }

                result.Add(new ScheduledShift(agent.Id, option.Day, skill, option, placed));
            }
        }

        return result.OrderBy(s => s.StartSlot).ThenBy(s => s.AgentId, StringComparer.Ordinal).ToArray();
    }

    private static double Score(double[] slack, int start, int length, int slots)
    {
        var score = double.MaxValue;
        for (var t = start; t < start + length && t < slots; t++)
        {
            score = Math.Min(score, slack[t]);
        }

        return score == double.MaxValue ? 0 : score;
    }
}
