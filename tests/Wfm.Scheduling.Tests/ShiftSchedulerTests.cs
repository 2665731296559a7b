using Wfm.Core.Staffing;

namespace Wfm.Scheduling.Tests;

public sealed class ShiftSchedulerTests
{
    private static readonly SchedulerOptions Fast = new(TimeLimitSeconds: 10, Workers: 2);

    [Fact]
    public void EnoughAgents_CoverEveryInterval_KeepEveryRule_AndStayAboveTheBound()
    {
        var problem = TestProblems.Problem(agents: 14);

        var result = ShiftScheduler.Solve(problem, Fast, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Unmet);
        Assert.Empty(result.Violations);
        foreach (var agent in problem.Agents)
        {
            var mine = result.Shifts.Where(s => s.AgentId == agent.Id).OrderBy(s => s.Day).ToList();
            Assert.True(mine.Count <= 5, $"{agent.Id} works {mine.Count} days");
            Assert.True(mine.Sum(s => s.PaidHours) <= 40 + 1e-9);
            Assert.Equal(mine.Count, mine.Select(s => s.Day).Distinct().Count());
            for (var k = 1; k < mine.Count; k++)
            {
                var rest = (mine[k].Option.StartMinuteOfHorizon - mine[k - 1].Option.EndMinuteOfHorizon) / 60.0;
                Assert.True(rest >= 11, $"{agent.Id}: {rest} h rest");
            }
        }

        // Every shift takes its break and its lunch inside their windows, and coverage counts them.
        Assert.All(result.Shifts, s => Assert.Equal(2, s.Breaks.Count));
        var voice = result.Coverage["voice"];
        var recount = Enumerable.Range(0, problem.Slots).Select(t => result.Shifts.Count(s => s.Working(t))).ToArray();
        Assert.Equal(recount, voice.Select(c => c.Working).ToArray());
        Assert.True(result.Quality.LowerBoundPaidHours > 0);
        Assert.True(result.Quality.ScheduledPaidHours >= result.Quality.LowerBoundPaidHours - 1e-6);
        Assert.Equal(0, result.Quality.UnderStaffHours, 6);

        // Covering the demand needs at least the demand bound; the contracts' bound is never below it.
        var q = result.Quality;
        Assert.False(q.Short);
        Assert.True(q.DemandBoundPaidHours > 0);
        Assert.True(q.ScheduledPaidHours >= q.DemandBoundPaidHours - 1e-6);
        Assert.True(q.LowerBoundPaidHours >= q.DemandBoundPaidHours - 1e-6);
        Assert.Equal(q.RequiredStaffHours, q.CoveredStaffHours, 6);
        Assert.Equal(14 * 40, q.CapacityPaidHours, 6);
    }

    [Fact]
    public void SplitByContract_PartTimersGetShiftsTheirContractsAllow()
    {
        var agents = Enumerable.Range(1, 16).Select(i => TestProblems.Agent(i, contract: i <= 4 ? new Contract(16, 24, 3, 3, 11) : new Contract(24, 40, 5, 5, 11))).ToArray();
        var problem = TestProblems.Problem(agents: 16, list: agents);

        var result = ShiftScheduler.Solve(problem, Fast with { SplitByContract = true }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Unmet);
        Assert.DoesNotContain(result.Violations, v => v.Rule != "min hours per week");
        Assert.All(agents.Take(4), a => Assert.True(result.Shifts.Count(s => s.AgentId == a.Id) <= 3));
    }

    [Fact]
    public void TooFewAgents_GiveTheBestPartialSchedule_AndNameWhatIsUnmetAndWhy()
    {
        var problem = TestProblems.Problem(agents: 4);

        var result = ShiftScheduler.Solve(problem, Fast, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(result.Shifts);
        Assert.NotEmpty(result.Unmet);
        Assert.Empty(result.Violations);
        Assert.All(result.Unmet, u => Assert.True(u.Working < u.Required));
        Assert.All(result.Unmet, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        Assert.True(result.Quality.UnderStaffHours > 0);
        // Four agents at 40 hours cannot exceed 160 paid hours, whatever the requirement.
        Assert.True(result.Quality.ScheduledPaidHours <= 160 + 1e-9);

        // Short of demand is said as such: paid hours below what the demand needs, never "at the bound".
        var q = result.Quality;
        Assert.True(q.Short);
        Assert.Equal(160, q.CapacityPaidHours, 6);
        Assert.True(q.DemandBoundPaidHours > q.CapacityPaidHours);
        Assert.True(q.GapToDemand < 0);
        Assert.Equal(q.RequiredStaffHours - q.UnderStaffHours, q.CoveredStaffHours, 6);
    }

    [Fact]
    public void NoTemplateReachesTheNight_ReasonSaysSo()
    {
        var requirement = TestProblems.Requirement(shape: (day, slot) => slot is 4 or 5 ? 1 : 0); // 02:00–03:00
        var problem = TestProblems.Problem(agents: 5, requirement: requirement);

        var result = ShiftScheduler.Solve(problem, Fast, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(14, result.Unmet.Count);
        Assert.All(result.Unmet, u => Assert.Equal("no shift template covers this time", u.Reason));
    }

    [Fact]
    public void TimeOff_Availability_AndPreferredDaysOff_AreKept()
    {
        var agents = Enumerable.Range(1, 14).Select(i => i switch
        {
            1 => TestProblems.Agent(i, off: [new TimeOff(TestProblems.Monday.AddDays(2), TestProblems.Monday.AddDays(3))]),
            2 => TestProblems.Agent(i, availability: Enumerable.Range(0, 7).Select(d => new AvailabilityWindow((DayOfWeek)d, TimeSpan.FromHours(7), TimeSpan.FromHours(16))).ToArray()),
            _ => TestProblems.Agent(i),
        }).ToArray();
        var problem = TestProblems.Problem(agents: 14, list: agents);

        var result = ShiftScheduler.Solve(problem, Fast, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(result.Shifts, s => s.AgentId == "a01" && s.Day is 2 or 3);
        Assert.All(result.Shifts.Where(s => s.AgentId == "a02"), s => Assert.True(s.Option.StartMinute + s.Option.LengthMinutes <= 16 * 60));
        Assert.Empty(result.Violations);
    }

    [Theory]
    [InlineData("unknown skill 'chat'")]
    [InlineData("overlaps")]
    [InlineData("longer than the longest shift")]
    [InlineData("has no contract")]
    public void BadInput_IsRefused_NamingTheRow(string expected)
    {
        var agent = TestProblems.Agent(1) with { Row = 7 };
        var problem = TestProblems.Problem(agents: 1);
        problem = expected switch
        {
            "unknown skill 'chat'" => problem with { Agents = [agent with { Skills = new Dictionary<string, double> { ["chat"] = 1 } }] },
            "overlaps" => problem with { Agents = [agent with { TimeOff = [new TimeOff(TestProblems.Monday, TestProblems.Monday.AddDays(2)), new TimeOff(TestProblems.Monday.AddDays(1), TestProblems.Monday.AddDays(1))] }] },
            "has no contract" => problem with { Agents = [agent with { Contract = null! }] },
            _ => problem with { Breaks = [new BreakRule("lunch", 60, 400, 500)] },
        };

        var error = Assert.Throws<StaffingInputException>(() => ShiftScheduler.Solve(problem, Fast, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Detail);
        if (expected != "longer than the longest shift")
        {
            Assert.Equal("agents row 7", error.Field);
        }
    }

    [Fact]
    public void CapOnWorkWithoutBreak_IsKept()
    {
        var problem = TestProblems.Problem(agents: 14) with { MaxMinutesWithoutBreak = 180 };

        var result = ShiftScheduler.Solve(problem, Fast, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var s in result.Shifts)
        {
            var cuts = s.Breaks.OrderBy(b => b.StartSlot).SelectMany(b => new[] { b.StartSlot, b.EndSlot }).Prepend(s.StartSlot).Append(s.EndSlot).ToArray();
            for (var i = 0; i + 1 < cuts.Length; i += 2)
            {
                Assert.True((cuts[i + 1] - cuts[i]) * 30 <= 180, $"{s.AgentId} day {s.Day}: {(cuts[i + 1] - cuts[i]) * 30} minutes without a break");
            }
        }
    }
}
