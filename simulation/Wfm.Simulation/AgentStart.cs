using Wfm.Core.Agents;

namespace Wfm.Simulation;

/// <summary>Where an agent stands when the generator starts (so it can continue a running center).</summary>
public sealed record AgentStart(
    AgentState State, string? ContactId, string? QueueId, DateTimeOffset? HeldUntil = null, AgentState? Requested = null, int? RequestedMinutes = null);

/// <summary>A contact already waiting in a queue when the generator starts.</summary>
public sealed record WaitingStart(string QueueId, string ContactId, DateTimeOffset ArrivedAt);
