namespace Wfm.Scheduling.Tests;

/// <summary>
/// Intervals the solver left short that no single break move and no free agent can close: the repair places a
/// shift's breaks again as a whole, or moves an agent's shift to hours that cover the gap.
/// </summary>
public sealed class RepairMovesTests
{
    /// <summary>A week whose Monday needs <paramref name="required"/>(half-hour slot) agents and whose other days need none.</summary>
    private static ScheduleProblem OneDay(Func<int, double> required) => new(
        TestProblems.Monday, 7, 30, [new SkillRequirement("voice", Enumerable.Range(0, 7 * 48).Select(t => t < 48 ? required(t) : 0).ToArray())],
        [TestProblems.Agent(1), TestProblems.Agent(2)], [TestProblems.Day], TestProblems.Breaks, MaxMinutesWithoutBreak: 180);

    private static ShiftOption Starting(ScheduleProblem problem, int hour, int minute = 0) =>
        ShiftOption.Enumerate(problem).First(o => o.StartMinute == (hour * 60) + minute && o.LengthMinutes == 480);

    private static int[] Working(ScheduleProblem problem, IEnumerable<ScheduledShift> shifts) =>
        Enumerable.Range(0, problem.Slots).Select(t => shifts.Count(s => s.Working(t))).ToArray();

    [Fact]
    public void ALunchThatCanMoveOnlyIfTheBreakBeforeItMovesToo_IsPlacedAgainWithIt()
    {
        // One agent from 08:00 to 17:00; two from 12:30 to 13:00. a01 (08:00–16:00) has a break at 09:00 and lunch at
        // 12:30; a02 (09:00–17:00) a break at 10:30 and lunch at 13:30. a01's lunch has to go to 13:00, which is more than
        // three hours after a 09:00 break: moving the lunch alone breaks the cap, moving the break alone leaves 12:30 short.
        var problem = OneDay(t => t == 25 ? 2 : t is >= 16 and < 34 ? 1 : 0);
        var shifts = new List<ScheduledShift>
        {
            new("a01", 0, "voice", Starting(problem, 8), [new PlacedBreak("break", 18, 19, true), new PlacedBreak("lunch", 25, 26, false)]),
            new("a02", 0, "voice", Starting(problem, 9), [new PlacedBreak("break", 21, 22, true), new PlacedBreak("lunch", 27, 28, false)]),
        };
        Assert.Equal(1, Working(problem, shifts)[25]);
        Assert.All(problem.Agents, a => Assert.True(ScheduleRules.Check(problem, a, shifts.Where(s => s.AgentId == a.Id)).Count == 0, string.Join("; ", ScheduleRules.Check(problem, a, shifts.Where(s => s.AgentId == a.Id)))));

        var repaired = ScheduleRepair.Repair(problem, ShiftOption.Enumerate(problem), shifts);

        var working = Working(problem, repaired);
        Assert.All(Enumerable.Range(0, problem.Slots), t => Assert.True(working[t] >= problem.Requirements[0].Agents[t], $"slot {t}: {working[t]} working"));
        Assert.All(problem.Agents, a => Assert.Empty(ScheduleRules.Check(problem, a, repaired.Where(s => s.AgentId == a.Id))));
        var first = repaired.Single(s => s.AgentId == "a01");
        Assert.Equal(26, first.Breaks.Single(b => b.Name == "lunch").StartSlot);
        Assert.Equal(16, first.StartSlot); // the same shift, its breaks placed again
    }

    [Fact]
    public void AnHourNobodyCanCover_IsTakenByMovingAShiftWhoseOwnHoursCanSpareIt()
    {
        // One agent from 07:00 to 16:00; both agents work 08:00–16:00, so 07:00–08:00 is short and nobody is off that day.
        var problem = OneDay(t => t is >= 14 and < 32 ? 1 : 0);
        var shifts = new List<ScheduledShift>
        {
            new("a01", 0, "voice", Starting(problem, 8), [new PlacedBreak("break", 18, 19, true), new PlacedBreak("lunch", 25, 26, false)]),
            new("a02", 0, "voice", Starting(problem, 8), [new PlacedBreak("break", 20, 21, true), new PlacedBreak("lunch", 26, 27, false)]),
        };

        var repaired = ScheduleRepair.Repair(problem, ShiftOption.Enumerate(problem), shifts);

        var working = Working(problem, repaired);
        Assert.All(Enumerable.Range(0, problem.Slots), t => Assert.True(working[t] >= problem.Requirements[0].Agents[t], $"slot {t}: {working[t]} working"));
        Assert.All(problem.Agents, a => Assert.Empty(ScheduleRules.Check(problem, a, repaired.Where(s => s.AgentId == a.Id))));
        Assert.Equal(2, repaired.Count); // moved, not added: the same paid hours
        Assert.Contains(repaired, s => s.StartSlot == 14);
    }
}
