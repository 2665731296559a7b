namespace Wfm.Data.Entities;

/// <summary>An abuse incident: the incident as JSON beside the columns lists filter on (the first SQLite store's columns).</summary>
public sealed class IncidentEntity
{
    public required string Id { get; set; }
    public long AtTicks { get; set; }
    public bool Closed { get; set; }
    public required string Json { get; set; }
}

/// <summary>One agent reply that followed a customer's message: the team's past answers.</summary>
public sealed class ReplyEntity
{
    public long Id { get; set; }
    public long AtTicks { get; set; }
    public required string Language { get; set; }
    public required string QueueId { get; set; }
    public required string AgentId { get; set; }
    public required string Question { get; set; }
    public required string Reply { get; set; }
}

/// <summary>A stored contact history series (a queue, or queue/channel) and the file it last came from.</summary>
public sealed class HistorySeriesEntity
{
    public required string SeriesKey { get; set; }
    public required string Queue { get; set; }
    public string? Channel { get; set; }
    public int IntervalMinutes { get; set; }
    public bool HasAht { get; set; }
    public long ImportedTicks { get; set; }
    public required string FileName { get; set; }
}

/// <summary>One interval of a history series: its day (day number), slot of the day and what was offered and handled.</summary>
public sealed class HistoryIntervalEntity
{
    public required string SeriesKey { get; set; }
    public int Day { get; set; }
    public int Slot { get; set; }
    public double Offered { get; set; }
    public double? AhtSeconds { get; set; }
    public double? Handled { get; set; }
}

/// <summary>Through which journal sequence recorded events were applied to the grains (one row; a cluster's ingestion turn keeps it).</summary>
public sealed class IngestWatermarkEntity
{
    public int Id { get; set; }
    public long AppliedThrough { get; set; }
}

/// <summary>One silo of an Orleans cluster as the membership protocol sees it (the entry as JSON, an etag per change).</summary>
public sealed class ClusterSiloEntity
{
    public required string ClusterId { get; set; }
    public required string Address { get; set; }
    public int Status { get; set; }
    public required string Json { get; set; }
    public long IAmAliveTicks { get; set; }
    public required string ETag { get; set; }
}

/// <summary>The version of a cluster's membership table: every change to a silo's row moves it on.</summary>
public sealed class ClusterVersionEntity
{
    public required string ClusterId { get; set; }
    public int Version { get; set; }
    public required string ETag { get; set; }
}
