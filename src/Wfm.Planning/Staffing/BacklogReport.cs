using System.Globalization;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Backlog;
using Wfm.Planning.Charts;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Staffing;

/// <summary>A queue's deferred work on a regular grid: each interval's start and its arrivals (closed intervals included, as closed).</summary>
public sealed record BacklogDay(string Queue, int IntervalMinutes, IReadOnlyList<DateTime> Starts, IReadOnlyList<BacklogInterval> Intervals);

/// <summary>
/// Email / messaging backlog staffing for files and pages: the forecast as a gap-free grid (an interval
/// missing from the forecast is closed: nothing arrives and nobody works), the target parsed from
/// "90/12h", the per-interval CSV and the chart. Shared by <c>wfm backlog</c> and the API.
/// </summary>
public static class BacklogReport
{
    /// <summary>
    /// The forecast of one queue as a grid from its first to its last interval. <paramref name="aht"/>
    /// fills handle times the forecast lacks (and replaces them when <paramref name="ahtOverride"/>); <paramref name="open"/>
    /// says when the work is done (arrivals outside it wait for the next open interval).
    /// </summary>
    public static BacklogDay Grid(ForecastSeries series, double? aht = null, bool ahtOverride = false, Func<ForecastPoint, string>? locate = null, Func<DateTime, bool>? open = null)
    {
        if (series.Points.Count == 0)
        {
            throw new StaffingInputException("intervals", "give at least one interval");
        }

        locate ??= p => $"line {p.Line}";
        var step = TimeSpan.FromMinutes(series.IntervalMinutes);
        var starts = new List<DateTime>();
        var intervals = new List<BacklogInterval>();
        var lastAht = aht ?? series.Points.FirstOrDefault(p => p.AhtSeconds is not null)?.AhtSeconds ?? 0;
        var next = series.Points[0].Timestamp;
        foreach (var p in series.Points)
        {
            if (p.Timestamp < next)
            {
                throw new StaffingInputException(locate(p), $"{TimestampParser.Format(p.Timestamp)} is not after the previous interval; expected one row per interval in time order");
            }

            if ((p.Timestamp - next).Ticks % step.Ticks != 0)
            {
                throw new StaffingInputException(locate(p), $"{TimestampParser.Format(p.Timestamp)} is off the {series.IntervalMinutes}-minute grid");
            }

            for (; next < p.Timestamp; next += step)
            {
                starts.Add(next);
                intervals.Add(new BacklogInterval(0, lastAht, Open: false));
            }

            var handle = ahtOverride && aht is not null ? aht.Value : p.AhtSeconds ?? aht
                ?? throw new StaffingInputException(locate(p), "has no handle time: add an aht_seconds column or give the AHT");
            if (!(handle > 0))
            {
                throw new StaffingInputException(locate(p), $"handle time must be more than 0 seconds, got {handle}");
            }

            if (!(p.Contacts >= 0))
            {
                throw new StaffingInputException(locate(p), $"arrivals must be zero or more, got {p.Contacts}");
            }

            lastAht = handle;
            starts.Add(p.Timestamp);
            intervals.Add(new BacklogInterval(p.Contacts, handle, Open: open?.Invoke(p.Timestamp) ?? true));
            next = p.Timestamp + step;
        }

        return new BacklogDay(series.Queue, series.IntervalMinutes, starts, intervals);
    }

    /// <summary>"90/12h", "100/1d", "80/90m" or "95/3600" (seconds): share answered within the deadline.</summary>
    public static BacklogTarget ParseTarget(string text, DeadlineClock clock = DeadlineClock.Wall, double utilisation = 0.9, string field = "target")
    {
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
        {
            throw new StaffingInputException(field, $"expected PERCENT/DEADLINE such as 90/12h, 100/1d or 80/90m, got '{text}'");
        }

        var target = new BacklogTarget(percent > 1 ? percent / 100 : percent, ParseDuration(parts[1], field), clock, utilisation);
        target.Validate();
        return target;
    }

    /// <summary>Seconds in "12h", "1d", "90m", "30s" or a plain number of seconds; never negative.</summary>
    public static double ParseDuration(string text, string field)
    {
        text = text.Trim();
        var unit = text.Length > 0 ? text[^1] : '?';
        var (number, scale) = char.IsDigit(unit) ? (text, 1.0) : (text[..^1], unit switch
        {
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86400.0,
            _ => double.NaN,
        });
        if (double.IsNaN(scale) || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !(amount >= 0) || double.IsInfinity(amount))
        {
            throw new StaffingInputException(field, $"expected a duration such as 12h, 1d, 90m or 3600 (seconds), got '{text}'");
        }

        return amount * scale;
    }

    /// <summary>timestamp, queue, arrivals, agents_fractional, agents, scheduled_agents, handled, backlog_end, open.</summary>
    public static void WriteCsv(TextWriter writer, BacklogDay day, BacklogPlan plan, Shrinkage shrinkage)
    {
        using var csv = new CsvTable(writer, "timestamp", "queue", "arrivals", "agents_fractional", "agents", "scheduled_agents", "handled", "backlog_end", "open");
        foreach (var row in plan.Intervals)
        {
            csv.Row(
                TimestampParser.Format(day.Starts[row.Index]), day.Queue, CsvTable.Number(row.Arrivals, "0.###"), CsvTable.Number(row.AgentsFractional, "0.###"),
                row.Agents.ToString(CultureInfo.InvariantCulture), shrinkage.ScheduledAgents(row.Agents).ToString(CultureInfo.InvariantCulture),
                CsvTable.Number(row.Handled, "0.###"), CsvTable.Number(row.BacklogEnd, "0.###"), day.Intervals[row.Index].Open ? "yes" : "no");
        }
    }

    /// <summary>Agents (and scheduled agents) per interval, stepped, against the items waiting at each interval's end.</summary>
    public static string Chart(BacklogDay day, BacklogPlan plan, Shrinkage shrinkage, string title, ChartText? text = null)
    {
        text ??= ChartText.English;
        var agents = plan.Intervals.Select(r => (day.Starts[r.Index], (double)r.Agents)).ToArray();
        var scheduled = plan.Intervals.Select(r => (day.Starts[r.Index], (double)shrinkage.ScheduledAgents(r.Agents))).ToArray();
        var waiting = plan.Intervals.Select(r => (day.Starts[r.Index].AddMinutes(day.IntervalMinutes), r.BacklogEnd)).ToArray();
        var arrivals = plan.Intervals.Select(r => (day.Starts[r.Index], r.Arrivals)).ToArray();
        var series = new List<ChartSeries> { new(text["chart.requiredAgents"], agents, Stepped: true) };
        if (shrinkage.Total > 0)
        {
            series.Add(new(text["chart.scheduledAgents"], scheduled, Dashed: true, Stepped: true));
        }

        series.Add(new(text["chart.backlog"], waiting, OnSecondAxis: true));
        series.Add(new(text["chart.arrivals"], arrivals, OnSecondAxis: true, Dashed: true));
        return SvgChart.Render(title, text["chart.agents"], text["chart.items"], series, text: text);
    }
}
