using Wfm.Core.Directory;
using Wfm.Planning.Intraday;

namespace Wfm.Planning.Tests;

public sealed class IntradayAlertsTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    private static IntradayInterval Interval(int hour, double? expected) =>
        new(Day.ToDateTime(new TimeOnly(hour, 0)), 10, 12, 10, 14, null, null, null, null, null, null, 180, 180, 3, 3, 3,
            expected is null ? null : new PredictedService(expected, expected - 0.1, expected + 0.1, 0.05, 20, 3));

    private static IntradayView View(double? deviation, params IntradayInterval[] intervals) => new(
        Day, Day.ToDateTime(new TimeOnly(12, 0)), 60,
        [new QueueIntraday("q1", "Sales", Channel.Voice, 1, deviation, 1.2, null, 20, 3, 0, intervals, null, TargetPercent: 80, TargetSeconds: 20)]);

    [Fact]
    public void VolumeOffTheForecast_AndAServiceLevelExpectedBelowTheThreshold_Alert()
    {
        var alerts = IntradayAlerts.Of(View(0.2, Interval(10, 0.3), Interval(13, 0.75), Interval(14, 0.6), Interval(15, 0.65)), new IntradayAlertOptions());

        var volume = Assert.Single(alerts, a => a.Kind == IntradayAlertKinds.Volume);
        Assert.Equal((0.2, 0.15), (volume.Value, volume.Threshold));
        // 80 % target less 10 points: 13:00 (75 %) passes, 14:00 and 15:00 do not; 10:00 is gone and does not count.
        var service = Assert.Single(alerts, a => a.Kind == IntradayAlertKinds.ServiceLevel);
        Assert.Equal(0.6, service.Value, 9);
        Assert.Equal(0.7, service.Threshold, 9);
        Assert.Equal(Day.ToDateTime(new TimeOnly(14, 0)), service.From);
        Assert.Equal(2, service.Intervals);
    }

    [Fact]
    public void AQueuesOwnThresholds_ReplaceTheDefaults()
    {
        var options = new IntradayAlertOptions();
        options.Queues["q1"] = new QueueAlertThresholds { VolumeDeviation = 0.25, ServiceLevel = 0.5 };

        Assert.Empty(IntradayAlerts.Of(View(0.2, Interval(14, 0.6)), options));
        Assert.Single(IntradayAlerts.Of(View(-0.3, Interval(14, 0.6)), options));
        Assert.Empty(IntradayAlerts.Of(View(null, Interval(14, null)), new IntradayAlertOptions()));
    }
}
