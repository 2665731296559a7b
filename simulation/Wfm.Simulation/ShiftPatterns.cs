using Wfm.Core.Adherence;
using Wfm.Core.Time;

namespace Wfm.Simulation;

/// <summary>
/// Today's planned shift for a demo agent: 8.5 hours with a 15-minute break in each half and a 30-minute
/// lunch in the middle. Starts are spread around the clock, most in the day, so the demo is never empty.
/// </summary>
public static class ShiftPatterns
{
    private static readonly int[] StartHours = [0, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 11, 12, 13, 14, 15, 16, 17, 17, 18, 19, 20, 22];

    public static IReadOnlyList<PlannedActivity> PlanFor(string agentId, DateOnly day, CenterClock clock, int seed)
    {
        var random = new Random(StableSeed.Of(seed, StableHash(agentId), day.DayNumber));
        var startHour = StartHours[random.Next(StartHours.Length)];
        return Standard(clock.ToUtc(day, new TimeOnly(startHour, random.Next(0, 2) * 30)));
    }

    /// <summary>Length of the standard shift in hours.</summary>
    public const double StandardHours = 8.5;

    /// <summary>The standard shift from <paramref name="start"/>: 8.5 hours, breaks after 2 and 6.5 hours, lunch after 4.</summary>
    public static IReadOnlyList<PlannedActivity> Standard(DateTimeOffset start)
    {
        DateTimeOffset At(double hours) => start.AddHours(hours);
        return
        [
            new(At(0), At(2), ActivityKind.Work),
            new(At(2), At(2.25), ActivityKind.Break),
            new(At(2.25), At(4), ActivityKind.Work),
            new(At(4), At(4.5), ActivityKind.Lunch),
            new(At(4.5), At(6.5), ActivityKind.Work),
            new(At(6.5), At(6.75), ActivityKind.Break),
            new(At(6.75), At(StandardHours), ActivityKind.Work),
        ];
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process).</summary>
    public static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
