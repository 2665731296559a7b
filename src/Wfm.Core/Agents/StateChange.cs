namespace Wfm.Core.Agents;

/// <summary>The agent entered <see cref="State"/> at <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("wfm.StateChange")]
public readonly record struct StateChange([property: Id(0)] DateTimeOffset At, [property: Id(1)] AgentState State);
