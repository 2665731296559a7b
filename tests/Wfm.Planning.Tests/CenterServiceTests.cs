using Wfm.Core.Directory;
using Wfm.Core.Queues;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Wfm.Data;
using Wfm.Data.Center;
using Wfm.Data.Entities;
using Wfm.Data.Storage;
using Wfm.Planning.Center;

namespace Wfm.Planning.Tests;

public sealed class CenterServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task NewCenter_QueueTeamContractAndAgents_AreStored_AndTheLiveDirectoryFollows(WfmStoreKind kind)
    {
        using var center = new TestCenter(kind);
        Assert.Null(center.Directory.FindAgent("a1"));

        await center.WithBasicsAsync();
        await center.Service.SaveAgentAsync(TestCenter.Agent("a1") with { AcdId = "4711", HireDate = new DateOnly(2024, 3, 1), TimeZone = "Asia/Tehran" }, create: true, TestContext.Current.CancellationToken);
        await center.Service.SaveAgentAsync(TestCenter.Agent("a2"), create: true, TestContext.Current.CancellationToken);

        Assert.Equal("Agent a1", center.Directory.FindAgent("a1")?.Name);
        Assert.NotNull(center.Directory.FindQueue("voice"));
        var reread = await new EfCenterStore(new PooledDbContextFactory<WfmDbContext>(center.Database.Store.Options())).LoadAsync(new CenterSettings("x", "UTC", 30), TestContext.Current.CancellationToken);
        var a1 = Assert.Single(reread.Agents, a => a.Id == "a1");
        Assert.Equal(("4711", new DateOnly(2024, 3, 1), "Asia/Tehran", "ft"), (a1.AcdId, a1.HireDate, a1.TimeZone, a1.ContractId));
        Assert.Equal([new AgentSkill("voice", 4)], a1.Skills);
        Assert.Equal(2, reread.Agents.Count);
        Assert.Equal(TestCenter.FullTime, Assert.Single(reread.Contracts));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Agent_WithUnknownTeamQueueAndContract_IsRefusedNamingEachField_AndNothingIsStored(WfmStoreKind kind)
    {
        using var center = await new TestCenter(kind).WithBasicsAsync();

        var error = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SaveAgentAsync(
            new AgentProfile("a1", "Ayşe", "south", [new AgentSkill("chat", 4), new AgentSkill("voice", 9)], "de", "nope"), create: true, TestContext.Current.CancellationToken));

        var fields = error.Errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "team", "skills", "contract", "locale" }, fields);
        Assert.Contains(error.Errors, e => e.Field == "team" && e.Detail.Contains("'south'") && e.Detail.Contains("north"));
        Assert.Contains(error.Errors, e => e.Field == "skills" && e.Detail.Contains("1 (learning) to 5"));
        Assert.Empty((await center.Service.GetAsync(TestContext.Current.CancellationToken)).Agents);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Create_OfAnExistingId_IsRefused_AndUpdate_OfAnUnknownOne_IsNotFound(WfmStoreKind kind)
    {
        using var center = await new TestCenter(kind).WithBasicsAsync();

        var twice = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SaveTeamAsync(new TeamProfile("north", "Again"), create: true, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<PlanningNotFoundException>(() => center.Service.SaveTeamAsync(new TeamProfile("south", "South"), create: false, TestContext.Current.CancellationToken));
        var renamed = await center.Service.SaveTeamAsync(new TeamProfile("north", "North-East"), create: false, TestContext.Current.CancellationToken);

        Assert.Contains("already exists", twice.Errors.Single().Detail);
        Assert.Equal("North-East", renamed.Name);
        Assert.Equal("North-East", Assert.Single((await center.Service.GetAsync(TestContext.Current.CancellationToken)).Teams).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Deactivating_ATeamWithActiveAgents_IsRefused_UntilTheyAreDeactivated_WhoThenLeaveTheLiveDirectoryButStayStored(WfmStoreKind kind)
    {
        using var center = await new TestCenter(kind).WithBasicsAsync();
        await center.Service.SaveAgentAsync(TestCenter.Agent("a1"), create: true, TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SetActiveAsync(CenterKind.Team, "north", active: false, TestContext.Current.CancellationToken));
        await center.Service.SetActiveAsync(CenterKind.Agent, "a1", active: false, TestContext.Current.CancellationToken);
        await center.Service.SetActiveAsync(CenterKind.Team, "north", active: false, TestContext.Current.CancellationToken);

        Assert.Contains("a1", refused.Errors.Single().Detail);
        Assert.Null(center.Directory.FindAgent("a1"));
        Assert.Empty(center.Directory.Teams);
        var stored = await center.Service.GetAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(Assert.Single(stored.Agents).Deactivated);
        Assert.NotNull(Assert.Single(stored.Teams).Deactivated);

        // Back again: the agent needs an active team first.
        await Assert.ThrowsAsync<PlanningException>(() => center.Service.SetActiveAsync(CenterKind.Agent, "a1", active: true, TestContext.Current.CancellationToken));
        await center.Service.SetActiveAsync(CenterKind.Team, "north", active: true, TestContext.Current.CancellationToken);
        await center.Service.SetActiveAsync(CenterKind.Agent, "a1", active: true, TestContext.Current.CancellationToken);
        Assert.NotNull(center.Directory.FindAgent("a1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Deactivating_AQueueAContractOrATemplateInUse_IsRefusedNamingWhoUsesIt(WfmStoreKind kind)
    {
        using var center = await new TestCenter(kind).WithBasicsAsync();
        await center.Service.SaveAgentAsync(TestCenter.Agent("a1"), create: true, TestContext.Current.CancellationToken);
        await center.Service.SaveTemplateAsync(new ShiftTemplateProfile("day", "Day", [480], new TimeOnly(8, 0), new TimeOnly(10, 0), 60), create: true, TestContext.Current.CancellationToken);
        await center.Service.SaveRuleSetAsync(new RuleSetProfile("std", "Standard", ["day"], []), create: true, TestContext.Current.CancellationToken);

        var queue = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SetActiveAsync(CenterKind.Queue, "voice", false, TestContext.Current.CancellationToken));
        var contract = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SetActiveAsync(CenterKind.Contract, "ft", false, TestContext.Current.CancellationToken));
        var template = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SetActiveAsync(CenterKind.ShiftTemplate, "day", false, TestContext.Current.CancellationToken));

        Assert.Contains("a1", queue.Message);
        Assert.Contains("a1", contract.Message);
        Assert.Contains("std", template.Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task RuleSet_WithABreakThatDoesNotFitItsTemplates_IsRefused_AndATemplateCannotShrinkUnderARuleSetsBreak(WfmStoreKind kind)
    {
        using var center = await new TestCenter(kind).WithBasicsAsync();
        await center.Service.SaveTemplateAsync(new ShiftTemplateProfile("day", "Day", [480], new TimeOnly(8, 0), new TimeOnly(10, 0), 60), create: true, TestContext.Current.CancellationToken);

        var tooLate = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SaveRuleSetAsync(
            new RuleSetProfile("std", "Standard", ["day", "night"], [new BreakProfile("lunch", 30, 180, 470)]), create: true, TestContext.Current.CancellationToken));
        await center.Service.SaveRuleSetAsync(new RuleSetProfile("std", "Standard", ["day"], [new BreakProfile("lunch", 30, 180, 300, Paid: false)]), create: true, TestContext.Current.CancellationToken);
        var shrink = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SaveTemplateAsync(
            new ShiftTemplateProfile("day", "Day", [240], new TimeOnly(8, 0), new TimeOnly(10, 0), 60), create: false, TestContext.Current.CancellationToken));
        var offGrid = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SaveTemplateAsync(
            new ShiftTemplateProfile("late", "Late", [490], new TimeOnly(8, 5), new TimeOnly(10, 0), 60), create: true, TestContext.Current.CancellationToken));

        Assert.Contains(tooLate.Errors, e => e.Field == "templateIds" && e.Detail.Contains("'night'"));
        Assert.Contains(tooLate.Errors, e => e.Field == "breaks[0].windowToMinutes");
        Assert.Contains("rule set 'std'", shrink.Errors.Single().Detail);
        Assert.Equal(["lengthsMinutes", "earliestStart"], offGrid.Errors.Select(e => e.Field));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Settings_ClockChangesWhileTheCenterIsNew_ButNotOnceEventsAreRecorded(WfmStoreKind kind)
    {
        using var center = new TestCenter(kind);
        await center.Service.UpdateSettingsAsync(new CenterSettings("Istanbul desk", "Europe/Istanbul", 30, "TR"), TestContext.Current.CancellationToken);
        Assert.Equal(30, center.Directory.Clock.IntervalMinutes);

        await using (var db = await center.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Events.Add(new EventEntity { EventId = "e1", Type = "ContactArrived", At = DateTimeOffset.UtcNow, QueueId = "voice" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var clock = await Assert.ThrowsAsync<PlanningException>(() => center.Service.UpdateSettingsAsync(new CenterSettings("Istanbul desk", "Europe/Istanbul", 15, "TR"), TestContext.Current.CancellationToken));
        var renamed = await center.Service.UpdateSettingsAsync(new CenterSettings("Istanbul desk 2", "Europe/Istanbul", 30, "IR"), TestContext.Current.CancellationToken);
        var bad = await Assert.ThrowsAsync<PlanningException>(() => center.Service.UpdateSettingsAsync(new CenterSettings("x", "Mars/Olympus", 20, "XX"), TestContext.Current.CancellationToken));

        Assert.Equal("intervalMinutes", clock.Errors.Single().Field);
        Assert.Equal(("Istanbul desk 2", "IR"), (renamed.Name, (await center.Service.GetAsync(TestContext.Current.CancellationToken)).Settings.Holidays));
        Assert.Equal(["timeZone", "intervalMinutes", "holidays"], bad.Errors.Select(e => e.Field));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Queue_HoursAreKeptInTheirCanonicalText_AndBadHoursNameTheField(WfmStoreKind kind)
    {
        using var center = new TestCenter(kind);

        var saved = await center.Service.SaveQueueAsync(TestCenter.Voice() with { Hours = "sat 09:00-14:00; mon-fri 08:00-20:00" }, create: true, TestContext.Current.CancellationToken);
        var bad = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SaveQueueAsync(TestCenter.Voice("chat") with
        {
            Hours = "weekdays 8-20", Target = new ServiceLevelTarget(120, 0),
        }, create: true, TestContext.Current.CancellationToken));

        Assert.Equal("Mon-Fri 08:00-20:00; Sat 09:00-14:00", saved.Hours);
        Assert.Equal(["targetPercent", "targetSeconds", "hours"], bad.Errors.Select(e => e.Field));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task AcdIds_AreUniqueAmongAgents(WfmStoreKind kind)
    {
        using var center = await new TestCenter(kind).WithBasicsAsync();
        await center.Service.SaveAgentAsync(TestCenter.Agent("a1") with { AcdId = "100" }, create: true, TestContext.Current.CancellationToken);

        var taken = await Assert.ThrowsAsync<PlanningException>(() => center.Service.SaveAgentAsync(TestCenter.Agent("a2") with { AcdId = "100" }, create: true, TestContext.Current.CancellationToken));

        Assert.Contains("agent 'a1'", taken.Errors.Single(e => e.Field == "acdId").Detail);
    }
}
