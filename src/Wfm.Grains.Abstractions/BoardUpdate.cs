namespace Wfm.Grains.Abstractions;

/// <summary>A batch of the latest snapshots that changed since the previous push.</summary>
[GenerateSerializer, Immutable, Alias("wfm.BoardUpdate")]
public sealed record BoardUpdate(
    [property: Id(0)] IReadOnlyList<QueueSnapshot> Queues,
    [property: Id(1)] IReadOnlyList<AgentSnapshot> Agents);
