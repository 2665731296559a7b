namespace Wfm.Grains.Abstractions;

/// <summary>What the board shows for a queue at <see cref="AsOf"/>.</summary>
[GenerateSerializer, Immutable, Alias("wfm.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Name,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] ServiceLevelTarget Target,
    [property: Id(4)] int Waiting,
    [property: Id(5)] DateTimeOffset? OldestWaitingSince,
    [property: Id(6)] double LongestWaitSeconds,
    [property: Id(7)] QueueKpis Today,
    [property: Id(8)] int CurrentInterval,
    [property: Id(9)] QueueKpis ThisInterval,
    [property: Id(10)] IReadOnlyDictionary<AgentState, int> AgentsByState,
    [property: Id(11)] DateTimeOffset AsOf,
    [property: Id(12)] DateOnly Day,
    [property: Id(13)] long LastSequence);
