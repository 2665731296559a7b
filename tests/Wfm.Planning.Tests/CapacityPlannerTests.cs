using Wfm.Core.Directory;
using Wfm.Core.Forecasting;
using Wfm.Core.Queues;
using Wfm.Planning.Capacity;

namespace Wfm.Planning.Tests;

/// <summary>The capacity plan from history to hiring plan, on a small two-queue center made here.</summary>
public sealed class CapacityPlannerTests
{
    private static readonly DateOnly Monday = new(2026, 6, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DemandHistory History(string queue, double perHour, double aht)
    {
        var observations = new List<DemandObservation>();
        for (var d = 0; d < 12 * 7; d++)
        {
            var date = Monday.AddDays(d);
            if (date.DayOfWeek == DayOfWeek.Sunday)
            {
                continue;
            }

            for (var h = 8; h < 20; h++)
            {
                var shape = 0.6 + (0.4 * Math.Exp(-Math.Pow((h - 12) / 3.0, 2)));
                observations.Add(new DemandObservation(date.ToDateTime(new TimeOnly(h, 0)), perHour * shape, aht));
            }
        }

        return DemandHistory.Build(queue, 60, observations);
    }

    private static CapacityInputs Inputs(params HeadcountRow[] headcount) => new(
        [
            new CapacityQueueInput(History("voice", 200, 300), new QueueProfile("voice", "Voice", Channel.Voice, new ServiceLevelTarget(80, 20))),
            new CapacityQueueInput(History("chat", 60, 600), new QueueProfile("chat", "Chat", Channel.Chat, new ServiceLevelTarget(80, 60))),
        ],
        headcount.Length > 0 ? headcount : [new HeadcountRow(["voice"], 12, 40), new HeadcountRow(["chat"], 4, 40), new HeadcountRow(["voice", "chat"], 4, 40)],
        null,
        []);

    private static CapacityRequest Request => new()
    {
        Weeks = 13,
        Hiring = [new HiringInput(["voice"], MinClassSize: 2, MaxClassSize: 10, ClassroomWeeks: 2)],
        LeadTimeWeeks = 1,
    };

    [Fact]
    public void RequiredFte_ComesFromTheIntervalModels_AndTheFlatFigureStandsBeside()
    {
        var plan = CapacityPlanner.Plan(Inputs(), Request, Ct);
        var voice = plan.Queues.Single(q => q.QueueId == "voice");
        var chat = plan.Queues.Single(q => q.QueueId == "chat");

        Assert.Equal(new DateOnly(2026, 8, 24), plan.Start);
        Assert.Equal(13, plan.Totals.Count);
        Assert.Equal(("erlang-a", "chat"), (voice.Model, chat.Model));
        // Voice needs slack above its workload to answer 80 % in 20 s; chats share an agent, so they need less than their workload.
        Assert.All(voice.Weeks, w => Assert.True(w.RequiredFte > w.FlatFte, $"{w.RequiredFte} vs {w.FlatFte}"));
        Assert.All(chat.Weeks, w => Assert.True(w.RequiredFte < w.FlatFte, $"{w.RequiredFte} vs {w.FlatFte}"));
        // 11 weeks of flat history: 200 an hour × the shape × 72 open hours.
        Assert.InRange(voice.Weeks[0].Volume, 11_000, 13_000);
        // Day by day (for the months of a page's calendar): the weeks' contacts over their open days, Sundays closed.
        Assert.Equal(13 * 7, voice.Days!.Count);
        Assert.Equal(voice.Weeks.Sum(w => w.Volume), voice.Days.Sum(), tolerance: 50);
        Assert.Equal(0, voice.Days[6]);
        Assert.Equal(["chat", "chat+voice", "voice"], plan.Groups.Select(g => g.Id));
        Assert.All(plan.Totals, t => Assert.InRange(t.ServiceLevel!.Value, 0, 1));
    }

    [Fact]
    public void PlannedChangesAndScenarioKnobs_MoveOnlyWhatTheyName()
    {
        var basePlan = CapacityPlanner.Plan(Inputs(), Request, Ct);
        var changed = CapacityPlanner.Plan(Inputs(), Request with
        {
            Changes = [new PlannedChange("volume", 30, new DateOnly(2026, 9, 21), Queues: ["chat"]), new PlannedChange("aht", -10, new DateOnly(2026, 9, 7), Channel: "voice")],
        }, Ct);
        var busier = CapacityPlanner.Plan(Inputs(), Request with { Scenario = new CapacityScenario(VolumePercent: 20) }, Ct);
        double Volume(CapacityPlanResult p, string queue, int week) => p.Queues.Single(q => q.QueueId == queue).Weeks[week].Volume;
        double Aht(CapacityPlanResult p, string queue, int week) => p.Queues.Single(q => q.QueueId == queue).Weeks[week].AhtSeconds;

        Assert.Equal(Volume(basePlan, "chat", 3), Volume(changed, "chat", 3), 6);
        Assert.Equal(Volume(basePlan, "chat", 4) * 1.3, Volume(changed, "chat", 4), 6);
        Assert.Equal(Volume(basePlan, "voice", 4), Volume(changed, "voice", 4), 6);
        Assert.Equal(Aht(basePlan, "voice", 2) * 0.9, Aht(changed, "voice", 2), 6);
        Assert.Equal(Aht(basePlan, "chat", 2), Aht(changed, "chat", 2), 6);
        Assert.True(busier.Totals[0].RequiredFte > basePlan.Totals[0].RequiredFte * 1.1);
    }

    [Fact]
    public void LeaveAndTransfers_ChangeTheGroupsSupplyInTheirWeeks()
    {
        var plan = CapacityPlanner.Plan(Inputs(), Request with
        {
            Leave = [new LeaveInput(new DateOnly(2026, 9, 7), new DateOnly(2026, 9, 13), 3, ["voice"], "summer")],
            Transfers = [new TransferInput(new DateOnly(2026, 9, 14), ["chat"], ["voice"], 2)],
            Hiring = [],
        }, Ct);
        // Attrition takes under 0.1 FTE a week from these small groups.
        double Supply(string group, int week) => plan.Plan.Groups.Single(g => g.GroupId == group && g.Week == week).ProductiveFte;

        Assert.Equal(Supply("voice", 1) - 3, Supply("voice", 2), tolerance: 0.2);
        Assert.Equal(Supply("voice", 1), Supply("voice", 3) - 2, tolerance: 0.2);
        Assert.Equal(Supply("chat", 2) - 2, Supply("chat", 3), tolerance: 0.2);
    }

    [Fact]
    public void BadSettings_AreRefusedNamingEachField()
    {
        var ex = Assert.Throws<PlanningException>(() => CapacityPlanner.Plan(Inputs(), Request with
        {
            Weeks = 200,
            OvertimeShare = 0.9,
            Hiring = [new HiringInput(["fax"])],
            Events = [new CapacityEvent(new DateOnly(2026, 12, 1), "", 30)],
        }, Ct));

        Assert.Equal(["weeks", "overtimeShare", "hiring[0].skills", "events[0].name", "events[0]"], ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void LeaveAndTransfers_NameGroupsThatExist()
    {
        var ex = Assert.Throws<PlanningException>(() => CapacityPlanner.Plan(Inputs(), Request with
        {
            Leave = [new LeaveInput(new DateOnly(2026, 9, 7), new DateOnly(2026, 9, 13), 1, ["voice", "email"])],
            Transfers = [new TransferInput(new DateOnly(2026, 9, 14), ["chat"], ["email"], 1)],
        }, Ct));

        Assert.Equal(["leave[0].skills", "transfers[0].to"], ex.Errors.Select(e => e.Field));
        Assert.Contains("chat+voice", ex.Errors[0].Detail);
    }

    [Fact]
    public void TheSettingsFile_RefusesAMisspeltSetting_NamingIt()
    {
        var ex = Assert.Throws<PlanningException>(() => CapacityFiles.ReadRequest("{\"weeks\": 26, \"trainer\": 2}", "hiring.json"));
        Assert.Contains("trainer", ex.Errors[0].Field + ex.Errors[0].Detail);
        Assert.Equal(26, CapacityFiles.ReadRequest("{\"weeks\": 26, \"trainers\": 2}", "hiring.json").Weeks);
    }
}
