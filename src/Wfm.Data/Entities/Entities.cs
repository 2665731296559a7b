namespace Wfm.Data.Entities;

/// <summary>A team of agents.</summary>
public sealed class TeamEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? Deactivated { get; set; }
}

/// <summary>A queue with its channel and service-level target.</summary>
public sealed class QueueEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Channel { get; set; }
    public double TargetPercent { get; set; }
    public int TargetSeconds { get; set; }
    public bool AbandonsCountAsMisses { get; set; } = true;

    /// <summary>Opening hours as <see cref="Core.Directory.OpeningHours"/> text; null = around the clock.</summary>
    public string? Hours { get; set; }
    public string? AcdId { get; set; }
    public DateTimeOffset? Deactivated { get; set; }
}

/// <summary>An agent; skills are "queueId:proficiency" pairs separated by commas.</summary>
public sealed class AgentEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string TeamId { get; set; }
    public required string Skills { get; set; }
    public required string Locale { get; set; }
    public string? ContractId { get; set; }
    public string? TimeZone { get; set; }
    public string? AcdId { get; set; }
    public DateOnly? HireDate { get; set; }
    public DateTimeOffset? Deactivated { get; set; }
}

/// <summary>One accepted event in the journal; <see cref="Sequence"/> orders replay.</summary>
public sealed class EventEntity
{
    public long Sequence { get; set; }
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset At { get; set; }
    public string? QueueId { get; set; }
    public string? AgentId { get; set; }
    public string? ContactId { get; set; }
    public string? State { get; set; }
    public bool? WrapUp { get; set; }

    /// <summary>Who the customer is in the sender's system: repeat contacts undo first-contact resolution.</summary>
    public string? CustomerId { get; set; }

    /// <summary>For a supervisor's StateRequested: how long the state lasts.</summary>
    public int? Minutes { get; set; }
}

/// <summary>A grain's saved state as JSON, with an etag for optimistic concurrency.</summary>
public sealed class GrainStateEntity
{
    public required string GrainType { get; set; }
    public required string GrainKey { get; set; }
    public required string Json { get; set; }
    public required string ETag { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A stored setting of the contact center (time zone, demo flag).</summary>
public sealed class SettingEntity
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
