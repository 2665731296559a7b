using Wfm.Core.Directory;
using Wfm.Planning.Scheduling;
using Wfm.Scheduling;

namespace Wfm.Planning.Tests;

public sealed class CenterScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Monday = new(2026, 12, 7);

    /// <summary>Two teams; a day-only part-timer in the north; a chat queue nobody in the south serves.</summary>
    private static async Task<TestCenter> CenterAsync()
    {
        var center = await new TestCenter().WithBasicsAsync();
        var s = center.Service;
        await s.SaveQueueAsync(TestCenter.Voice("chat") with { Channel = Channel.Chat }, create: true, Ct);
        await s.SaveTeamAsync(new TeamProfile("south", "South"), create: true, Ct);
        await s.SaveContractAsync(new ContractProfile("day-pt", "Part time, days", 16, 24, 4, 4, 12, NightShifts: false), create: true, Ct);
        await s.SaveTemplateAsync(new ShiftTemplateProfile("day", "Day", [480], new TimeOnly(0, 0), new TimeOnly(16, 0), 60), create: true, Ct);
        await s.SaveRuleSetAsync(new RuleSetProfile("std", "Standard", ["day"], [new BreakProfile("lunch", 30, 180, 300, Paid: false)], 300), create: true, Ct);
        await s.SaveAgentAsync(TestCenter.Agent("n1") with { Skills = [new AgentSkill("voice", 5), new AgentSkill("chat", 2)] }, create: true, Ct);
        await s.SaveAgentAsync(TestCenter.Agent("n2") with { ContractId = "day-pt" }, create: true, Ct);
        await s.SaveAgentAsync(TestCenter.Agent("s1", team: "south"), create: true, Ct);
        await s.SaveAgentAsync(TestCenter.Agent("gone"), create: true, Ct);
        await s.SetActiveAsync(Center.CenterKind.Agent, "gone", false, Ct);
        return center;
    }

    private static SkillRequirement Flat(string skill, double agents, int days = 7) => new(skill, Enumerable.Repeat(agents, days * 96).ToArray());

    [Fact]
    public async Task Problem_TakesTheActiveAgentsOfTheChosenTeams_TheirContractsAndTheRuleSet()
    {
        using var center = await CenterAsync();

        var problem = CenterSchedule.Problem(await center.Service.GetAsync(Ct), Monday, 1, [Flat("voice", 1)], "std", ["north"],
            new Dictionary<string, CenterSchedule.AgentLimits> { ["n1"] = new(3, 14) });

        Assert.Equal(["n1", "n2"], problem.Agents.Select(a => a.Id));
        var n1 = problem.Agents[0];
        Assert.Equal(new Dictionary<string, double> { ["voice"] = 1.0 }, n1.Skills);
        Assert.Equal(new Contract(32, 40, 5, 3, 14), n1.Contract);
        Assert.Null(n1.Availability);
        var n2 = problem.Agents[1];
        Assert.Equal(new Contract(16, 24, 4, 4, 12), n2.Contract);
        Assert.All(n2.Availability!, w => Assert.Equal((TimeSpan.FromHours(6), TimeSpan.FromHours(24)), (w.From, w.To)));
        Assert.Equal(7, n2.Availability!.Count);
        Assert.Equal(("day", 480), (Assert.Single(problem.Templates).Name, problem.Templates[0].LengthsMinutes[0]));
        Assert.Equal(new BreakRule("lunch", 30, 180, 300, false, 0), Assert.Single(problem.Breaks));
        Assert.Equal((15, 7, 300), (problem.IntervalMinutes, problem.Days, problem.MaxMinutesWithoutBreak));
        problem.Validate();
    }

    [Fact]
    public async Task Problem_RefusesAnUnknownRuleSetOrTeam_AndNamesAgentsWithoutAContract()
    {
        using var center = await CenterAsync();
        await center.Service.SaveAgentAsync(TestCenter.Agent("s2", team: "south") with { ContractId = null }, create: true, Ct);
        var data = await center.Service.GetAsync(Ct);

        var unknown = Assert.Throws<PlanningException>(() => CenterSchedule.Problem(data, Monday, 1, [Flat("voice", 1)], "nope", ["west"]));
        var noContract = Assert.Throws<PlanningException>(() => CenterSchedule.Problem(data, Monday, 1, [Flat("voice", 1)], "std", ["south"]));
        var nobody = Assert.Throws<PlanningException>(() => CenterSchedule.Problem(data, Monday, 1, [Flat("chat", 1)], "std", ["south"]));

        Assert.Equal(["ruleSetId", "teamIds"], unknown.Errors.Select(e => e.Field));
        Assert.Contains("s2", Assert.Single(noContract.Errors).Detail);
        Assert.Contains("no active agent", Assert.Single(nobody.Errors).Detail);
    }

    [Fact]
    public async Task Solved_AnAgentWithoutNightShifts_WorksOnlyBetweenSixAndMidnight()
    {
        using var center = await CenterAsync();
        var problem = CenterSchedule.Problem(await center.Service.GetAsync(Ct), Monday, 1, [Flat("voice", 2)], "std", ["north"]);

        var result = ShiftScheduler.Solve(problem, new SchedulerOptions(TimeLimitSeconds: 10), cancellationToken: Ct);

        var partTimer = result.Shifts.Where(s => s.AgentId == "n2").ToList();
        Assert.NotEmpty(partTimer);
        Assert.All(partTimer, s => Assert.True(s.Option.StartMinute >= 360 && s.Option.StartMinute + s.Option.LengthMinutes <= 1440,
            $"n2 works {s.Option.StartMinute / 60.0:0.##} h + {s.Option.LengthMinutes} min"));
        Assert.Empty(result.Violations);
        Assert.InRange(partTimer.Sum(s => s.PaidHours), 16, 24);
    }
}
