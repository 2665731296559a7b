using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using static Wfm.Core.Tests.TestData;

namespace Wfm.Core.Tests;

/// <summary>The incremental tracker gives what the whole-day calculation gives, however the day grows.</summary>
public sealed class AdherenceTrackerTests
{
    private static void AssertSame(AdherenceResult expected, AdherenceResult actual, string context)
    {
        Assert.True(Math.Abs(expected.ScheduledMinutes - actual.ScheduledMinutes) < 1e-6, $"{context}: scheduled {expected.ScheduledMinutes} vs {actual.ScheduledMinutes}");
        Assert.True(Math.Abs(expected.InAdherenceMinutes - actual.InAdherenceMinutes) < 1e-6, $"{context}: in adherence {expected.InAdherenceMinutes} vs {actual.InAdherenceMinutes}");
        Assert.True(Math.Abs(expected.MinutesOut - actual.MinutesOut) < 1e-6, $"{context}: out {expected.MinutesOut} vs {actual.MinutesOut}");
        Assert.Equal(expected.InAdherenceNow, actual.InAdherenceNow);
        Assert.Equal(expected.ScheduledNow, actual.ScheduledNow);
        Assert.Equal(expected.Conformance.HasValue, actual.Conformance.HasValue);
        if (expected.Conformance is { } conformance)
        {
            Assert.True(Math.Abs(conformance - actual.Conformance!.Value) < 1e-9, $"{context}: conformance {conformance} vs {actual.Conformance}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void GrowingDay_MatchesTheWholeDayCalculation_AtEveryStep(int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<ActivityKind>();
        var states = Enum.GetValues<AgentState>();
        var plan = new List<PlannedActivity>();
        var cursor = NineAm.AddMinutes(random.Next(-60, 60));
        for (var i = 0; i < 6; i++)
        {
            var length = TimeSpan.FromMinutes(random.Next(5, 120));
            plan.Add(new PlannedActivity(cursor, cursor + length, kinds[random.Next(kinds.Length)]));
            cursor += length + TimeSpan.FromMinutes(random.Next(0, 3) == 0 ? random.Next(1, 30) : 0);
        }

        plan.Reverse(); // the plan may come in any order
        var timeline = new List<StateChange>();
        var tracker = new AdherenceTracker();
        var at = NineAm.AddMinutes(-90);
        var now = at;
        for (var step = 0; step < 400; step++)
        {
            // Changes sometimes share an instant; now moves on, and now and then looks back or sits before the last change.
            at = at.AddSeconds(random.Next(0, 4) == 0 ? 0 : random.Next(1, 240));
            timeline.Add(new StateChange(at, states[random.Next(states.Length)]));
            now = random.Next(0, 10) switch
            {
                0 => at.AddSeconds(-random.Next(1, 600)),
                1 => now,
                _ => at.AddSeconds(random.Next(0, 300)),
            };
            AssertSame(AdherenceCalculator.Compute(plan, timeline, now), tracker.Compute(plan, timeline, now), $"seed {seed}, step {step}");
        }

        // A new day's timeline (a new list) and a changed plan start the sums again.
        var nextDay = new List<StateChange> { new(at.AddHours(1), AgentState.Available) };
        AssertSame(AdherenceCalculator.Compute(plan, nextDay, at.AddHours(2)), tracker.Compute(plan, nextDay, at.AddHours(2)), "new timeline");
        var shorter = plan.Skip(2).ToList();
        AssertSame(AdherenceCalculator.Compute(shorter, nextDay, at.AddHours(2)), tracker.Compute(shorter, nextDay, at.AddHours(2)), "new plan");
    }

    [Fact]
    public void NoPlan_IsUnscheduled_AndAnEmptyTimelineCountsAsOffline()
    {
        var tracker = new AdherenceTracker();
        Assert.Same(AdherenceResult.Unscheduled, tracker.Compute([], [new StateChange(NineAm, AgentState.Available)], NineAm.AddHours(1)));
        PlannedActivity[] plan = [new(NineAm, NineAm.AddHours(1), ActivityKind.Work)];
        var result = tracker.Compute(plan, [], NineAm.AddMinutes(30));
        Assert.Equal(30, result.MinutesOut, 6);
        Assert.False(result.InAdherenceNow);
    }
}
