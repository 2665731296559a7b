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

    /// <summary>A customer's message in a conversation (chat, email, social, or a voice transcript line); checked for abuse.</summary>
    MessageReceived = 5,

    /// <summary>An agent pressed "report abuse" on a contact.</summary>
    AbuseReported = 6,

    /// <summary>An agent's reply in a conversation (first response, reply wait and responses per inquiry count these).</summary>
    MessageSent = 7,

    /// <summary>The contact's issue was resolved (resolution rate and time, first-contact resolution).</summary>
    ContactResolved = 8,

    /// <summary>The agent transferred the contact.</summary>
    ContactTransferred = 9,

    /// <summary>
    /// A supervisor sets the agent's state (a recovery break, a meeting…) for <c>Minutes</c>: at once, or — while the
    /// agent is on a contact — when the contact ends. Refused for an agent who is offline.
    /// </summary>
    StateRequested = 10,
}
