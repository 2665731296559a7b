namespace Wfm.Scheduling.Tests;

/// <summary>Agents who hold two skills: counted once, and moved to the skill that is short when the other can spare them.</summary>
public sealed class SharedSkillsTests
{
    private static ScheduleAgent Both(int i) =>
        new($"b{i:00}", new Dictionary<string, double> { ["voice"] = 1.0, ["mail"] = 0.6 }, new Contract(0, 40, 5, 6, 11));

    [Fact]
    public void Repair_MovesAShiftToTheShortSkill_WhenItsOwnSkillCanSpareIt_WithoutAddingPaidHours()
    {
        // Monday: voice needs 1 from 09:00 to 17:00 and mail needs 1 from 10:00 to 16:00; two agents holding both are on voice.
        var voice = TestProblems.Requirement(1, (_, slot) => slot is >= 18 and < 34 ? 1 : 0);
        var mail = TestProblems.Requirement(1, (_, slot) => slot is >= 20 and < 32 ? 1 : 0);
        var problem = new ScheduleProblem(TestProblems.Monday, 1, 30, [new SkillRequirement("voice", voice), new SkillRequirement("mail", mail)],
            [Both(1), Both(2)], [TestProblems.Day], []);
        var option = ShiftOption.Enumerate(problem).First(o => o.StartMinute == 9 * 60 && o.LengthMinutes == 480);
        var shifts = new List<ScheduledShift> { new("b01", 0, "voice", option, []), new("b02", 0, "voice", option, []) };

        var repaired = ScheduleRepair.Repair(problem, ShiftOption.Enumerate(problem), shifts);

        Assert.Equal(2, repaired.Count);
        Assert.Equal(["mail", "voice"], repaired.Select(s => s.Skill).Order());
        Assert.Equal(16, repaired.Sum(s => s.PaidHours));
    }

    [Fact]
    public void AgentsHoldingTwoSkills_CoverBoth_EveryShiftOnASkillItsAgentHolds()
    {
        // Six agents hold both skills, two voice only: mail can only be worked by the six, who are also needed on voice.
        var agents = Enumerable.Range(1, 6).Select(Both).Concat([TestProblems.Agent(7), TestProblems.Agent(8)]).ToList();
        var weekdays = new Func<int, int, double>((day, slot) => day < 5 && slot is >= 18 and < 34 ? 3 : 0);
        var problem = new ScheduleProblem(TestProblems.Monday, 7, 30,
            [new SkillRequirement("voice", TestProblems.Requirement(7, weekdays)), new SkillRequirement("mail", TestProblems.Requirement(7, weekdays))],
            agents, [TestProblems.Day], []);

        var result = ShiftScheduler.Solve(problem, new SchedulerOptions(TimeLimitSeconds: 10, Workers: 2), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Unmet);
        Assert.Empty(result.Violations);
        Assert.All(result.Shifts, s => Assert.True(agents.First(a => a.Id == s.AgentId).Skills.ContainsKey(s.Skill)));
    }
}

/// <summary>A solve stopped before any search could finish still gives a schedule that keeps every rule.</summary>
public sealed class StoppedSolveTests
{
    [Fact]
    public void Stopped_BeforeTheSearches_ReturnsTheGreedySchedule_KeepingEveryRule_AndNamingWhatIsShort()
    {
        var problem = TestProblems.Problem(agents: 8);
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();

        var result = ShiftScheduler.Solve(problem, new SchedulerOptions(TimeLimitSeconds: 30), cancellationToken: stopped.Token);

        Assert.NotEmpty(result.Shifts);
        Assert.Empty(result.Violations);
        Assert.Contains("assignment unknown (greedy start kept)", result.Quality.SolverStatus);
        Assert.Equal(result.Quality.UnmetIntervals, result.Unmet.Count);
        Assert.All(result.Unmet, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
    }
}
