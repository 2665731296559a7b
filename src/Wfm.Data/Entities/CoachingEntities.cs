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

/// <summary>A coaching session; its conversations and action items as JSON, its day as a day number.</summary>
public sealed class CoachingSessionEntity
{
    public long Id { get; set; }
    public required string AgentId { get; set; }
    public required string Trainer { get; set; }
    public long Day { get; set; }
    public required string Focus { get; set; }
    public required string ConversationsJson { get; set; }
    public string? Notes { get; set; }
    public required string ActionItemsJson { get; set; }
    public string? FollowUp { get; set; }
    public long CreatedTicks { get; set; }
}

/// <summary>A QA scorecard: its name and its sections and questions as JSON.</summary>
public sealed class ScorecardEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Json { get; set; }
    public long CreatedTicks { get; set; }
}

/// <summary>A review of one conversation against a scorecard.</summary>
public sealed class ReviewEntity
{
    public long Id { get; set; }
    public long ScorecardId { get; set; }
    public required string ConversationId { get; set; }
    public required string AgentId { get; set; }
    public required string Reviewer { get; set; }
    public required string AnswersJson { get; set; }
    public double Score { get; set; }
    public bool AutoFailed { get; set; }
    public required string ResultJson { get; set; }
    public string? Notes { get; set; }
    public long CreatedTicks { get; set; }
}

/// <summary>A saved staffing scenario: request and result as JSON, and the stored forecast it came from (if any).</summary>
public sealed class StaffingScenarioEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Queue { get; set; }
    public long CreatedTicks { get; set; }
    public required string RequestJson { get; set; }
    public required string ResultJson { get; set; }
    public long? ForecastId { get; set; }
}

/// <summary>A stored forecast: its series, model, horizon and grid, total contacts, request and result as JSON and its chart.</summary>
public sealed class ForecastEntity
{
    public long Id { get; set; }
    public required string SeriesKey { get; set; }
    public required string Model { get; set; }
    public long CreatedTicks { get; set; }
    public int HorizonDays { get; set; }
    public int IntervalMinutes { get; set; }
    public double Contacts { get; set; }
    public required string RequestJson { get; set; }
    public required string ResultJson { get; set; }
    public required string ChartSvg { get; set; }
}

/// <summary>A schedule the scheduler made: headline figures, result, request and problem as JSON, when it was published.</summary>
public sealed class ScheduleEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long CreatedTicks { get; set; }
    public long StartDay { get; set; }
    public int Days { get; set; }
    public int IntervalMinutes { get; set; }
    public int Shifts { get; set; }
    public double PaidHours { get; set; }
    public int Unmet { get; set; }
    public long? PublishedTicks { get; set; }
    public required string ResultJson { get; set; }
    public required string RequestJson { get; set; }
    public string? ProblemJson { get; set; }
}

/// <summary>An agent's request against a schedule (time off, swap, shift trade), its status and the rule check as JSON.</summary>
public sealed class ScheduleRequestEntity
{
    public long Id { get; set; }
    public long ScheduleId { get; set; }
    public required string Kind { get; set; }
    public required string AgentId { get; set; }
    public string? OtherAgentId { get; set; }
    public long Day { get; set; }
    public required string Status { get; set; }
    public string? Note { get; set; }
    public long CreatedTicks { get; set; }
    public long? DecidedTicks { get; set; }
    public required string CheckJson { get; set; }
}

/// <summary>What an agent did with a suggested reply (shown, accepted, edited, dismissed), one row each.</summary>
public sealed class SuggestionFeedbackEntity
{
    public long Id { get; set; }
    public long AtTicks { get; set; }
    public required string ConversationId { get; set; }
    public required string QueueId { get; set; }
    public required string AgentId { get; set; }
    public long PairId { get; set; }
    public required string Action { get; set; }
}
