namespace Wfm.Data.Entities;

/// <summary>An employment contract: weekly hours, days, rest and night work.</summary>
public sealed class ContractEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public double MinHoursPerWeek { get; set; }
    public double MaxHoursPerWeek { get; set; }
    public int MaxDaysPerWeek { get; set; }
    public int MaxConsecutiveDays { get; set; }
    public double MinRestHours { get; set; }
    public bool NightShifts { get; set; }
    public DateTimeOffset? Deactivated { get; set; }
}

/// <summary>A shift template: lengths ("480,510"), start window ("HH:mm"), step and weekdays ("Mon,Tue"; null = every day).</summary>
public sealed class ShiftTemplateEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string LengthsMinutes { get; set; }
    public required string EarliestStart { get; set; }
    public required string LatestStart { get; set; }
    public int StartIncrementMinutes { get; set; }
    public string? Days { get; set; }
    public DateTimeOffset? Deactivated { get; set; }
}

/// <summary>A rule set: template ids ("full,part"), its breaks as JSON and the cap on work without a break.</summary>
public sealed class RuleSetEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string TemplateIds { get; set; }
    public required string BreaksJson { get; set; }
    public int MaxMinutesWithoutBreak { get; set; }
    public DateTimeOffset? Deactivated { get; set; }
}

/// <summary>A day of the center's own calendar.</summary>
public sealed class CenterDayEntity
{
    public DateOnly Date { get; set; }
    public required string Name { get; set; }
    public bool Closed { get; set; }
}

/// <summary>A staffing plan for a period: every queue's agents per interval, as JSON.</summary>
public sealed class StaffingPlanEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateOnly Start { get; set; }
    public int Days { get; set; }
    public int IntervalMinutes { get; set; }
    public required string PlanJson { get; set; }
}

/// <summary>A queue's staffing calibration: its report (factors, errors per model) as JSON.</summary>
public sealed class StaffingCalibrationEntity
{
    public required string QueueId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Source { get; set; }
    public required string ReportJson { get; set; }
}

/// <summary>A capacity plan (scenario): its request and result as JSON.</summary>
public sealed class CapacityPlanEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateOnly Start { get; set; }
    public int Weeks { get; set; }
    public required string RequestJson { get; set; }
    public required string ResultJson { get; set; }
}

/// <summary>An overtime or time-off offer of the day (see <c>IntradayOffer</c>).</summary>
public sealed class IntradayOfferEntity
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string QueueId { get; set; }
    public DateOnly Date { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public int Needed { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An agent's answer to an offer.</summary>
public sealed class IntradayOfferAnswerEntity
{
    public long OfferId { get; set; }
    public required string AgentId { get; set; }
    public bool Accepted { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A finished conversation read for coaching (see <c>AnalyzedConversation</c>); missed items are kept as one line.</summary>
public sealed class AnalyzedConversationEntity
{
    public required string ConversationId { get; set; }
    public required string AgentId { get; set; }
    public required string QueueId { get; set; }
    public required string Language { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    public int Messages { get; set; }
    public double? EmpathyScore { get; set; }
    public int NegativePhrases { get; set; }
    public int WowMoments { get; set; }
    public bool Abusive { get; set; }
    public required string MissedItems { get; set; }
}

/// <summary>A colleague's offer to take a shift another agent put up for trade (one per colleague and trade).</summary>
public sealed class ShiftTradeBidEntity
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public required string AgentId { get; set; }
    public DateTimeOffset At { get; set; }
}
