using Wfm.Core.Adherence;
using Wfm.Core.Agents;

namespace Wfm.Core.Tests;

public sealed class ObservedDayTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private static readonly PlannedActivity[] Plan =
    [
        new(Midnight.AddHours(6), Midnight.AddHours(10), ActivityKind.Work),
        new(Midnight.AddHours(10), Midnight.AddHours(10.25), ActivityKind.Break),
        new(Midnight.AddHours(10.25), Midnight.AddHours(14), ActivityKind.Work),
    ];

    [Fact]
    public void AServerStartedAtNoon_DoesNotCountTheMorningsShiftAsMissed()
    {
        var noon = Midnight.AddHours(12);

        var from = ObservedDay.From(Midnight, noon, []);
        var result = AdherenceCalculator.Compute(ObservedDay.Clip(Plan, from), [], Midnight.AddHours(13));

        Assert.Equal(noon, from);
        Assert.Equal(60, result.ScheduledMinutes, 6);
        Assert.Equal(60, result.MinutesOut, 6);
        // Without the cut the hours before the server existed would count as out.
        Assert.Equal(60 * 7, AdherenceCalculator.Compute(Plan, [], Midnight.AddHours(13)).MinutesOut, 6);
    }

    [Fact]
    public void AnAgentsEarlierEvents_OrAStateCarriedFromYesterday_StartTheDayEarlier()
    {
        var noon = Midnight.AddHours(12);
        StateChange[] early = [new(Midnight.AddHours(6.5), AgentState.Available)];
        StateChange[] carried = [new(Midnight, AgentState.Offline)];
        StateChange[] later = [new(Midnight.AddHours(12.5), AgentState.Available)];

        Assert.Equal(Midnight.AddHours(6.5), ObservedDay.From(Midnight, noon, early));
        Assert.Equal(Midnight, ObservedDay.From(Midnight, noon, carried));
        Assert.Equal(noon, ObservedDay.From(Midnight, noon, later));
        Assert.Equal(Midnight, ObservedDay.From(Midnight, Midnight.AddDays(-3), []));
    }

    [Fact]
    public void Clip_DropsWhatEndedBefore_StartsTheRunningActivityThere_AndKeepsAnUntouchedPlan()
    {
        var clipped = ObservedDay.Clip(Plan, Midnight.AddHours(10.1));

        Assert.Equal(
            [new PlannedActivity(Midnight.AddHours(10.1), Midnight.AddHours(10.25), ActivityKind.Break), Plan[2]],
            clipped);
        Assert.Same(Plan, ObservedDay.Clip(Plan, Midnight));
    }
}
