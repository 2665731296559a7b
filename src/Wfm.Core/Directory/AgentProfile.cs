namespace Wfm.Core.Directory;

/// <summary>Who an agent is: name, team and the queues (skills) they serve, with proficiency 1–5.</summary>
[GenerateSerializer, Immutable, Alias("wfm.AgentProfile")]
public sealed record AgentProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TeamId,
    [property: Id(3)] IReadOnlyList<AgentSkill> Skills,
    [property: Id(4)] string Locale);

/// <summary>A queue an agent can serve and how well (1 = learning, 5 = expert).</summary>
[GenerateSerializer, Immutable, Alias("wfm.AgentSkill")]
public sealed record AgentSkill([property: Id(0)] string QueueId, [property: Id(1)] int Proficiency);
