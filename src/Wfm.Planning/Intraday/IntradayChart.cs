using System.Globalization;
using Wfm.Planning.Charts;

namespace Wfm.Planning.Intraday;

/// <summary>
/// A queue's day on charts: its volume (day-ahead forecast, re-forecast with its band, actual contacts; agents required and
/// scheduled on the right), and its service level planned (the target) against what happened and what the simulation
/// from the queue as it is expects for the rest of the day (with its band).
/// </summary>
public static class IntradayChart
{
    public static string RenderService(QueueIntraday queue, DateTime asOf, ChartText text)
    {
        var start = queue.Intervals.Count > 0 ? queue.Intervals[0].Start : asOf.Date;
        var end = queue.Intervals.Count > 0 ? queue.Intervals[^1].Start : asOf.Date.AddDays(1);
        var series = new List<ChartSeries>
        {
            new(text["chart.target"], [(start, queue.TargetPercent), (end, queue.TargetPercent)], Dashed: true),
            new(text["chart.actualService"], queue.Intervals.Where(i => i.Start < asOf && i.ServiceLevel is not null).Select(i => (i.Start, i.ServiceLevel!.Value * 100)).ToList()),
            new(text["chart.expected"], queue.Intervals.Where(i => i.Predicted?.ServiceLevel is not null).Select(i => (i.Start, i.Predicted!.ServiceLevel!.Value * 100)).ToList()),
        };
        var band = new ChartBand(text["chart.expectedBand"], queue.Intervals
            .Where(i => i.Predicted is { ServiceLevelLow: not null, ServiceLevelHigh: not null })
            .Select(i => (i.Start, i.Predicted!.ServiceLevelLow!.Value * 100, i.Predicted.ServiceLevelHigh!.Value * 100)).ToList());
        return SvgChart.Render(
            text.Format("chart.serviceTitle", queue.Name, asOf.ToString("HH:mm", CultureInfo.InvariantCulture)),
            text["chart.serviceLevel"], null, series.Where(s => s.Points.Count > 0).ToList(), band.Points.Count > 0 ? [band] : null, text: text);
    }

    public static string Render(QueueIntraday queue, DateTime asOf, ChartText text)
    {
        var series = new List<ChartSeries>
        {
            new(text["chart.dayAhead"], queue.Intervals.Where(i => i.Forecast is not null).Select(i => (i.Start, i.Forecast!.Value)).ToList(), Dashed: true),
            new(text["chart.actual"], queue.Intervals.Where(i => i.Start < asOf && i.Offered is not null).Select(i => (i.Start, (double)i.Offered!.Value)).ToList()),
            new(text["chart.reforecast"], queue.Intervals.Where(i => i.Reforecast is not null).Select(i => (i.Start, i.Reforecast!.Value)).ToList()),
            new(text["chart.requiredNow"], queue.Intervals.Where(i => i.Required is not null).Select(i => (i.Start, (double)i.Required!.Value)).ToList(), OnSecondAxis: true, Stepped: true),
            new(text["chart.scheduled"], queue.Intervals.Select(i => (i.Start, (double)i.Scheduled)).ToList(), OnSecondAxis: true, Stepped: true),
        };
        var band = new ChartBand(text["chart.reforecastBand"], queue.Intervals.Where(i => i.Lower is not null).Select(i => (i.Start, i.Lower!.Value, i.Upper!.Value)).ToList());
        return SvgChart.Render(
            text.Format("chart.intradayTitle", queue.Name, asOf.ToString("HH:mm", CultureInfo.InvariantCulture)),
            text["chart.contactsPerInterval"], text["chart.agents"], series.Where(s => s.Points.Count > 0).ToList(), band.Points.Count > 0 ? [band] : null, text: text);
    }
}
