namespace Wfm.Scheduling;

/// <summary>Where one break rule can start within a shift: relative start slots and the break's length in slots.</summary>
public sealed record BreakWindow(int Rule, BreakRule Break, int LengthSlots, IReadOnlyList<int> Starts);

/// <summary>
/// One shift an agent could work: a template, a day of the horizon, a start and a length, on the
/// interval grid of the whole horizon, and the windows its breaks can start in (relative slots).
/// </summary>
public sealed record ShiftOption(
    int Index, int Day, ShiftTemplate Template, int StartSlot, int LengthSlots, int StartMinute, int LengthMinutes, double PaidHours,
    IReadOnlyList<BreakWindow> BreakWindows)
{
    public int EndSlot => StartSlot + LengthSlots;

    /// <summary>Slots at work once the breaks are taken.</summary>
    public int WorkingSlots => LengthSlots - BreakWindows.Sum(b => b.LengthSlots);

    /// <summary>Minutes from the horizon's start to the shift's end.</summary>
    public int EndMinuteOfHorizon => (Day * 1440) + StartMinute + LengthMinutes;

    public int StartMinuteOfHorizon => (Day * 1440) + StartMinute;

    public string Label => $"{Template.Name} {TimeSpan.FromMinutes(StartMinute):hh\\:mm}+{LengthMinutes / 60.0:0.##}h";

    /// <summary>Every shift the templates allow on every day of the horizon.</summary>
    public static IReadOnlyList<ShiftOption> Enumerate(ScheduleProblem problem)
    {
        var result = new List<ShiftOption>();
        var interval = problem.IntervalMinutes;
        for (var day = 0; day < problem.Days; day++)
        {
            var weekday = problem.Start.AddDays(day).DayOfWeek;
            foreach (var template in problem.Templates)
            {
                if (template.Days is { Count: > 0 } days && !days.Contains(weekday))
                {
                    continue;
                }

                for (var start = (int)template.EarliestStart.TotalMinutes; start <= template.LatestStart.TotalMinutes; start += template.StartIncrementMinutes)
                {
                    foreach (var length in template.LengthsMinutes.Distinct().Order())
                    {
                        var startSlot = (day * problem.SlotsPerDay) + (start / interval);
                        var slots = length / interval;
                        var windows = Windows(problem, length, slots);
                        if (problem.MaxMinutesWithoutBreak > 0 && !CanKeepCap(windows.OrderBy(w => w.Starts[0]).ToArray(), 0, 0, slots, problem.MaxMinutesWithoutBreak / interval))
                        {
                            continue; // its breaks cannot keep the cap on work without a break
                        }

                        var unpaid = windows.Where(w => !w.Break.Paid).Sum(w => w.Break.Minutes);
                        result.Add(new ShiftOption(result.Count, day, template, startSlot, slots, start, length, (length - unpaid) / 60.0, windows));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// True when breaks from window <paramref name="next"/> on can start so that no stretch of work from
    /// <paramref name="previousEnd"/> to the shift's end (<paramref name="slots"/>) is longer than <paramref name="cap"/> slots.
    /// </summary>
    public static bool CanKeepCap(IReadOnlyList<BreakWindow> windows, int next, int previousEnd, int slots, int cap)
    {
        if (next == windows.Count)
        {
            return slots - previousEnd <= cap;
        }

        var window = windows[next];
        foreach (var c in window.Starts)
        {
            if (c >= previousEnd && c - previousEnd <= cap && c + window.LengthSlots < slots
                && CanKeepCap(windows, next + 1, c + window.LengthSlots, slots, cap))
            {
                return true;
            }
        }

        return false;
    }

    private static BreakWindow[] Windows(ScheduleProblem problem, int lengthMinutes, int slots)
    {
        var interval = problem.IntervalMinutes;
        var result = new List<BreakWindow>();
        for (var r = 0; r < problem.Breaks.Count; r++)
        {
            var rule = problem.Breaks[r];
            if (lengthMinutes < rule.MinShiftMinutes)
            {
                continue;
            }

            var length = rule.Minutes / interval;
            var first = (rule.WindowFromMinutes + interval - 1) / interval;
            var last = rule.WindowToMinutes / interval;
            var starts = Enumerable.Range(first, Math.Max(0, last - first + 1)).Where(c => c >= 1 && c + length < slots).ToArray();
            if (starts.Length > 0)
            {
                result.Add(new BreakWindow(r, rule, length, starts));
            }
        }

        return [.. result];
    }
}
