namespace Wfm.Core.Directory;

/// <summary>A team of agents led by a supervisor; deactivated rather than deleted once it is not used any more.</summary>
[GenerateSerializer, Immutable, Alias("wfm.TeamProfile")]
public sealed record TeamProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset? Deactivated = null) : ICenterEntry
{
    public bool IsActive => Deactivated is null;
}
