namespace Wfm.Core.Queues;

/// <summary>Counts for one queue over a period (a day or an interval), with the KPIs derived from them.</summary>
[GenerateSerializer, Alias("wfm.QueueCounters")]
public sealed class QueueCounters
{
    [Id(0)] public int Offered { get; set; }
    [Id(1)] public int Answered { get; set; }
    [Id(2)] public int AnsweredWithinThreshold { get; set; }
    [Id(3)] public int Abandoned { get; set; }
    [Id(4)] public double AnswerWaitSeconds { get; set; }
    [Id(5)] public int Handled { get; set; }
    [Id(6)] public double TalkSeconds { get; set; }
    [Id(7)] public double AbandonWaitSeconds { get; set; }

    /// <summary>Share answered within the threshold, or null when nothing has been answered or abandoned yet.</summary>
    public double? ServiceLevel(ServiceLevelTarget target)
    {
        var denominator = target.AbandonsCountAsMisses ? Answered + Abandoned : Answered;
        return denominator == 0 ? null : (double)AnsweredWithinThreshold / denominator;
    }

    /// <summary>Average speed of answer in seconds over answered contacts.</summary>
    public double? AverageSpeedOfAnswer => Answered == 0 ? null : AnswerWaitSeconds / Answered;

    /// <summary>Abandoned share of contacts that left the queue (answered + abandoned).</summary>
    public double? AbandonRate => Answered + Abandoned == 0 ? null : (double)Abandoned / (Answered + Abandoned);

    /// <summary>Average time from answer to end (talk + hold) in seconds; after-contact work is tracked per agent.</summary>
    public double? AverageTalkTime => Handled == 0 ? null : TalkSeconds / Handled;

    public QueueCounters Copy() => (QueueCounters)MemberwiseClone();
}
