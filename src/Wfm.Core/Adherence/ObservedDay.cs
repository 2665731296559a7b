using Wfm.Core.Agents;

namespace Wfm.Core.Adherence;

/// <summary>
/// The part of a day adherence may judge: from when the agent's data starts — the earlier of when this server began
/// observing and the agent's first known state change of the day — never the hours before anything was observed (a
/// server started at noon does not count the morning's shifts as missed). Planned activities before it are cut off.
/// </summary>
public static class ObservedDay
{
    /// <param name="dayStart">The local day's midnight.</param>
    /// <param name="observingSince">When this server began observing events.</param>
    /// <param name="timeline">The agent's state changes of the day (a state carried over from yesterday starts at midnight).</param>
    public static DateTimeOffset From(DateTimeOffset dayStart, DateTimeOffset observingSince, IReadOnlyList<StateChange> timeline)
    {
        var from = timeline.Count > 0 && timeline[0].At < observingSince ? timeline[0].At : observingSince;
        return from > dayStart ? from : dayStart;
    }

    /// <summary>The plan from <paramref name="from"/> on: activities ending before it are dropped, one running across it starts there.</summary>
    public static IReadOnlyList<PlannedActivity> Clip(IReadOnlyList<PlannedActivity> plan, DateTimeOffset from)
    {
        if (plan.All(a => a.Start >= from))
        {
            return plan;
        }

        return [.. plan.Where(a => a.End > from).Select(a => a.Start >= from ? a : a with { Start = from })];
    }
}
