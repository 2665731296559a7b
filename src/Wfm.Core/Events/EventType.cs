namespace Wfm.Core.Events;

/// <summary>The facts an ACD, a chat platform or the simulator reports.</summary>
[GenerateSerializer]
public enum EventType
{
    ContactArrived = 0,
    ContactAnswered = 1,
    ContactAbandoned = 2,
    ContactEnded = 3,
    AgentStateChanged = 4,
}
