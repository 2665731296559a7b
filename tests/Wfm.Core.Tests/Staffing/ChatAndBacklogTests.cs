using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Backlog;

namespace Wfm.Core.Tests.Staffing;

public sealed class ChatAndBacklogTests
{
    [Fact]
    public void ChatQueue_OneChatAtATime_EqualsErlangA()
    {
        var interval = new StaffingInterval(150, 300, 1800);
        var chat = new ChatQueue(interval, ConcurrencyCurve.Linear(1), 240, 60).Evaluate(27);
        var erlang = new ErlangQueue(interval, 240, 60).Evaluate(27);

        Assert.Equal(erlang.ServiceLevel, chat.ServiceLevel, 1e-10);
        Assert.Equal(erlang.AbandonRate, chat.AbandonRate, 1e-10);
        Assert.Equal(erlang.Occupancy, chat.Occupancy, 1e-10);
    }

    [Fact]
    public void ChatRequirement_WithConcurrency_IsNotAhtDividedByConcurrency()
    {
        // 3 chats at once with handle time stretching 25 % per extra chat: an agent does 3 ÷ 1.5 = 2 chats'
        // worth of work, not 3. The naive "AHT ÷ 3" would staff a third of Erlang's answer.
        var interval = new StaffingInterval(300, 480, 1800);
        var targets = new ServiceTargets(0.8, 60);
        var solo = RequirementSolver.Solve(new ChatQueue(interval, ConcurrencyCurve.Linear(1), null, 60), targets);
        var three = RequirementSolver.Solve(new ChatQueue(interval, ConcurrencyCurve.Linear(3, 0.25), null, 60), targets);
        var naive = RequirementSolver.Solve(new ErlangQueue(interval with { AhtSeconds = 480 / 3.0 }, null, 60), targets);

        Assert.True(three.Agents < solo.Agents, "concurrency must save agents");
        Assert.True(three.Agents > naive.Agents, $"stretching handle time must cost more than AHT÷3: {three.Agents} vs {naive.Agents}");
        Assert.InRange(three.Agents, solo.Agents / 2.2, solo.Agents / 1.6);
    }

    [Fact]
    public void ConcurrencyCurve_BadFactor_NamesTheLevel()
    {
        var ex = Assert.Throws<StaffingInputException>(() => ConcurrencyCurve.Parse("1,0,1.5"));
        Assert.Equal("concurrency[2]", ex.Field);
    }

    [Fact]
    public void Shrinkage_Components_AddUp()
    {
        var s = Shrinkage.Parse("breaks=0.1,coaching=5%,absence=0.15");
        Assert.Equal(0.3, s.Total, 1e-12);
        Assert.Equal(20, s.ScheduledAgents(14));
        Assert.Equal(3, s.Components.Count);
        var ex = Assert.Throws<StaffingInputException>(() => Shrinkage.Parse("breaks=0.6,absence=0.5"));
        Assert.Equal("shrinkage", ex.Field);
    }

    private static BacklogInterval[] EmailDay()
    {
        // 48 half-hours; email arrives around the clock, agents work 08:00–20:00.
        return Enumerable.Range(0, 48)
            .Select(i => new BacklogInterval(i is >= 16 and < 40 ? 40 : 10, 360, i is >= 16 and < 40))
            .ToArray();
    }

    [Fact]
    public void Backlog_FullTarget_MeetsEveryDeadlineWithTheLowestPeak()
    {
        var target = new BacklogTarget(1.0, 12 * 3600, Utilisation: 1);
        var plan = BacklogPlanner.Plan(EmailDay(), 1800, target);

        Assert.True(plan.FractionWithinTarget >= 0.999, $"within target {plan.FractionWithinTarget:0.000}");
        Assert.All(plan.Intervals.Where(r => r.Index is < 16 or >= 40), r => Assert.Equal(0, r.Agents));
        var peak = plan.Intervals.Max(r => r.AgentsFractional);
        var dueWork = EmailDay().Take(24).Sum(i => i.Arrivals * i.AhtSeconds);
        Assert.True(peak < 12, $"a level profile should not spike: peak {peak:0.0}");
        Assert.True(plan.Intervals.Sum(r => r.AgentsFractional) * 1800 >= dueWork * 0.999, "capacity covers the work due");
    }

    [Fact]
    public void Backlog_LowerTarget_NeedsFewerAgentHours()
    {
        var strict = BacklogPlanner.Plan(EmailDay(), 1800, new BacklogTarget(1.0, 4 * 3600));
        var loose = BacklogPlanner.Plan(EmailDay(), 1800, new BacklogTarget(0.8, 4 * 3600));

        Assert.True(loose.AgentHours < strict.AgentHours, $"{loose.AgentHours} vs {strict.AgentHours}");
        Assert.True(loose.FractionWithinTarget >= 0.8);
    }

    [Fact]
    public void Backlog_BusinessClock_GivesNightEmailUntilNextMorning()
    {
        // On the business clock a 2-hour deadline for mail arriving at night runs from opening time.
        var wall = BacklogPlanner.Plan(EmailDay(), 1800, new BacklogTarget(1.0, 2 * 3600, DeadlineClock.Wall));
        var business = BacklogPlanner.Plan(EmailDay(), 1800, new BacklogTarget(1.0, 2 * 3600, DeadlineClock.Business));

        Assert.True(business.FractionWithinTarget >= 0.999);
        Assert.True(wall.FractionWithinTarget < 0.9, "night mail cannot be answered in 2 wall-clock hours by a day team");
    }

    [Fact]
    public void Backlog_CarriedItems_RaiseTheMorningStaffing()
    {
        var target = new BacklogTarget(1.0, 3 * 3600);
        var clean = BacklogPlanner.Plan(EmailDay(), 1800, target);
        var carried = BacklogPlanner.Plan(EmailDay(), 1800, target, new CarriedBacklog(300, 360, 3600));

        Assert.True(carried.Intervals[16].AgentsFractional > clean.Intervals[16].AgentsFractional);
    }

    [Fact]
    public void Backlog_NoOpenInterval_IsRefused()
    {
        var closed = Enumerable.Repeat(new BacklogInterval(5, 300, false), 4).ToArray();
        var ex = Assert.Throws<StaffingInputException>(() => BacklogPlanner.Plan(closed, 1800, new BacklogTarget(0.9, 3600)));
        Assert.Equal("intervals", ex.Field);
    }
}
