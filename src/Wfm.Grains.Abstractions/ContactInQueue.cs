namespace Wfm.Grains.Abstractions;

/// <summary>A contact in a queue: waiting (no AnsweredAt) or in progress with an agent.</summary>
[GenerateSerializer, Immutable, Alias("wfm.ContactInQueue")]
public sealed record ContactInQueue(
    [property: Id(0)] string ContactId,
    [property: Id(1)] DateTimeOffset ArrivedAt,
    [property: Id(2)] DateTimeOffset? AnsweredAt,
    [property: Id(3)] string? AgentId);
