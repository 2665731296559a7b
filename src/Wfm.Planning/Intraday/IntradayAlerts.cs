namespace Wfm.Planning.Intraday;

/// <summary>
/// When the day calls for attention, per queue: volume so far off the forecast by at least <c>VolumeDeviation</c>
/// (a fraction, 0.15 = 15 %), or a service level the simulation expects below <c>ServiceLevel</c> (a fraction; by
/// default the queue's target less <c>ServiceLevelBelowTarget</c>). <c>Queues</c> holds one queue's own thresholds.
/// </summary>
public sealed class IntradayAlertOptions
{
    public const string Section = "Wfm:Intraday:Alerts";

    public double VolumeDeviation { get; set; } = 0.15;

    public double ServiceLevelBelowTarget { get; set; } = 0.10;

    /// <summary>How often the server looks at the day for alerts (zero: never).</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(1);

    public Dictionary<string, QueueAlertThresholds> Queues { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One queue's thresholds; unset ones take the defaults.</summary>
public sealed class QueueAlertThresholds
{
    public double? VolumeDeviation { get; set; }

    public double? ServiceLevel { get; set; }
}

/// <summary>Why a queue calls for attention (a code the pages translate).</summary>
public static class IntradayAlertKinds
{
    /// <summary>Contacts so far are off the day-ahead forecast by the threshold or more (<c>Value</c>: the deviation).</summary>
    public const string Volume = "volume";

    /// <summary>The expected service level of an interval still to come is below the threshold (<c>Value</c>: the lowest, from <c>From</c>).</summary>
    public const string ServiceLevel = "serviceLevel";
}

/// <summary>An alert: the queue, its kind, the value against its threshold, and from which interval (service level).</summary>
public sealed record IntradayAlert(string QueueId, string Name, string Kind, double Value, double Threshold, DateTime? From = null, int Intervals = 0);

/// <summary>The alerts of a day's view (pure).</summary>
public static class IntradayAlerts
{
    public static IReadOnlyList<IntradayAlert> Of(IntradayView view, IntradayAlertOptions options)
    {
        var alerts = new List<IntradayAlert>();
        foreach (var q in view.Queues)
        {
            var own = options.Queues.GetValueOrDefault(q.QueueId);
            var volume = own?.VolumeDeviation ?? options.VolumeDeviation;
            if (q.Deviation is { } deviation && Math.Abs(deviation) >= volume)
            {
                alerts.Add(new IntradayAlert(q.QueueId, q.Name, IntradayAlertKinds.Volume, deviation, volume));
            }

            var floor = own?.ServiceLevel ?? ((q.TargetPercent / 100) - options.ServiceLevelBelowTarget);
            var below = q.Intervals.Where(i => i.Start >= view.AsOf.AddMinutes(-view.IntervalMinutes) && i.Predicted?.ServiceLevel is { } sl && sl < floor).ToList();
            if (q.TargetPercent > 0 && below.Count > 0)
            {
                alerts.Add(new IntradayAlert(q.QueueId, q.Name, IntradayAlertKinds.ServiceLevel, below.Min(i => i.Predicted!.ServiceLevel!.Value), floor, below[0].Start, below.Count));
            }
        }

        return alerts;
    }
}
