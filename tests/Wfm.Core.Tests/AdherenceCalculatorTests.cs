using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using static Wfm.Core.Tests.TestData;

namespace Wfm.Core.Tests;

public sealed class AdherenceCalculatorTests
{
    // Plan: 09:00–11:00 work, 11:00–11:15 break, 11:15–13:00 work.
    private static readonly PlannedActivity[] Plan =
    [
        new(NineAm, NineAm.AddHours(2), ActivityKind.Work),
        new(NineAm.AddHours(2), NineAm.AddHours(2.25), ActivityKind.Break),
        new(NineAm.AddHours(2.25), NineAm.AddHours(4), ActivityKind.Work),
    ];

    [Fact]
    public void ScriptedDay_MinutesOutAndAdherence_MatchHandCount()
    {
        // Logs in 6 minutes late, goes on break 3 minutes late, comes back 4 minutes late.
        StateChange[] timeline =
        [
            new(NineAm.AddMinutes(6), AgentState.Available),
            new(NineAm.AddMinutes(30), AgentState.OnContact),
            new(NineAm.AddMinutes(40), AgentState.AfterContactWork),
            new(NineAm.AddMinutes(41), AgentState.Available),
            new(NineAm.AddMinutes(123), AgentState.Break),
            new(NineAm.AddMinutes(139), AgentState.Available),
        ];

        var result = AdherenceCalculator.Compute(Plan, timeline, NineAm.AddMinutes(150));

        // Out: 6 (late login) + 3 (late to break) + 4 (late back) = 13 of 150 scheduled minutes.
        Assert.Equal(150, result.ScheduledMinutes, 6);
        Assert.Equal(13, result.MinutesOut, 6);
        Assert.Equal(137.0 / 150, result.Adherence!.Value, 6);
        Assert.True(result.InAdherenceNow);
        Assert.Equal(ActivityKind.Work, result.ScheduledNow);
        // Productive minutes in scheduled time: 6..123 (117) + 139..150 (11) = 128 of 135 work minutes.
        Assert.Equal(128.0 / 135, result.Conformance!.Value, 6);
    }

    [Fact]
    public void OnBreakWhenWorkIsScheduled_IsOutOfAdherenceNow()
    {
        StateChange[] timeline = [new(NineAm, AgentState.Available), new(NineAm.AddMinutes(50), AgentState.Break)];
        var result = AdherenceCalculator.Compute(Plan, timeline, NineAm.AddMinutes(60));
        Assert.False(result.InAdherenceNow);
        Assert.Equal(10, result.MinutesOut, 6);
    }

    [Fact]
    public void NoPlan_IsUnscheduled()
    {
        var result = AdherenceCalculator.Compute([], [new(NineAm, AgentState.Available)], NineAm.AddHours(1));
        Assert.Null(result.InAdherenceNow);
        Assert.Null(result.Adherence);
    }
}
