namespace Wfm.Grains.Abstractions;

/// <summary>An event of an incoming batch with its index, so a refusal can name it.</summary>
[GenerateSerializer, Immutable, Alias("wfm.BatchItem")]
public sealed record BatchItem([property: Id(0)] int Index, [property: Id(1)] ContactCenterEvent Event);
