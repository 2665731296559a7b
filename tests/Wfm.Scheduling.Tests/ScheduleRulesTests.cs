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

    /// <summary>Shifts of the test problem with each break at the start of its window.</summary>
    internal sealed class Builder(ScheduleProblem problem)
    {
        public ScheduledShift Shift(string agent, int day, int startMinute, int lengthMinutes = 480) => ScheduleRulesTests.Shift(problem, agent, day, startMinute, lengthMinutes);
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

/// <summary>Bringing agents up to the hours their contract guarantees, without breaking a rule.</summary>
public sealed class TopUpTests
{
    private static ScheduledShift Shift(ScheduleProblem problem, string agent, int day, int startMinute) =>
        new ScheduleRulesTests.Builder(problem).Shift(agent, day, startMinute);

    [Fact]
    public void AgentBelowMinimum_TakesAShiftFromAColleagueAboveTheirs_CoverageUnchanged()
    {
        var agents = new[] { TestProblems.Agent(1), TestProblems.Agent(2, contract: new Contract(15, 40, 5, 5, 11)) };
        var problem = TestProblems.Problem(0, list: agents);
        var shifts = Enumerable.Range(0, 5).Select(d => Shift(problem, "a01", d, 9 * 60)).ToList();

        var topped = ScheduleRepair.TopUp(problem, ShiftOption.Enumerate(problem), shifts);

        Assert.Equal(5, topped.Count);
        Assert.Equal(15, topped.Where(s => s.AgentId == "a02").Sum(s => s.PaidHours), 6);
        Assert.Equal(shifts.Select(s => (s.Day, s.StartSlot)).Order(), topped.Select(s => (s.Day, s.StartSlot)).Order());
        Assert.All(agents, a => Assert.Empty(ScheduleRules.Check(problem, a, topped)));
    }

    [Fact]
    public void NoColleagueCanSpareAShift_TheAgentGetsShiftsOnDaysOff_WhereTheNeedIs()
    {
        var agents = new[] { TestProblems.Agent(1, contract: new Contract(37.5, 40, 5, 5, 11)), TestProblems.Agent(2, contract: new Contract(15, 40, 5, 5, 11)) };
        var need = TestProblems.Requirement(7, (day, slot) => day == 5 && slot is >= 24 and < 40 ? 1 : 0); // Saturday 12:00–20:00
        var problem = TestProblems.Problem(0, requirement: need, list: agents);
        var shifts = Enumerable.Range(0, 5).Select(d => Shift(problem, "a01", d, 9 * 60)).ToList();

        var topped = ScheduleRepair.TopUp(problem, ShiftOption.Enumerate(problem), shifts);

        Assert.Equal(5, topped.Count(s => s.AgentId == "a01"));
        var mine = topped.Where(s => s.AgentId == "a02").ToList();
        Assert.True(mine.Sum(s => s.PaidHours) >= 15);
        var saturday = Assert.Single(mine, s => s.Day == 5);
        var needSlots = Enumerable.Range((5 * 48) + 24, 16);
        Assert.True(needSlots.Count(saturday.Working) >= 13, "the Saturday shift should cover most of the need (8 h less breaks)");
        Assert.All(agents, a => Assert.Empty(ScheduleRules.Check(problem, a, topped)));
    }
}
