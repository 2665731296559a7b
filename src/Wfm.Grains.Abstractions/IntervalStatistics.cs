namespace Wfm.Grains.Abstractions;

/// <summary>One interval of a queue's day, for comparing actuals with forecasts and requirements.</summary>
[GenerateSerializer, Immutable, Alias("wfm.IntervalStatistics")]
public sealed record IntervalStatistics(
    [property: Id(0)] int Index,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] QueueKpis Kpis);
