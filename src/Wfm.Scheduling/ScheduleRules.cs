namespace Wfm.Scheduling;

/// <summary>
/// The labour rules one agent's shifts must keep: one shift a day, availability and time off, weekly
/// maximum hours and days, consecutive days, rest between shifts, breaks inside their windows and the
/// cap on work without a break. Used to check the solver's output, repairs, manual edits and swaps alike.
/// </summary>
public static class ScheduleRules
{
    /// <summary>Every rule the agent's shifts break (empty when they keep them all). Minimum hours are a guarantee, not checked here.</summary>
    public static IReadOnlyList<RuleViolation> Check(ScheduleProblem problem, ScheduleAgent agent, IEnumerable<ScheduledShift> shifts)
    {
        var mine = shifts.Where(s => s.AgentId == agent.Id).OrderBy(s => s.StartSlot).ToList();
        var result = new List<RuleViolation>();
        var c = agent.Contract;
        foreach (var day in mine.GroupBy(s => s.Day).Where(g => g.Count() > 1))
        {
            result.Add(new RuleViolation(agent.Id, "one shift a day", $"{problem.Start.AddDays(day.Key):yyyy-MM-dd}: {day.Count()} shifts"));
        }

        foreach (var s in mine)
        {
            if (!ShiftScheduler.CanWork(problem, agent, s.Option))
            {
                result.Add(new RuleViolation(agent.Id, "availability", $"{Describe(problem, s)} is outside the agent's availability or on time off"));
            }

            foreach (var window in s.Option.BreakWindows)
            {
                var placed = s.Breaks.Where(b => b.Name == window.Break.Name).ToList();
                if (placed.Count != 1 || !window.Starts.Contains(placed[0].StartSlot - s.StartSlot))
                {
                    result.Add(new RuleViolation(agent.Id, "break window", $"{Describe(problem, s)}: {window.Break.Name} must start {window.Break.WindowFromMinutes}–{window.Break.WindowToMinutes} minutes in"));
                }
            }

            if (problem.MaxMinutesWithoutBreak > 0)
            {
                var cut = s.Breaks.OrderBy(b => b.StartSlot).SelectMany(b => new[] { b.StartSlot, b.EndSlot }).Prepend(s.StartSlot).Append(s.EndSlot).ToArray();
                for (var i = 0; i + 1 < cut.Length; i += 2)
                {
                    if ((cut[i + 1] - cut[i]) * problem.IntervalMinutes > problem.MaxMinutesWithoutBreak)
                    {
                        result.Add(new RuleViolation(agent.Id, "work without a break", $"{Describe(problem, s)}: {(cut[i + 1] - cut[i]) * problem.IntervalMinutes} minutes without a break (cap {problem.MaxMinutesWithoutBreak})"));
                    }
                }
            }
        }

        for (var i = 1; i < mine.Count; i++)
        {
            var rest = (mine[i].Option.StartMinuteOfHorizon - mine[i - 1].Option.EndMinuteOfHorizon) / 60.0;
            if (mine[i].Day != mine[i - 1].Day && rest < c.MinRestHours)
            {
                result.Add(new RuleViolation(agent.Id, "rest between shifts", $"{rest:0.#} h between {Describe(problem, mine[i - 1])} and {Describe(problem, mine[i])}; the contract needs {c.MinRestHours:0.#} h"));
            }
        }

        foreach (var (from, days) in ShiftScheduler.Weeks(problem))
        {
            var week = mine.Where(s => s.Day >= from && s.Day < from + days).ToList();
            var hours = week.Sum(s => s.PaidHours);
            if (hours > (c.MaxHoursPerWeek * days / 7.0) + 1e-9)
            {
                result.Add(new RuleViolation(agent.Id, "max hours per week", $"week of {problem.Start.AddDays(from):yyyy-MM-dd}: {hours:0.##} h, the contract allows {c.MaxHoursPerWeek * days / 7.0:0.##} h"));
            }

            if (week.Select(s => s.Day).Distinct().Count() > Math.Min(c.MaxDaysPerWeek, days))
            {
                result.Add(new RuleViolation(agent.Id, "max days per week", $"week of {problem.Start.AddDays(from):yyyy-MM-dd}: {week.Count} days, the contract allows {c.MaxDaysPerWeek}"));
            }
        }

        var worked = mine.Select(s => s.Day).ToHashSet();
        var run = 0;
        for (var d = 0; d < problem.Days; d++)
        {
            run = worked.Contains(d) ? run + 1 : 0;
            if (run == c.MaxConsecutiveDays + 1)
            {
                result.Add(new RuleViolation(agent.Id, "consecutive days", $"{run} days in a row up to {problem.Start.AddDays(d):yyyy-MM-dd}; the contract allows {c.MaxConsecutiveDays}"));
            }
        }

        return result;
    }

    private static string Describe(ScheduleProblem problem, ScheduledShift s) =>
        $"{problem.Start.AddDays(s.Day):yyyy-MM-dd} {TimeSpan.FromMinutes(s.Option.StartMinute):hh\\:mm}–{TimeSpan.FromMinutes((s.Option.StartMinute + s.Option.LengthMinutes) % 1440):hh\\:mm}";
}
