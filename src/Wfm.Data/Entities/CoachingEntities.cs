namespace Wfm.Data.Entities;

/// <summary>A contact's survey answers (CSAT 1–5, NPS 0–10, CES 1–7); answered again, replaced.</summary>
public sealed class SurveyEntity
{
    public required string ContactId { get; set; }
    public int? Csat { get; set; }
    public int? Nps { get; set; }
    public int? Ces { get; set; }

    /// <summary>When it was stored, as UTC ticks (the column the first SQLite version made).</summary>
    public long CreatedTicks { get; set; }
}

/// <summary>A wow moment: a candidate found in a conversation, then confirmed (tags, comma-separated) or dismissed.</summary>
public sealed class WowMomentEntity
{
    public long Id { get; set; }
    public required string AgentId { get; set; }
    public required string ConversationId { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
    public required string Status { get; set; }
    public required string Tags { get; set; }
    public string? Note { get; set; }
    public long CreatedTicks { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecidedTicks { get; set; }
}
