using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using Wfm.Core.Time;
using Wfm.Core.Wellbeing;

namespace Wfm.Core.Tests.Wellbeing;

/// <summary>A scripted agent day read into what the burnout score needs.</summary>
public sealed class WellbeingCalculatorTests
{
    private static readonly CenterClock Clock = new(TimeZoneInfo.Utc, 15);
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static DateTimeOffset At(DateOnly day, int hour, int minute, int second = 0) => new(day.ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.Zero);

    [Fact]
    public void ScriptedDay_GivesStreaks_BackToBack_BreaksLateAndMissed_Overtime_AndRest()
    {
        var changes = new List<StateChange> { new(At(Monday, 9, 0), AgentState.Available) };
        // Ten 12-minute contacts from 09:05, each followed by 1 minute of wrap-up and a 10-second pause: busy until about 11:35.
        var t = At(Monday, 9, 5);
        for (var i = 0; i < 11; i++)
        {
            changes.Add(new StateChange(t, AgentState.OnContact));
            changes.Add(new StateChange(t.AddMinutes(12), AgentState.AfterContactWork));
            changes.Add(new StateChange(t.AddMinutes(13), AgentState.Available));
            t = t.AddMinutes(13).AddSeconds(10);
        }

        changes.Add(new StateChange(At(Monday, 11, 35), AgentState.Break));     // planned 11:00, 35 minutes late
        changes.Add(new StateChange(At(Monday, 11, 50), AgentState.Available));
        changes.Add(new StateChange(At(Monday, 17, 30), AgentState.Offline));   // no lunch at all; half an hour over
        var tuesday = Monday.AddDays(1);
        changes.Add(new StateChange(At(tuesday, 7, 0), AgentState.Available));  // 13.5 h after leaving
        changes.Add(new StateChange(At(tuesday, 15, 0), AgentState.Offline));
        var plan = new Dictionary<DateOnly, IReadOnlyList<PlannedActivity>>
        {
            [Monday] =
            [
                new(At(Monday, 9, 0), At(Monday, 11, 0), ActivityKind.Work),
                new(At(Monday, 11, 0), At(Monday, 11, 15), ActivityKind.Break),
                new(At(Monday, 11, 15), At(Monday, 13, 0), ActivityKind.Work),
                new(At(Monday, 13, 0), At(Monday, 13, 30), ActivityKind.Lunch),
                new(At(Monday, 13, 30), At(Monday, 17, 0), ActivityKind.Work),
            ],
        };

        var days = WellbeingCalculator.Days(changes, plan, new Dictionary<DateOnly, int> { [Monday] = 2 }, Monday, tuesday, Clock, At(tuesday, 20, 0));

        Assert.Equal(2, days.Count);
        var monday = days[0];
        Assert.Equal(8.5, monday.WorkedHours, 3);
        Assert.Equal(8, monday.ScheduledHours, 3);
        Assert.Equal(11, monday.LongestBackToBack);
        Assert.InRange(monday.LongestHighOccupancyMinutes, 144, 146);
        Assert.Equal(1, monday.BreaksLate);
        Assert.Equal(1, monday.BreaksMissed);
        Assert.Equal(2, monday.AbuseIncidents);
        Assert.NotNull(monday.Adherence);
        Assert.True(monday.Adherence < 0.95);
        Assert.Null(monday.RestHoursBefore);
        Assert.Equal(13.5, days[1].RestHoursBefore);
        Assert.Equal(8, days[1].WorkedHours, 3);
        Assert.Null(days[1].Adherence);
        Assert.Equal(0, days[1].LongestBackToBack);
    }

    [Fact]
    public void ScoreFromCalculatedDays_CountsTheHotDayAndTheBreaks()
    {
        var changes = new List<StateChange>();
        var day = Monday;
        for (var d = 0; d < 6; d++, day = day.AddDays(1))
        {
            // 150 minutes without a pause every day, breaks never taken.
            changes.Add(new StateChange(At(day, 9, 0), AgentState.OnContact));
            changes.Add(new StateChange(At(day, 11, 30), AgentState.Available));
            changes.Add(new StateChange(At(day, 17, 0), AgentState.Offline));
        }

        var plans = Enumerable.Range(0, 6).Select(i => Monday.AddDays(i)).ToDictionary(d => d, d => (IReadOnlyList<PlannedActivity>)
            [new(At(d, 9, 0), At(d, 12, 0), ActivityKind.Work), new(At(d, 12, 0), At(d, 12, 15), ActivityKind.Break), new(At(d, 12, 15), At(d, 17, 0), ActivityKind.Work)]);
        var days = WellbeingCalculator.Days(changes, plans, new Dictionary<DateOnly, int>(), Monday, Monday.AddDays(5), Clock, At(Monday.AddDays(6), 0, 0));

        var score = BurnoutRisk.Score("a1", days, Monday.AddDays(5));

        var points = score.Factors.ToDictionary(f => f.Factor, f => f.Points);
        Assert.Equal(20, points["occupancy"]);
        Assert.Equal(15, points["breaks"]);
        Assert.Equal(Math.Round(10 / 3.0, 1), points["rotations and days in a row"]); // six days in a row
    }
}
