namespace Wfm.Grains.Abstractions;

/// <summary>
/// What the board shows for an agent at <see cref="AsOf"/>; <see cref="Requested"/> is a state a supervisor asked for
/// during the contact (it starts when the contact ends), <see cref="Until"/> the end of a supervisor-set state the agent is in.
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.AgentSnapshot")]
public sealed record AgentSnapshot(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Name,
    [property: Id(2)] string TeamId,
    [property: Id(3)] IReadOnlyList<string> QueueIds,
    [property: Id(4)] AgentState State,
    [property: Id(5)] DateTimeOffset Since,
    [property: Id(6)] string? ContactId,
    [property: Id(7)] int Handled,
    [property: Id(8)] double TalkSeconds,
    [property: Id(9)] double AfterContactWorkSeconds,
    [property: Id(10)] double AvailableSeconds,
    [property: Id(11)] double? Occupancy,
    [property: Id(12)] AdherenceResult Adherence,
    [property: Id(13)] DateTimeOffset AsOf,
    [property: Id(14)] long LastSequence,
    [property: Id(15)] string? ContactQueueId,
    [property: Id(16)] AgentState? Requested = null,
    [property: Id(17)] int? RequestedMinutes = null,
    [property: Id(18)] DateTimeOffset? Until = null);
