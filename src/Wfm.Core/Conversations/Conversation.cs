using Wfm.Core.Directory;
using Wfm.Core.Events;

namespace Wfm.Core.Conversations;

/// <summary>Where a conversation stands.</summary>
[GenerateSerializer]
public enum ConversationStatus
{
    /// <summary>Arrived or written, no agent has it yet.</summary>
    New = 0,

    /// <summary>An agent has it and the customer waits for a reply.</summary>
    Open = 1,

    /// <summary>The agent answered last: the customer's turn.</summary>
    WaitingOnCustomer = 2,

    Resolved = 3,

    /// <summary>Ended or abandoned.</summary>
    Closed = 4,
}

/// <summary>Who wrote a line.</summary>
[GenerateSerializer]
public enum ConversationSender
{
    Customer = 0,
    Agent = 1,
}

/// <summary>One message, personal data already redacted.</summary>
[GenerateSerializer, Immutable, Alias("wfm.ConversationEntry")]
public sealed record ConversationEntry(
    [property: Id(0)] string EventId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ConversationSender Sender,
    [property: Id(3)] string? AgentId,
    [property: Id(4)] string Text,
    [property: Id(5)] string Language,
    [property: Id(6)] bool Abusive);

/// <summary>A transfer: when, from which agent, to which queue.</summary>
[GenerateSerializer, Immutable, Alias("wfm.ConversationTransfer")]
public sealed record ConversationTransfer([property: Id(0)] DateTimeOffset At, [property: Id(1)] string? FromAgent, [property: Id(2)] string QueueId);

/// <summary>A conversation as the inbox lists it.</summary>
[GenerateSerializer, Immutable, Alias("wfm.ConversationSummary")]
public sealed record ConversationSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] Channel Channel,
    [property: Id(2)] string QueueId,
    [property: Id(3)] string Language,
    [property: Id(4)] ConversationStatus Status,
    [property: Id(5)] string? CustomerId,
    [property: Id(6)] string? CustomerName,
    [property: Id(7)] bool Vip,
    [property: Id(8)] bool Abusive,
    [property: Id(9)] IReadOnlyList<string> Agents,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset? WaitingSince,
    [property: Id(12)] DateTimeOffset? FirstResponseAt,
    [property: Id(13)] DateTimeOffset? ResolvedAt,
    [property: Id(14)] int Messages,
    [property: Id(15)] int Transfers,
    [property: Id(16)] string? LastMessage,
    [property: Id(17)] DateTimeOffset UpdatedAt)
{
    /// <summary>Still in someone's hands: new, open or waiting on the customer.</summary>
    public bool IsOpen => Status is ConversationStatus.New or ConversationStatus.Open or ConversationStatus.WaitingOnCustomer;
}

/// <summary>
/// One conversation's timeline, built from the events of its contact: messages in order (redacted), the agents
/// who had it, status, and the times of arrival, first response, each reply, resolution and transfers. Repeated
/// events (same id) change nothing. Keeps the last <see cref="MaxMessages"/> messages.
/// </summary>
[GenerateSerializer, Alias("wfm.Conversation")]
public sealed class Conversation
{
    public const int MaxMessages = 200;

    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public Channel Channel { get; set; }
    [Id(2)] public string QueueId { get; set; } = "";
    [Id(3)] public string Language { get; set; } = "";
    [Id(4)] public ConversationStatus Status { get; set; }
    [Id(5)] public string? CustomerId { get; set; }
    [Id(6)] public string? CustomerName { get; set; }
    [Id(7)] public bool Vip { get; set; }
    [Id(8)] public bool Abusive { get; set; }
    [Id(9)] public List<string> Agents { get; set; } = [];
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }
    [Id(11)] public DateTimeOffset? WaitingSince { get; set; }
    [Id(12)] public DateTimeOffset? FirstResponseAt { get; set; }
    [Id(13)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(14)] public DateTimeOffset? ClosedAt { get; set; }
    [Id(15)] public List<DateTimeOffset> Replies { get; set; } = [];
    [Id(16)] public List<ConversationEntry> Messages { get; set; } = [];
    [Id(17)] public int MessageCount { get; set; }
    [Id(18)] public List<ConversationTransfer> Transfers { get; set; } = [];
    [Id(19)] public HashSet<string> SeenEvents { get; set; } = [];
    [Id(20)] public DateTimeOffset UpdatedAt { get; set; }

    public bool IsStarted => Id.Length > 0;

    /// <summary>
    /// Applies one event of this contact. <paramref name="channel"/> is its queue's channel; <paramref name="text"/> is
    /// the message already redacted, <paramref name="language"/> detected when the sender gave none, <paramref name="abusive"/>
    /// the abuse check's verdict on a customer's message. Returns false for a repeat or an event that is not about conversations.
    /// </summary>
    public bool Apply(ContactCenterEvent e, Channel channel, string? text = null, string? language = null, bool abusive = false)
    {
        if (e.ContactId is null || !SeenEvents.Add(e.Id))
        {
            return false;
        }

        if (!IsStarted)
        {
            Id = e.ContactId;
            CreatedAt = e.At;
            Status = ConversationStatus.New;
        }

        if (e.QueueId is not null && (QueueId.Length == 0 || e.Type == EventType.ContactTransferred))
        {
            QueueId = e.QueueId;
            Channel = channel;
        }

        CustomerId ??= e.CustomerId;
        CustomerName ??= e.CustomerName;
        Vip |= e.Vip == true;
        UpdatedAt = e.At > UpdatedAt ? e.At : UpdatedAt;
        switch (e.Type)
        {
            case EventType.ContactArrived:
                WaitingSince ??= e.At;
                break;
            case EventType.ContactAnswered:
                Assign(e.AgentId);
                if (Status == ConversationStatus.New)
                {
                    Status = ConversationStatus.Open;
                }

                break;
            case EventType.MessageReceived:
                Add(new ConversationEntry(e.Id, e.At, ConversationSender.Customer, null, text ?? "", language ?? Language, abusive));
                Abusive |= abusive;
                WaitingSince ??= e.At;
                Status = Status switch
                {
                    ConversationStatus.New => ConversationStatus.New,
                    _ when Agents.Count == 0 => ConversationStatus.New,
                    _ => ConversationStatus.Open,
                };
                ResolvedAt = Status == ConversationStatus.Open ? null : ResolvedAt;
                ClosedAt = null;
                break;
            case EventType.MessageSent:
                Add(new ConversationEntry(e.Id, e.At, ConversationSender.Agent, e.AgentId, text ?? "", language ?? Language, false));
                Assign(e.AgentId);
                FirstResponseAt ??= e.At;
                Replies.Add(e.At);
                WaitingSince = null;
                if (Status is ConversationStatus.New or ConversationStatus.Open)
                {
                    Status = ConversationStatus.WaitingOnCustomer;
                }

                break;
            case EventType.ContactTransferred:
                Transfers.Add(new ConversationTransfer(e.At, e.AgentId, QueueId));
                Agents.Remove(e.AgentId ?? "");
                Status = ConversationStatus.New;
                WaitingSince ??= e.At;
                break;
            case EventType.ContactResolved:
                Status = ConversationStatus.Resolved;
                ResolvedAt = e.At;
                WaitingSince = null;
                break;
            case EventType.ContactAbandoned:
            case EventType.ContactEnded:
                if (Status != ConversationStatus.Resolved || e.Type == EventType.ContactAbandoned)
                {
                    Status = ConversationStatus.Closed;
                }

                ClosedAt = e.At;
                WaitingSince = null;
                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>A customer's erasure request: their id, name and words go; times, counts and the agents' side stay.</summary>
    public void EraseCustomer(string replacement)
    {
        CustomerId = null;
        CustomerName = null;
        Messages = Messages.Select(m => m.Sender == ConversationSender.Customer ? m with { Text = replacement } : m).ToList();
    }

    public ConversationSummary Summary() => new(
        Id, Channel, QueueId, Language, Status, CustomerId, CustomerName, Vip, Abusive, [.. Agents], CreatedAt, WaitingSince,
        FirstResponseAt, ResolvedAt, MessageCount, Transfers.Count, Messages.Count == 0 ? null : Preview(Messages[^1].Text), UpdatedAt);

    private void Assign(string? agentId)
    {
        if (agentId is not null && !Agents.Contains(agentId))
        {
            Agents.Add(agentId);
        }
    }

    private void Add(ConversationEntry entry)
    {
        if (Language.Length == 0 && entry.Language.Length > 0 && entry.Sender == ConversationSender.Customer)
        {
            Language = entry.Language;
        }

        Messages.Add(entry);
        MessageCount++;
        if (Messages.Count > MaxMessages)
        {
            Messages.RemoveAt(0);
        }
    }

    private static string Preview(string text) => text.Length <= 140 ? text : text[..139] + "…";
}
