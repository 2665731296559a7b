namespace Wfm.Core.Directory;

/// <summary>A team of agents led by a supervisor.</summary>
[GenerateSerializer, Immutable, Alias("wfm.TeamProfile")]
public sealed record TeamProfile([property: Id(0)] string Id, [property: Id(1)] string Name);
