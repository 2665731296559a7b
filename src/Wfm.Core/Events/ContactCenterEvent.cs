using Wfm.Core.Agents;

namespace Wfm.Core.Events;

/// <summary>
/// One reported fact. <see cref="Id"/> is chosen by the sender and makes the event idempotent;
/// <see cref="At"/> is when it happened (UTC). Which other fields are required depends on <see cref="Type"/>:
/// contact events need QueueId and ContactId, answered/ended also AgentId, state changes AgentId and State.
/// </summary>
[GenerateSerializer, Immutable, Alias("wfm.ContactCenterEvent")]
public sealed record ContactCenterEvent
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required EventType Type { get; init; }
    [Id(2)] public required DateTimeOffset At { get; init; }
    [Id(3)] public string? QueueId { get; init; }
    [Id(4)] public string? ContactId { get; init; }
    [Id(5)] public string? AgentId { get; init; }
    [Id(6)] public AgentState? State { get; init; }
    /// <summary>For ContactEnded: whether the agent goes to after-contact work (default) or straight to Available.</summary>
    [Id(7)] public bool? WrapUp { get; init; }
    /// <summary>For MessageReceived (required) and AbuseReported (optional): the customer's words. Not kept in the journal.</summary>
    [Id(8)] public string? Text { get; init; }
    /// <summary>Who the customer is in the sender's system, for routing them away from an agent.</summary>
    [Id(9)] public string? CustomerId { get; init; }
    /// <summary>en, tr or fa when the sender knows; otherwise detected.</summary>
    [Id(10)] public string? Language { get; init; }
    /// <summary>The customer's name as the sender knows it, for the conversation view and suggested replies (not kept in the journal).</summary>
    [Id(11)] public string? CustomerName { get; init; }
    /// <summary>The sender marks the customer as a VIP (the inbox can filter on it).</summary>
    [Id(12)] public bool? Vip { get; init; }
    /// <summary>For StateRequested: how long the requested state lasts, in minutes.</summary>
    [Id(13)] public int? Minutes { get; init; }

    /// <summary>Events that move agents and queues (the rest are messages and reports).</summary>
    public bool IsContactLifecycle => Type is EventType.ContactArrived or EventType.ContactAnswered or EventType.ContactAbandoned or EventType.ContactEnded;
}
