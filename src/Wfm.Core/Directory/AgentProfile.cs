namespace Wfm.Core.Directory;

/// <summary>
/// Who an agent is: name, team and the queues (skills) they serve, with proficiency 1–5; the contract
/// their shifts keep, their own time zone when it differs from the center's, their id in the ACD, when
/// they were hired, and when they were deactivated (left, moved on) — never deleted, since events name them.
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.AgentProfile")]
public sealed record AgentProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TeamId,
    [property: Id(3)] IReadOnlyList<AgentSkill> Skills,
    [property: Id(4)] string Locale,
    [property: Id(5)] string? ContractId = null,
    [property: Id(6)] string? TimeZone = null,
    [property: Id(7)] string? AcdId = null,
    [property: Id(8)] DateOnly? HireDate = null,
    [property: Id(9)] DateTimeOffset? Deactivated = null) : ICenterEntry
{
    public bool IsActive => Deactivated is null;
}

/// <summary>A queue an agent can serve and how well (1 = learning, 5 = expert).</summary>
[GenerateSerializer, Immutable, Alias("wfm.AgentSkill")]
public sealed record AgentSkill([property: Id(0)] string QueueId, [property: Id(1)] int Proficiency);
