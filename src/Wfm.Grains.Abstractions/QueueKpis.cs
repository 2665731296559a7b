namespace Wfm.Grains.Abstractions;

/// <summary>A queue's figures over a period: counts and the KPIs derived from them (null where undefined).</summary>
[GenerateSerializer, Immutable, Alias("wfm.QueueKpis")]
public sealed record QueueKpis(
    [property: Id(0)] int Offered,
    [property: Id(1)] int Answered,
    [property: Id(2)] int Abandoned,
    [property: Id(3)] double? ServiceLevel,
    [property: Id(4)] double? AverageSpeedOfAnswer,
    [property: Id(5)] double? AbandonRate,
    [property: Id(6)] double? AverageTalkTime,
    [property: Id(7)] int AnsweredWithinThreshold)
{
    public static QueueKpis From(QueueCounters c, ServiceLevelTarget target) => new(
        c.Offered, c.Answered, c.Abandoned, c.ServiceLevel(target), c.AverageSpeedOfAnswer, c.AbandonRate,
        c.AverageTalkTime, c.AnsweredWithinThreshold);
}
