using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Queues;
using Wfm.Data.Forecasts;
using Wfm.Data.History;
using Wfm.Data.Scenarios;
using Wfm.Data.Schedules;
using Wfm.Data.Storage;
using Wfm.Planning.Center;
using Wfm.Planning.Forecasting;
using Wfm.Planning.Scheduling;
using Wfm.Planning.Staffing;
using Wfm.Scheduling;

namespace Wfm.Planning.Tests;

/// <summary>
/// The planner's chain through the planning layer alone (what the server, the CLI and the demo call): a history file into a
/// series, a forecast of it, a staffing plan, a schedule of the center's agents, publishing from a day on.
/// </summary>
public sealed class PlanningChainTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Four weeks of a queue open 08:00–20:00, busier at midday, on 15-minute intervals up to the Sunday before <paramref name="monday"/>.</summary>
    private static string HistoryCsv(DateOnly monday)
    {
        var csv = new StringBuilder("timestamp,queue,offered,aht_seconds\n");
        for (var day = monday.AddDays(-28); day < monday; day = day.AddDays(1))
        {
            for (var minute = 8 * 60; minute < 20 * 60; minute += 15)
            {
                var offered = 6 + (int)(6 * Math.Sin(Math.PI * (minute - 480) / 720.0));
                csv.Append(CultureInfo.InvariantCulture, $"{day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute):yyyy-MM-dd HH:mm},voice,{offered},240\n");
            }
        }

        return csv.ToString();
    }

    private sealed class Services : IAsyncDisposable
    {
        public Services()
        {
            var historyStore = new HistoryStore(Center.Contexts, TimeProvider.System);
            History = new HistoryService(historyStore, Center.Service);
            Forecasts = new ForecastService(historyStore, new ForecastStore(Center.Contexts, TimeProvider.System), Center.Service);
            Plans = new StaffingPlanService(new EfStaffingPlanStore(Center.Contexts, TimeProvider.System), Center.Service);
            Schedules = new ScheduleService(new ScheduleStore(Center.Contexts, TimeProvider.System), Center.Service, Plans, Published);
        }

        public TestCenter Center { get; } = new();

        public HistoryService History { get; }

        public ForecastService Forecasts { get; }

        public StaffingPlanService Plans { get; }

        public ScheduleService Schedules { get; }

        public RecordingPlans Published { get; } = new();

        public ValueTask DisposeAsync()
        {
            Center.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Planned days as the board would receive them.</summary>
    private sealed class RecordingPlans : IShiftPlanWriter
    {
        public Dictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>> Days { get; } = [];

        public Task SetPlanAsync(string agentId, DateOnly day, IReadOnlyList<PlannedActivity> activities)
        {
            lock (Days)
            {
                Days[(agentId, day)] = activities;
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>A voice queue open 08:00–20:00, a team, a full-time contract, a day template, a rule set with a break and twelve agents.</summary>
    private static async Task SetUpAsync(Services s)
    {
        var center = s.Center.Service;
        await center.SaveQueueAsync(new QueueProfile("voice", "Voice", Channel.Voice, new ServiceLevelTarget(80, 20), "Mon-Sun 08:00-20:00"), create: true, Ct);
        await center.SaveTeamAsync(new TeamProfile("north", "North"), create: true, Ct);
        await center.SaveContractAsync(TestCenter.FullTime, create: true, Ct);
        await center.SaveTemplateAsync(new ShiftTemplateProfile("day", "Day", [480], new TimeOnly(8, 0), new TimeOnly(12, 0), 60), create: true, Ct);
        await center.SaveRuleSetAsync(new RuleSetProfile("std", "Standard", ["day"], [new BreakProfile("break", 15, 120, 300)]), create: true, Ct);
        for (var i = 1; i <= 12; i++)
        {
            await center.SaveAgentAsync(TestCenter.Agent($"a{i:00}"), create: true, Ct);
        }
    }

    [Fact]
    public async Task History_Forecast_Staffing_Schedule_AndPublish_RunThroughThePlanningLayer()
    {
        await using var s = new Services();
        await SetUpAsync(s);
        var monday = new DateOnly(2026, 11, 30);

        var imported = await s.History.ImportAsync(new StringReader(HistoryCsv(monday)), new HistoryImportRequest("voice.csv", Series: "Voice line"), Ct);
        var forecast = await s.Forecasts.CreateAsync(new ForecastRequestDto("Voice line", HorizonDays: 7), Ct);
        var chosen = await s.Forecasts.ForQueuesAsync(null, ["voice"], historyAht: false);
        var plan = await s.Plans.CreateAsync("week", chosen, new PeriodStaffingOptions(monday, 1, Shrinkage: 0), Ct);
        var schedule = await s.Schedules.CreateForCenterAsync(new CenterScheduleOrder(monday, 1, null, "std", TimeLimitSeconds: 10, StaffingPlanId: plan.Id), "{}", cancellationToken: Ct);
        var published = await s.Schedules.PublishAsync(schedule.Id, monday.AddDays(2), Ct);

        Assert.Equal(("Voice line", monday.AddDays(-28), monday.AddDays(-1)), (imported.Single().Key, imported.Single().FirstDay, imported.Single().LastDay));
        Assert.Equal("Voice line", forecast.Stored.SeriesKey);
        var voice = Assert.Single(chosen);
        Assert.Equal(("voice", monday, monday.AddDays(6)), (voice.QueueId, voice.From, voice.Through));

        // Closed time needs nobody: 20:00–08:00 has no agents in the plan, and the open day has some.
        var staffing = plan.Result.Queues.Single();
        Assert.All(Enumerable.Range(0, 7 * 96).Where(i => i % 96 is < 32 or >= 80), i => Assert.Equal(0, staffing.Scheduled[i]));
        Assert.True(staffing.Scheduled.Max() > 0);

        // The schedule is of the center's agents, kept with its problem; publishing leaves the days before its first day alone.
        var result = ScheduleService.Result(schedule);
        Assert.NotEmpty(result.Shifts);
        Assert.All(result.Shifts, sh => Assert.StartsWith("a", sh.AgentId));
        Assert.NotNull(schedule.ProblemJson);
        Assert.NotNull(published);
        Assert.NotEmpty(s.Published.Days);
        Assert.All(s.Published.Days.Keys, k => Assert.True(k.Day >= monday.AddDays(2) && k.Day <= monday.AddDays(6), $"{k.Day} published"));
        var agentDay = result.Shifts.First(sh => sh.Date >= monday.AddDays(2));
        var activities = s.Published.Days[(agentDay.AgentId, agentDay.Date)];
        Assert.Contains(activities, a => a.Kind == ActivityKind.Break);
        Assert.NotNull((await s.Schedules.GetAsync(schedule.Id))!.PublishedAt);
    }

    [Fact]
    public async Task AForecast_TakesTheCentersOwnDays_AClosedDayHasNoContacts()
    {
        await using var s = new Services();
        await SetUpAsync(s);
        var monday = new DateOnly(2026, 11, 30);
        await s.Center.Service.SaveDaysAsync([new CenterDay(monday.AddDays(2), "Office move", Closed: true)], Ct);
        await s.History.ImportAsync(new StringReader(HistoryCsv(monday)), new HistoryImportRequest("voice.csv"), Ct);

        var forecast = await s.Forecasts.CreateAsync(new ForecastRequestDto("voice", HorizonDays: 7), Ct);

        var moved = forecast.Result.Intervals.Where(i => DateOnly.FromDateTime(i.Start) == monday.AddDays(2)).ToList();
        Assert.All(moved, i => Assert.Equal(0, i.Forecast));
        Assert.Contains(forecast.Result.Intervals, i => DateOnly.FromDateTime(i.Start) == monday.AddDays(1) && i.Forecast > 0);
        Assert.Contains(forecast.Result.SpecialDays, d => d.Name == "Office move" && d.Closed);
    }

    [Fact]
    public async Task BadRequests_AreRefusedNamingTheField_AndNothingIsStored()
    {
        await using var s = new Services();
        await SetUpAsync(s);
        var monday = new DateOnly(2026, 11, 30);

        var mode = await Assert.ThrowsAsync<PlanningException>(() => s.History.ImportAsync(new StringReader(HistoryCsv(monday)), new HistoryImportRequest("h.csv", Mode: "sideways"), Ct));
        var zone = await Assert.ThrowsAsync<PlanningException>(() => s.History.ImportAsync(new StringReader(HistoryCsv(monday)), new HistoryImportRequest("h.csv", TimeZone: "Mars/Olympus"), Ct));
        var unknownQueue = await Assert.ThrowsAsync<PlanningException>(() => s.History.ImportAsync(
            new StringReader(HistoryCsv(monday).Replace(",voice,", ",billing,")), new HistoryImportRequest("h.csv"), Ct));
        var noSeries = await Assert.ThrowsAsync<PlanningException>(() => s.Forecasts.CreateAsync(new ForecastRequestDto("nothing"), Ct));
        var noRuleSet = await Assert.ThrowsAsync<PlanningException>(() => s.Schedules.CreateForCenterAsync(
            new CenterScheduleOrder(monday, 1, [new SkillRequirement("voice", new double[7 * 96])], "missing"), "{}", cancellationToken: Ct));
        var noPlan = await Assert.ThrowsAsync<PlanningException>(() => s.Schedules.CreateForCenterAsync(
            new CenterScheduleOrder(monday, 1, null, "std", StaffingPlanId: 99), "{}", cancellationToken: Ct));

        Assert.Equal("mode", mode.Errors[0].Field);
        Assert.Contains("append, replace or new", mode.Errors[0].Detail);
        Assert.Equal("timeZone", zone.Errors[0].Field);
        Assert.Contains("billing", unknownQueue.Message);
        Assert.Contains("import some first", noSeries.Errors[0].Detail);
        Assert.Equal("ruleSetId", noRuleSet.Errors[0].Field);
        Assert.Equal("staffingPlanId", noPlan.Errors[0].Field);
        Assert.Empty(await s.History.ListAsync());
        Assert.Empty(await s.Schedules.ListAsync());
    }

    [Fact]
    public async Task ASolve_IsRefusedWhenTooLarge_OrWhenTwoAreRunning_AndStopsStoringWhenTheCallerLeaves()
    {
        await using var s = new Services();
        var monday = new DateOnly(2026, 11, 30);
        ScheduleProblem Problem(int agents) => new(monday, 7, 15, [new SkillRequirement("voice", Enumerable.Range(0, 7 * 96).Select(i => i % 96 is >= 36 and < 68 ? 3.0 : 0).ToArray())],
            [.. Enumerable.Range(0, agents).Select(i => new ScheduleAgent($"x{i}", new Dictionary<string, double> { ["voice"] = 1 }, new Contract(0, 40, 5, 6, 11)))],
            [new ShiftTemplate("day", [480], TimeSpan.FromHours(8), TimeSpan.FromHours(12), 60)], []);

        var tooLarge = await Assert.ThrowsAsync<PlanningException>(() => s.Schedules.SolveAndStoreAsync(Problem(ScheduleService.MaxAgents + 1), null, 10, "{}", cancellationToken: Ct));

        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = s.Schedules.SolveAndStoreAsync(Problem(300), "one", 60, "{}", cancellationToken: leave.Token);
        var second = s.Schedules.SolveAndStoreAsync(Problem(300), "two", 60, "{}", cancellationToken: leave.Token);
        var third = await Assert.ThrowsAsync<PlanningBusyException>(() => s.Schedules.SolveAndStoreAsync(Problem(40), "three", 60, "{}", cancellationToken: Ct));
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        var after = await s.Schedules.SolveAndStoreAsync(Problem(40), "after", 5, "{}", cancellationToken: Ct);

        Assert.Equal("agents", tooLarge.Errors[0].Field);
        Assert.Contains("separately", tooLarge.Errors[0].Detail);
        Assert.Contains("try again", third.Message);
        Assert.Equal(["after"], (await s.Schedules.ListAsync()).Select(x => x.Name));
        Assert.NotEmpty(ScheduleService.Result(after).Shifts);
    }

    [Fact]
    public async Task Publishing_RefusesAgentsTheCenterNoLongerHas()
    {
        await using var s = new Services();
        await SetUpAsync(s);
        var monday = new DateOnly(2026, 11, 30);
        var need = Enumerable.Range(0, 7 * 96).Select(i => i % 96 is >= 40 and < 64 ? 2.0 : 0).ToArray();
        var schedule = await s.Schedules.CreateForCenterAsync(new CenterScheduleOrder(monday, 1, [new SkillRequirement("voice", need)], "std", TimeLimitSeconds: 5), "{}", cancellationToken: Ct);
        var someone = ScheduleService.Result(schedule).Shifts[0].AgentId;
        await s.Center.Service.SetActiveAsync(CenterKind.Agent, someone, active: false, Ct);

        var refused = await Assert.ThrowsAsync<PlanningException>(() => s.Schedules.PublishAsync(schedule.Id, cancellationToken: Ct));

        Assert.Equal("agents", refused.Errors[0].Field);
        Assert.Contains(someone, refused.Errors[0].Detail);
        Assert.Empty(s.Published.Days);
        Assert.Null((await s.Schedules.GetAsync(schedule.Id))!.PublishedAt);
        Assert.Null(await s.Schedules.PublishAsync(12345, cancellationToken: Ct));
    }
}
