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

    /// <summary>One whole-day computation; <see cref="AdherenceTracker"/> keeps the same sums up as a day grows.</summary>
    /// <param name="plan">Planned activities; may be unordered, must not overlap.</param>
    /// <param name="timeline">State changes in time order; before the first one the agent counts as Offline.</param>
    /// <param name="now">Only time before this moment is judged.</param>
    public static AdherenceResult Compute(IReadOnlyList<PlannedActivity> plan, IReadOnlyList<StateChange> timeline, DateTimeOffset now) =>
        new AdherenceTracker().Compute(plan, timeline, now);
}
