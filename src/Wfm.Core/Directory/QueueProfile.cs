using Wfm.Core.Queues;

namespace Wfm.Core.Directory;

/// <summary>
/// A queue: its channel and service-level target; its opening hours (<see cref="OpeningHours"/> text, null = around
/// the clock), its id in the ACD, and when it was deactivated (never deleted, since events name it).
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.QueueProfile")]
public sealed record QueueProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] ServiceLevelTarget Target,
    [property: Id(4)] string? Hours = null,
    [property: Id(5)] string? AcdId = null,
    [property: Id(6)] DateTimeOffset? Deactivated = null) : ICenterEntry
{
    public bool IsActive => Deactivated is null;
}
