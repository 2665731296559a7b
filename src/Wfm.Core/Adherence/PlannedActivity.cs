namespace Wfm.Core.Adherence;

/// <summary>One planned stretch of a shift, [Start, End) in UTC.</summary>
[GenerateSerializer, Immutable, Alias("wfm.PlannedActivity")]
public sealed record PlannedActivity(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] ActivityKind Kind);
