namespace Wfm.Core.Events;

/// <summary>An accepted event with its position in the journal; grains use the sequence to replay exactly once.</summary>
[GenerateSerializer, Immutable, Alias("wfm.SequencedEvent")]
public sealed record SequencedEvent([property: Id(0)] long Sequence, [property: Id(1)] ContactCenterEvent Event);
