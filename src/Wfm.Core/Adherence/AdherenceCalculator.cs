using Wfm.Core.Agents;

namespace Wfm.Core.Adherence;

/// <summary>Compares a planned day with what the agent actually did, up to a moment.</summary>
public static class AdherenceCalculator
{
    /// <summary>Whether an actual state fulfils a planned activity.</summary>
    public static bool Fulfils(AgentState state, ActivityKind kind) => state == AgentState.RecoveryBreak || kind switch
    {
        ActivityKind.Work => AgentStateMachine.IsProductive(state),
        ActivityKind.Break => state == AgentState.Break,
        ActivityKind.Lunch => state == AgentState.Lunch,
        ActivityKind.Training => state == AgentState.Training,
        ActivityKind.Coaching => state == AgentState.Coaching,
        ActivityKind.Meeting => state == AgentState.Meeting,
        _ => false,
    };

    /// <param name="plan">Planned activities; may be unordered, must not overlap.</param>
    /// <param name="timeline">State changes in time order; before the first one the agent counts as Offline.</param>
    /// <param name="now">Only time before this moment is judged.</param>
    public static AdherenceResult Compute(IReadOnlyList<PlannedActivity> plan, IReadOnlyList<StateChange> timeline, DateTimeOffset now)
    {
        if (plan.Count == 0)
        {
            return AdherenceResult.Unscheduled;
        }

        double scheduled = 0, inside = 0, workScheduled = 0, productive = 0;
        foreach (var activity in plan)
        {
            var end = activity.End < now ? activity.End : now;
            if (end <= activity.Start)
            {
                continue;
            }

            scheduled += (end - activity.Start).TotalMinutes;
            if (activity.Kind == ActivityKind.Work)
            {
                workScheduled += (end - activity.Start).TotalMinutes;
            }

            foreach (var (from, to, state) in Segments(timeline, activity.Start, end))
            {
                var minutes = (to - from).TotalMinutes;
                if (Fulfils(state, activity.Kind))
                {
                    inside += minutes;
                }

                if (AgentStateMachine.IsProductive(state))
                {
                    productive += minutes;
                }
            }
        }

        var current = plan.FirstOrDefault(a => a.Start <= now && now < a.End);
        var stateNow = StateAt(timeline, now);
        return new AdherenceResult(
            scheduled,
            inside,
            scheduled - inside,
            current is null ? null : Fulfils(stateNow, current.Kind),
            current?.Kind,
            workScheduled <= 0 ? null : productive / workScheduled);
    }

    public static AgentState StateAt(IReadOnlyList<StateChange> timeline, DateTimeOffset at)
    {
        var state = AgentState.Offline;
        foreach (var change in timeline)
        {
            if (change.At > at)
            {
                break;
            }

            state = change.State;
        }

        return state;
    }

    /// <summary>The pieces of [start, end) with the state the agent was in during each.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To, AgentState State)> Segments(
        IReadOnlyList<StateChange> timeline, DateTimeOffset start, DateTimeOffset end)
    {
        var cursor = start;
        var state = StateAt(timeline, start);
        foreach (var change in timeline)
        {
            if (change.At <= start)
            {
                continue;
            }

            if (change.At >= end)
            {
                break;
            }

            yield return (cursor, change.At, state);
            cursor = change.At;
            state = change.State;
        }

        yield return (cursor, end, state);
    }
}
