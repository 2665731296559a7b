using Wfm.Core.Conversations;

namespace Wfm.Grains.Abstractions;

/// <summary>What an agent is doing with a conversation open.</summary>
[GenerateSerializer]
public enum PresenceMode
{
    Viewing = 0,
    Typing = 1,
}

/// <summary>An agent with the conversation open, and since when.</summary>
[GenerateSerializer, Immutable, Alias("wfm.Presence")]
public sealed record Presence([property: Id(0)] string AgentId, [property: Id(1)] PresenceMode Mode, [property: Id(2)] DateTimeOffset Since);

/// <summary>A conversation's view: the summary and its messages.</summary>
[GenerateSerializer, Immutable, Alias("wfm.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] ConversationSummary Summary,
    [property: Id(1)] IReadOnlyList<ConversationEntry> Messages,
    [property: Id(2)] IReadOnlyList<DateTimeOffset> Replies,
    [property: Id(3)] IReadOnlyList<Presence> Present);

/// <summary>
/// One conversation (key: its contact id): its timeline from the events of the contact, and who has it open.
/// Presence lasts <see cref="PresenceTtlSeconds"/> without a heartbeat.
/// </summary>
[Alias("wfm.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    const int PresenceTtlSeconds = 30;

    /// <summary>
    /// Events of this contact, in journal order, with each message's redacted text, language and abuse verdict; returns
    /// the conversation when they hold the contact's end (for the coaching read), else null.
    /// </summary>
    [Alias("Apply")]
    Task<ConversationView?> ApplyAsync(IReadOnlyList<ConversationInput> events);

    [Alias("Get"), AlwaysInterleave]
    Task<ConversationView?> GetAsync();

    /// <summary>
    /// An agent opens the conversation, types in it, or renews that (a heartbeat); returns everyone else present.
    /// Typing while someone else is present, or opening while someone types, counts as a collision for the queue.
    /// </summary>
    [Alias("Presence")]
    Task<IReadOnlyList<Presence>> PresenceAsync(string agentId, PresenceMode mode);

    /// <summary>Erases the customer's id, name and words (a personal-data request); saved at once.</summary>
    [Alias("EraseCustomer")]
    Task EraseCustomerAsync(string replacement);

    /// <summary>The agent closed the conversation.</summary>
    [Alias("Leave")]
    Task LeaveAsync(string agentId);
}

/// <summary>An event for a conversation, with what ingestion found about its text.</summary>
[GenerateSerializer, Immutable, Alias("wfm.ConversationInput")]
public sealed record ConversationInput(
    [property: Id(0)] ContactCenterEvent Event,
    [property: Id(1)] string? Text,
    [property: Id(2)] string? Language,
    [property: Id(3)] bool Abusive);

/// <summary>Changes to the open conversations since the last push.</summary>
[GenerateSerializer, Immutable, Alias("wfm.InboxUpdate")]
public sealed record InboxUpdate(
    [property: Id(0)] IReadOnlyList<ConversationSummary> Changed,
    [property: Id(1)] IReadOnlyList<string> Gone);

/// <summary>Collisions (two agents on one conversation at once) per queue since the server started counting.</summary>
[GenerateSerializer, Immutable, Alias("wfm.CollisionCount")]
public sealed record CollisionCount([property: Id(0)] string QueueId, [property: Id(1)] int Collisions, [property: Id(2)] DateTimeOffset? Last);

/// <summary>Implemented by each web host: receives batched inbox changes to push to its SignalR clients.</summary>
[Alias("wfm.IInboxObserver")]
public interface IInboxObserver : IGrainObserver
{
    [Alias("OnInbox")]
    Task OnInboxAsync(InboxUpdate update);
}

/// <summary>
/// The unified inbox (key 0): every open conversation's summary, across channels; changes are pushed to
/// subscribed web hosts in batches. Also counts collisions per queue.
/// </summary>
[Alias("wfm.IInboxGrain")]
public interface IInboxGrain : IGrainWithIntegerKey
{
    [Alias("Update"), OneWay]
    Task UpdateAsync(ConversationSummary summary);

    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<ConversationSummary>> ListAsync();

    [Alias("Collision"), OneWay]
    Task CollisionAsync(string queueId, DateTimeOffset at);

    [Alias("Collisions"), AlwaysInterleave]
    Task<IReadOnlyList<CollisionCount>> CollisionsAsync();

    [Alias("Subscribe")]
    Task SubscribeAsync(IInboxObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IInboxObserver observer);
}
