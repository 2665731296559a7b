using Wfm.Core.Queues;

namespace Wfm.Core.Directory;

/// <summary>A queue: its channel and its service-level target.</summary>
[GenerateSerializer, Immutable, Alias("wfm.QueueProfile")]
public sealed record QueueProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] ServiceLevelTarget Target);
