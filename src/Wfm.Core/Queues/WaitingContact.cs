namespace Wfm.Core.Queues;

/// <summary>A contact in a queue: waiting since <see cref="ArrivedAt"/>, or being handled since <see cref="AnsweredAt"/>.</summary>
public sealed class WaitingContact
{
    public required string ContactId { get; set; }
    public required DateTimeOffset ArrivedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AgentId { get; set; }
    public int Interval { get; set; }
}
