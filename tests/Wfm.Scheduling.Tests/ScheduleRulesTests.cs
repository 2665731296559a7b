namespace Wfm.Scheduling.Tests;

/// <summary>The rule check that manual edits and swaps go through.</summary>
public sealed class ScheduleRulesTests
{
    private static ScheduledShift Shift(ScheduleProblem problem, string agent, int day, int startMinute, int lengthMinutes = 480)
    {
        var option = ShiftOption.Enumerate(problem).First(o => o.Day == day && o.StartMinute == startMinute && o.LengthMinutes == lengthMinutes);
        var breaks = option.BreakWindows.Select(w => new PlacedBreak(w.Break.Name, option.StartSlot + w.Starts[0], option.StartSlot + w.Starts[0] + w.LengthSlots, w.Break.Paid)).ToArray();
        return new ScheduledShift(agent, day, "voice", option, breaks);
    }

    [Fact]
    public void LateThenEarly_BreaksTheRest_AndSixDaysBreakTheWeek()
    {
        var problem = TestProblems.Problem(agents: 1);
        var agent = problem.Agents[0];
        var shifts = new List<ScheduledShift>
        {
            Shift(problem, "a01", 0, 12 * 60), // Monday 12:00–20:00
            Shift(problem, "a01", 1, 7 * 60),  // Tuesday 07:00: 11 h rest
        };

        Assert.Empty(ScheduleRules.Check(problem, agent, shifts));

        shifts[1] = Shift(problem, "a01", 1, 7 * 60) with { };
        shifts[0] = Shift(problem, "a01", 0, 12 * 60, 540); // ends 21:00: 10 h rest
        var rest = Assert.Single(ScheduleRules.Check(problem, agent, shifts));
        Assert.Equal("rest between shifts", rest.Rule);
        Assert.Contains("10 h", rest.Detail);

        var week = Enumerable.Range(0, 6).Select(d => Shift(problem, "a01", d, 9 * 60)).ToList();
        var rules = ScheduleRules.Check(problem, agent, week).Select(v => v.Rule).ToList();
        Assert.Contains("max days per week", rules);
        Assert.Contains("consecutive days", rules);
        Assert.Contains("max hours per week", rules);
    }

    [Fact]
    public void BreakMovedOutOfItsWindow_IsReported()
    {
        var problem = TestProblems.Problem(agents: 1);
        var shift = Shift(problem, "a01", 0, 9 * 60);
        var moved = shift with { Breaks = [shift.Breaks[0] with { StartSlot = shift.StartSlot + 1, EndSlot = shift.StartSlot + 2 }, shift.Breaks[1]] };

        var violation = Assert.Single(ScheduleRules.Check(problem, problem.Agents[0], [moved]));

        Assert.Equal("break window", violation.Rule);
    }
}
