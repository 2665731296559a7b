namespace Wfm.Core.Adherence;

/// <summary>
/// One planned stretch of a shift, [Start, End) in UTC. Work may name the queue it is for (<c>QueueId</c>: the skill the
/// schedule gave the shift, or a move during the day); without one it counts for every queue the agent is skilled for.
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.PlannedActivity")]
public sealed record PlannedActivity(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] ActivityKind Kind,
    [property: Id(3)] string? QueueId = null);
