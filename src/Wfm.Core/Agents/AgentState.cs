namespace Wfm.Core.Agents;

/// <summary>What an agent is doing right now, as the ACD and the agent desktop report it.</summary>
[GenerateSerializer]
public enum AgentState
{
    Offline = 0,
    Available = 1,
    OnContact = 2,
    AfterContactWork = 3,
    Break = 4,
    Lunch = 5,
    Training = 6,
    Coaching = 7,
    Meeting = 8,

    /// <summary>Time to recover after an abusive contact, given by a supervisor; never counts against adherence.</summary>
    RecoveryBreak = 9,
}
