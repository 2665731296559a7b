namespace Wfm.Core.Agents;

/// <summary>The allowed moves between agent states, with an explanation for every refused one.</summary>
public static class AgentStateMachine
{
    private static readonly AgentState[] AuxStates =
        [AgentState.Break, AgentState.Lunch, AgentState.Training, AgentState.Coaching, AgentState.Meeting, AgentState.RecoveryBreak];

    private static readonly Dictionary<AgentState, HashSet<AgentState>> Allowed = new()
    {
        [AgentState.Offline] = [AgentState.Available, AgentState.Training, AgentState.Coaching, AgentState.Meeting],
        [AgentState.Available] = [AgentState.OnContact, AgentState.Offline, .. AuxStates],
        // A contact must be wrapped up or released before the agent does anything else.
        [AgentState.OnContact] = [AgentState.AfterContactWork, AgentState.Available],
        [AgentState.AfterContactWork] = [AgentState.Available, AgentState.OnContact, AgentState.Offline, .. AuxStates],
        [AgentState.Break] = [AgentState.Available, AgentState.Offline, .. AuxStates.Where(s => s != AgentState.Break)],
        [AgentState.Lunch] = [AgentState.Available, AgentState.Offline, .. AuxStates.Where(s => s != AgentState.Lunch)],
        [AgentState.Training] = [AgentState.Available, AgentState.Offline, .. AuxStates.Where(s => s != AgentState.Training)],
        [AgentState.Coaching] = [AgentState.Available, AgentState.Offline, .. AuxStates.Where(s => s != AgentState.Coaching)],
        [AgentState.Meeting] = [AgentState.Available, AgentState.Offline, .. AuxStates.Where(s => s != AgentState.Meeting)],
        [AgentState.RecoveryBreak] = [AgentState.Available, AgentState.Offline, .. AuxStates.Where(s => s != AgentState.RecoveryBreak)],
    };

    public static bool CanMove(AgentState from, AgentState to) => Allowed[from].Contains(to);

    /// <summary>The states a supervisor may set for an agent (time away from contacts).</summary>
    public static IReadOnlyList<AgentState> SupervisorSet => AuxStates;

    public static bool IsSupervisorSet(AgentState state) => Array.IndexOf(AuxStates, state) >= 0;

    /// <summary>Null when the move is allowed, otherwise a sentence naming both states.</summary>
    public static string? Explain(AgentState from, AgentState to)
    {
        if (from == to)
        {
            return $"agent is already {from}";
        }

        if (CanMove(from, to))
        {
            return null;
        }

        var allowed = string.Join(", ", Allowed[from].OrderBy(s => s));
        return $"cannot change from {from} to {to}; from {from} the allowed states are {allowed}";
    }

    /// <summary>Whether time in this state counts as busy for occupancy (handling or wrapping up contacts).</summary>
    public static bool IsBusy(AgentState state) => state is AgentState.OnContact or AgentState.AfterContactWork;

    /// <summary>Whether the agent is signed in and ready for, or working on, contacts.</summary>
    public static bool IsProductive(AgentState state) => state is AgentState.Available or AgentState.OnContact or AgentState.AfterContactWork;
}
