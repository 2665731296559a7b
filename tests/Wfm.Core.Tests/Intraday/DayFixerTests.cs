using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Intraday;
using Wfm.Core.Time;

namespace Wfm.Core.Tests.Intraday;

public sealed class DayFixerTests
{
    private static readonly CenterClock Clock = CenterClock.For("Europe/Istanbul", 15);
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly ContractProfile FullTime = new("full", "Full time", 30, 45, 5, 6, 11, NightShifts: false);

    private static DateTimeOffset At(int hour, int minute = 0) => Clock.ToUtc(Monday, new TimeOnly(hour, minute));

    private static PlannedActivity Work(int from, int to) => new(At(from), At(to), ActivityKind.Work);

    private static FixAgent Agent(string id, IReadOnlyList<PlannedActivity> day, double otherDays = 32, bool atRisk = false, DateTimeOffset? nextStart = null) =>
        new(id, ["q1"], day, otherDays, null, nextStart, FullTime, atRisk);

    /// <summary>A shift from..to with a 15-minute break at breakHour:breakMinute.</summary>
    private static IReadOnlyList<PlannedActivity> Shift(int from, int to, int breakHour, int breakMinute = 0) =>
        DayFixer.Rebuild([Work(from, to)], [new PlannedActivity(At(breakHour, breakMinute), At(breakHour, breakMinute + 15), ActivityKind.Break)]);

    /// <summary>q1 needing <paramref name="need"/> agents per local hour, its scheduled agents counted from the agents' days.</summary>
    private static DayFixer Fixer(DateTimeOffset now, Func<int, int> need, params FixAgent[] agents)
    {
        var slots = Clock.IntervalsPerDay;
        var scheduled = new int[slots];
        for (var i = 0; i < slots; i++)
        {
            var middle = Clock.IntervalStart(Monday, i).AddMinutes(7.5);
            scheduled[i] = agents.Count(a => a.Day.Any(x => x.Kind == ActivityKind.Work && x.Start <= middle && middle < x.End));
        }

        var required = Enumerable.Range(0, slots).Select(i => (int?)need(i * 15 / 60)).ToArray();
        return new DayFixer(Clock, Monday, now, [new FixQueue("q1", required, scheduled)]);
    }

    [Fact]
    public void ABreakInAShortInterval_MovesWithinItsReach_IntoSlack()
    {
        var a = Agent("a", Shift(8, 16, 12));
        var b = Agent("b", Shift(8, 16, 14));
        var fixer = Fixer(At(10), h => h is 11 or 12 ? 2 : h is >= 8 and < 16 ? 1 : 0, a, b);

        var fix = Assert.Single(fixer.Suggest([a, b]), f => f.AgentId == "a");

        Assert.Equal(DayFixKind.MoveBreak, fix.Kind);
        Assert.Equal(At(12), fix.From);
        Assert.Equal(At(13), fix.NewFrom); // the nearest slack: out of the short hours, within 90 minutes
        Assert.Equal(1, fix.Gain);
        Assert.Equal(0, fix.PaidMinutes);
        Assert.Contains(fix.NewDay, x => x.Kind == ActivityKind.Break && x.Start == fix.NewFrom);
        Assert.Equal(DayFixer.PaidMinutes(a.Day), DayFixer.PaidMinutes(fix.NewDay));
    }

    [Fact]
    public void Overtime_CoversTheShortIntervalsAfterAShift_UpToTheContractsWeeklyHours()
    {
        var roomy = Agent("a", Shift(8, 16, 12), otherDays: 32);
        var fix = Assert.Single(Fixer(At(10), h => h < 18 ? 1 : 0, roomy).Suggest([roomy]));
        Assert.Equal(DayFixKind.Overtime, fix.Kind);
        Assert.Equal((At(16), At(18)), (fix.From, fix.To));
        Assert.Equal(8, fix.Gain);
        Assert.Equal(120, fix.PaidMinutes);

        // 36 h on the other days + 8 today leave one hour under the contract's 45.
        var tight = Agent("a", Shift(8, 16, 12), otherDays: 36);
        var fixer = Fixer(At(10), h => h < 18 ? 1 : 0, tight);
        var trimmed = Assert.Single(fixer.Suggest([tight]));
        Assert.Equal((At(16), At(17)), (trimmed.From, trimmed.To));
        Assert.Null(fixer.Broken(tight, trimmed.NewDay));
        Assert.Equal("maxHoursPerWeek", fixer.Broken(tight, fix.NewDay));
    }

    [Fact]
    public void NoOvertime_ForAnAgentAtBurnoutRisk_OrIntoTheirRestBeforeTomorrow()
    {
        var atRisk = Agent("a", Shift(8, 16, 12), atRisk: true);
        Assert.Empty(Fixer(At(10), h => h < 18 ? 1 : 0, atRisk).Suggest([atRisk]));

        // Tomorrow at 03:00 with 11 hours' rest: the shift may end at 16:00 and not later.
        var early = Agent("a", Shift(8, 16, 12), nextStart: Clock.ToUtc(Monday.AddDays(1), new TimeOnly(3, 0)));
        var fixer = Fixer(At(10), h => h < 18 ? 1 : 0, early);
        Assert.Empty(fixer.Suggest([early]));
        Assert.Null(fixer.Take(early, DayFixKind.Overtime, At(16), At(18)));
    }

    [Fact]
    public void TimeOff_IsOfferedWhereEveryQueueKeepsWhatItNeeds_ToOneAgentOnly()
    {
        var a = Agent("a", Shift(8, 18, 12));
        var b = Agent("b", Shift(8, 18, 13));
        var fixes = Fixer(At(10), h => h is >= 8 and < 14 ? 2 : h is >= 14 and < 18 ? 1 : 0, a, b).Suggest([a, b]);

        // b's 13:00 break leaves the short hours for 14:00, so a can go from 14:15, when two are on and one is needed.
        var moved = Assert.Single(fixes, f => f.Kind == DayFixKind.MoveBreak);
        Assert.Equal(("b", At(14)), (moved.AgentId, moved.NewFrom));
        var fix = Assert.Single(fixes, f => f.Kind == DayFixKind.TimeOff);
        Assert.Equal(("a", At(14, 15), At(18)), (fix.AgentId, fix.From, fix.To));
        Assert.Equal(-225, fix.PaidMinutes);
        Assert.Equal(At(14, 15), DayFixer.Span(fix.NewDay).End);
    }

    [Fact]
    public void NothingChanges_BeforeTheNextIntervalBoundary()
    {
        // At 12:05 the break that started at 12:00 is under way: it stays, though 12:00 is short.
        var a = Agent("a", Shift(8, 16, 12));
        var b = Agent("b", Shift(8, 16, 14));
        var fixer = Fixer(At(12, 5), h => h is 11 or 12 ? 2 : h is >= 8 and < 16 ? 1 : 0, a, b);

        Assert.Equal(At(12, 15), fixer.Earliest);
        Assert.DoesNotContain(fixer.Suggest([a, b]), f => f.AgentId == "a" && f.Kind == DayFixKind.MoveBreak);
    }

    [Fact]
    public void AnOffer_IsTakenByAnAgentWhoseShiftMeetsTheWindow()
    {
        var endsAtFour = Agent("a", Shift(8, 16, 12));
        var endsAtNoon = Agent("b", [Work(8, 12)]);
        var fixer = Fixer(At(10), h => h < 18 ? 2 : 0, endsAtFour, endsAtNoon);

        var taken = fixer.Take(endsAtFour, DayFixKind.Overtime, At(16), At(18));
        Assert.NotNull(taken);
        Assert.Equal(At(18), DayFixer.Span(taken.NewDay).End);
        Assert.Null(fixer.Take(endsAtNoon, DayFixKind.Overtime, At(16), At(18)));
        Assert.Null(fixer.Take(endsAtFour, DayFixKind.TimeOff, At(16), At(18)));
    }

    [Fact]
    public void AMultiSkilledAgent_MovesFromAQueueWithOneToSpare_ToAShortOneOfTheirs()
    {
        // m and x work for q1, which needs one all day; q2 needs one from 12:00 and has nobody; m can take calls of both.
        var m = new FixAgent("m", ["q1", "q2"], [new PlannedActivity(At(8), At(16), ActivityKind.Work, "q1")], 32, null, null, FullTime, false);
        var x = new FixAgent("x", ["q1"], [new PlannedActivity(At(8), At(16), ActivityKind.Work, "q1")], 32, null, null, FullTime, false);
        var slots = Clock.IntervalsPerDay;
        int? Hours(int i, int from, int to) => i * 15 / 60 is var h && h >= from && h < to ? 1 : 0;
        var q1 = new FixQueue("q1", [.. Enumerable.Range(0, slots).Select(i => Hours(i, 8, 16))], [.. Enumerable.Range(0, slots).Select(i => Hours(i, 8, 16) * 2 ?? 0)]);
        var q2 = new FixQueue("q2", [.. Enumerable.Range(0, slots).Select(i => Hours(i, 12, 16))], new int[slots]);

        var fix = Assert.Single(new DayFixer(Clock, Monday, At(10), [q1, q2]).Suggest([m, x]));

        Assert.Equal((DayFixKind.MoveQueue, "m", "q2"), (fix.Kind, fix.AgentId, fix.ToQueue));
        Assert.Equal((At(12), At(16)), (fix.From, fix.To));
        Assert.Equal(16, fix.Gain); // q2 covered all afternoon; q1 keeps the one it needs
        Assert.Equal(
            [new PlannedActivity(At(8), At(12), ActivityKind.Work, "q1"), new PlannedActivity(At(12), At(16), ActivityKind.Work, "q2")],
            fix.NewDay);
    }

    [Fact]
    public void ABreakMoved_LeavesEachStretchOfWorkForTheQueueItWasFor()
    {
        var day = DayFixer.Rebuild(
            [new PlannedActivity(At(8), At(12), ActivityKind.Work, "q1"), new PlannedActivity(At(12), At(12, 15), ActivityKind.Break), new PlannedActivity(At(12, 15), At(16), ActivityKind.Work, "q2")],
            [new PlannedActivity(At(13), At(13, 15), ActivityKind.Break)]);

        Assert.Equal(
            [
                new PlannedActivity(At(8), At(12, 15), ActivityKind.Work, "q1"), // the break's old place works for the queue before it
                new PlannedActivity(At(12, 15), At(13), ActivityKind.Work, "q2"),
                new PlannedActivity(At(13), At(13, 15), ActivityKind.Break),
                new PlannedActivity(At(13, 15), At(16), ActivityKind.Work, "q2"),
            ],
            day);
    }

    [Fact]
    public void AMovedBreak_KeepsToTheWindowOfTheRuleThatPlacedIt()
    {
        // 10:00–11:00 needs two; a's 10:30 break leaves one. Nearest slack: 11:00 (30 minutes away), then 09:45.
        IReadOnlyList<PlannedActivity> Day() => Shift(8, 16, 10, 30);
        var need = (Func<int, int>)(h => h == 10 ? 2 : h is >= 8 and < 16 ? 1 : 0);
        var free = Agent("a", Day());
        var b = Agent("b", Shift(8, 16, 14));
        Assert.Equal(At(11), Assert.Single(Fixer(At(9), need, free, b).Suggest([free, b]), f => f.AgentId == "a").NewFrom);

        // The rule set's break starts 60 to 170 minutes into the shift: 11:00 (180) is out, 09:45 (105) is in.
        var ruled = Agent("a", Day()) with { BreakRules = [new BreakProfile("Break", 15, 60, 170), new BreakProfile("Lunch", 30, 180, 300, Paid: false)] };
        Assert.Equal(At(9, 45), Assert.Single(Fixer(At(9), need, ruled, b).Suggest([ruled, b]), f => f.AgentId == "a").NewFrom);
    }
}
