using System.Globalization;
using Wfm.Core.Directory;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Backlog;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Staffing;

/// <summary>Where a staffing plan takes handle times from.</summary>
public enum AhtSource
{
    /// <summary>The forecast's own handle times (a forecast of a history with handle times).</summary>
    Forecast,

    /// <summary>The mean handle time of the history the forecast was made from.</summary>
    History,

    /// <summary>One figure the planner types.</summary>
    Typed,
}

/// <summary>
/// A staffing plan's choices: the period (whole weeks from <c>Start</c>), shrinkage beyond the breaks the schedule
/// places (absence, training, coaching), where handle times come from, and callers' mean patience for voice queues.
/// </summary>
/// <remarks>
/// <c>LeaveOutUncovered</c>: a queue whose forecast does not reach over the period is left out and named in the plan
/// (when the forecasts were not chosen one by one — the newest of each queue); otherwise it is an error.
/// </remarks>
public sealed record PeriodStaffingOptions(
    DateOnly Start, int Weeks, double Shrinkage = 0.15, AhtSource Aht = AhtSource.Forecast, double? AhtSeconds = null, double PatienceSeconds = 180,
    bool LeaveOutUncovered = false, Core.Staffing.Calibration.StaffingCalibration? Calibration = null);

/// <summary>
/// One queue's forecast (wall-clock intervals on the center's grid) and, when known, its history's mean handle time and
/// the days it covers (<c>From</c>–<c>Through</c>; a closed day has no intervals, so the points alone may end early).
/// </summary>
/// <remarks><c>SeriesKey</c>: the stored history series the forecast was made from, when known.</remarks>
public sealed record QueueForecast(
    string QueueId, long? ForecastId, IReadOnlyList<ForecastPoint> Points, double? HistoryAhtSeconds = null, DateOnly? From = null, DateOnly? Through = null,
    string? SeriesKey = null);

/// <summary>
/// One queue's staffing over the period, per interval from the start's midnight: contacts, agents required to meet
/// its target with its channel's model, and agents to schedule after shrinkage (what a schedule must cover).
/// </summary>
public sealed record QueueStaffing(
    string QueueId, string Model, long? ForecastId, IReadOnlyList<double> Contacts, IReadOnlyList<int> Required, IReadOnlyList<int> Scheduled,
    double RequiredStaffHours, double ScheduledStaffHours, int PeakScheduled, bool Calibrated = false);

/// <summary>A staffing plan for a period: every queue forecast, on the center's interval grid; <c>LeftOut</c> names queues whose forecast does not reach over it.</summary>
public sealed record PeriodStaffingResult(
    DateOnly Start, int Days, int IntervalMinutes, double Shrinkage, AhtSource Aht, IReadOnlyList<QueueStaffing> Queues, IReadOnlyList<PlanningError>? LeftOut = null);

/// <summary>
/// Turns forecasts of a center's queues into agents per interval for a planning period of whole weeks — each queue by
/// its channel's model and target: voice by Erlang A, chat by the concurrency model, e-mail and other deferred work by
/// the backlog plan against the queue's response target. Errors name the queue and what was expected.
/// </summary>
public static class PeriodStaffing
{
    public static PeriodStaffingResult Plan(CenterData center, IReadOnlyList<QueueForecast> forecasts, PeriodStaffingOptions options)
    {
        var interval = center.Settings.IntervalMinutes;
        var days = options.Weeks * 7;
        var errors = new List<PlanningError>();
        if (options.Weeks is < 1 or > 4)
        {
            errors.Add(new("weeks", $"must be 1 to 4, got {options.Weeks}"));
        }

        if (!(options.Shrinkage is >= 0 and < 0.9))
        {
            errors.Add(new("shrinkage", $"must be 0 to 0.9 (a share of paid time), got {options.Shrinkage}"));
        }

        if (options.Aht == AhtSource.Typed && !(options.AhtSeconds is > 0 and <= 86400))
        {
            errors.Add(new("ahtSeconds", $"type a handle time in seconds (more than 0), got {options.AhtSeconds?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
        }

        if (!(options.PatienceSeconds > 0))
        {
            errors.Add(new("patienceSeconds", $"must be more than 0 seconds, got {options.PatienceSeconds}"));
        }

        if (forecasts.Count == 0)
        {
            errors.Add(new("forecasts", "no stored forecast of any of the center's queues: forecast a queue's history first"));
        }

        Throw(errors);
        var first = options.Start.ToDateTime(TimeOnly.MinValue);
        var slots = days * 1440 / interval;
        var queues = new List<QueueStaffing>();
        var leftOut = new List<PlanningError>();
        foreach (var forecast in forecasts)
        {
            var field = $"forecasts[{forecast.QueueId}]";
            if (center.Queues.FirstOrDefault(q => q.Id == forecast.QueueId && q.IsActive) is not { } queue)
            {
                errors.Add(new(field, $"'{forecast.QueueId}' is not an active queue of the center"));
                continue;
            }

            var points = forecast.Points.Where(p => p.Timestamp >= first && p.Timestamp < first.AddDays(days)).ToList();
            var coversFrom = forecast.From ?? (forecast.Points.Count == 0 ? (DateOnly?)null : DateOnly.FromDateTime(forecast.Points[0].Timestamp));
            var coversThrough = forecast.Through ?? (forecast.Points.Count == 0 ? (DateOnly?)null : DateOnly.FromDateTime(forecast.Points[^1].Timestamp));
            if (coversFrom is not { } f || coversThrough is not { } t || f > options.Start || t < options.Start.AddDays(days - 1))
            {
                var covers = coversFrom is null || coversThrough is null ? "nothing" : $"{coversFrom:yyyy-MM-dd} to {coversThrough:yyyy-MM-dd}";
                (options.LeaveOutUncovered ? leftOut : errors).Add(new(field,
                    $"the forecast covers {covers}; the plan needs {options.Start:yyyy-MM-dd} to {options.Start.AddDays(days - 1):yyyy-MM-dd}: forecast further ahead, or start the plan within it"));
                continue;
            }

            if (points.FirstOrDefault(p => (p.Timestamp - first).TotalMinutes % interval != 0) is { } offGrid)
            {
                errors.Add(new(field, $"{offGrid.Timestamp:yyyy-MM-dd HH:mm} is not on the center's {interval}-minute grid: forecast a history of {interval}-minute intervals"));
                continue;
            }

            var aht = options.Aht switch
            {
                AhtSource.Typed => options.AhtSeconds,
                AhtSource.History => forecast.HistoryAhtSeconds,
                _ => null,
            };
            if (options.Aht == AhtSource.History && aht is null)
            {
                errors.Add(new(field, "the history behind this forecast has no handle times: take AHT from the forecast or type one"));
                continue;
            }

            if (aht is null && points.FirstOrDefault(p => p.Contacts > 0 && p.AhtSeconds is null) is { } missing)
            {
                errors.Add(new(field, $"the forecast has no handle time at {missing.Timestamp:yyyy-MM-dd HH:mm}: take AHT from history or type one"));
                continue;
            }

            try
            {
                queues.Add(Staff(queue, forecast.ForecastId, points.Select(p => p with { AhtSeconds = aht ?? p.AhtSeconds }).ToList(), first, slots, interval, options));
            }
            catch (StaffingInputException ex)
            {
                errors.Add(new($"{field}.{ex.Field}", ex.Detail));
            }
        }

        if (queues.Count == 0 && leftOut.Count > 0)
        {
            errors.AddRange(leftOut); // nothing left to staff: say why of every queue
        }

        Throw(errors);
        return new PeriodStaffingResult(options.Start, days, interval, options.Shrinkage, options.Aht, queues, leftOut.Count > 0 ? leftOut : null);
    }

    /// <summary>
    /// Agents required on the phones (no shrinkage) per interval of one day, with the queue's channel model and target:
    /// the intraday view's "required" for the day-ahead forecast and for the re-forecast.
    /// </summary>
    /// <remarks>With the queue's <paramref name="calibration"/> a voice queue's requirement counts agents logged in, as its own outcomes say they work.</remarks>
    public static QueueStaffing Day(
        QueueProfile queue, IReadOnlyList<ForecastPoint> points, DateOnly day, int interval, double patienceSeconds = 180, Core.Staffing.Calibration.QueueCalibration? calibration = null)
    {
        var first = day.ToDateTime(TimeOnly.MinValue);
        var inDay = points.Where(p => p.Timestamp >= first && p.Timestamp < first.AddDays(1)).ToList();
        return Staff(queue, null, inDay, first, 1440 / interval, interval, new PeriodStaffingOptions(
            day, 1, Shrinkage: 0, PatienceSeconds: patienceSeconds, Calibration: calibration is null ? null : new Core.Staffing.Calibration.StaffingCalibration([calibration])));
    }

    /// <summary>Agents required on the phones (no shrinkage) per interval of one week from <paramref name="weekStart"/>: the capacity plan's weekly requirement.</summary>
    public static QueueStaffing Week(QueueProfile queue, IReadOnlyList<ForecastPoint> points, DateOnly weekStart, int interval, double patienceSeconds = 180)
    {
        var first = weekStart.ToDateTime(TimeOnly.MinValue);
        return Staff(queue, null, [.. points], first, 7 * 1440 / interval, interval, new PeriodStaffingOptions(weekStart, 1, Shrinkage: 0, PatienceSeconds: patienceSeconds));
    }

    /// <summary>
    /// The service level (share of contacts answered within the target) that <paramref name="agents"/> per point give a
    /// voice or chat queue, weighted by contacts; null for deferred work, whose target is a response time instead.
    /// </summary>
    public static double? ServiceLevel(QueueProfile queue, IReadOnlyList<ForecastPoint> points, IReadOnlyList<int> agents, int interval, double patienceSeconds = 180)
    {
        if (queue.Channel is not (Channel.Voice or Channel.Chat) || points.Count == 0)
        {
            return null;
        }

        var given = new Dictionary<(string Queue, DateTime Timestamp), double>();
        var open = new List<ForecastPoint>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Contacts > 0)
            {
                open.Add(points[i]);
                given[(queue.Id, points[i].Timestamp)] = agents[i];
            }
        }

        if (open.Count == 0)
        {
            return null;
        }

        var rows = StaffingRunner.Reverse([new ForecastSeries(queue.Id, interval, open)], given, Request(queue, Shrinkage.None, patienceSeconds), (_, i) => $"{open[i].Timestamp:yyyy-MM-dd HH:mm}");
        var contacts = rows.Sum(r => r.Contacts);
        return contacts > 0 ? rows.Sum(r => r.Contacts * r.Outcome.ServiceLevelFor(queue.Target.AbandonsCountAsMisses)) / contacts : null;
    }

    private static StaffingRequest Request(QueueProfile queue, Shrinkage shrinkage, double patienceSeconds) => new(
        queue.Channel == Channel.Voice ? StaffingModelKind.ErlangA : StaffingModelKind.Chat,
        new ServiceTargets(queue.Target.Percent / 100, queue.Target.ThresholdSeconds, AbandonsAreMisses: queue.Target.AbandonsCountAsMisses),
        patienceSeconds, shrinkage);

    private static QueueStaffing Staff(QueueProfile queue, long? forecastId, List<ForecastPoint> points, DateTime first, int slots, int interval, PeriodStaffingOptions options)
    {
        var shrinkage = Shrinkage.Of(options.Shrinkage);
        var contacts = new double[slots];
        var required = new int[slots];
        var scheduled = new int[slots];
        int Slot(DateTime at) => (int)((at - first).TotalMinutes / interval);
        var target = queue.Target;
        // Closed intervals need nobody: calls and chats outside the queue's hours are not taken; deferred work arriving
        // then waits for the next open interval.
        if (!OpeningHours.TryParse(queue.Hours, out var openingHours, out var unreadable))
        {
            throw new StaffingInputException($"queues.{queue.Id}.hours", unreadable);
        }
        bool IsOpen(DateTime at) => openingHours.IsOpen(at.DayOfWeek, (at.Hour * 60) + at.Minute);
        string model;
        var calibrated = false;
        if (queue.Channel is Channel.Voice or Channel.Chat)
        {
            var open = points.Where(p => p.Contacts > 0 && IsOpen(p.Timestamp)).ToList();
            model = queue.Channel == Channel.Voice ? "erlang-a" : "chat";
            calibrated = queue.Channel == Channel.Voice && options.Calibration?.Covers(queue.Id) == true;
            if (open.Count > 0)
            {
                var request = Request(queue, shrinkage, options.PatienceSeconds) with { Calibration = calibrated ? options.Calibration : null };
                foreach (var row in StaffingRunner.Requirements([new ForecastSeries(queue.Id, interval, open)], request, locate: (_, i) => $"{open[i].Timestamp:yyyy-MM-dd HH:mm}"))
                {
                    var slot = Slot(row.Timestamp);
                    (contacts[slot], required[slot], scheduled[slot]) = (row.Contacts, row.Required, row.Scheduled);
                }
            }
        }
        else
        {
            // Deferred work: the least agents per interval that answer the target share within the response time.
            model = "backlog";
            var day = BacklogReport.Grid(new ForecastSeries(queue.Id, interval, points), locate: p => $"{p.Timestamp:yyyy-MM-dd HH:mm}", open: IsOpen);
            var backlogTarget = new BacklogTarget(target.Percent / 100, target.ThresholdSeconds);
            var plan = BacklogPlanner.Plan(day.Intervals, interval * 60.0, backlogTarget, new CarriedBacklog(0, day.Intervals.First(i => i.Open).AhtSeconds, 0));
            foreach (var r in plan.Intervals)
            {
                var slot = Slot(day.Starts[r.Index]);
                (contacts[slot], required[slot], scheduled[slot]) = (r.Arrivals, r.Agents, shrinkage.ScheduledAgents(r.Agents));
            }
        }

        var hours = interval / 60.0;
        return new QueueStaffing(queue.Id, model, forecastId, contacts, required, scheduled, required.Sum() * hours, scheduled.Sum() * hours, scheduled.Max(), calibrated);
    }

    private static void Throw(List<PlanningError> errors)
    {
        if (errors.Count > 0)
        {
            throw new PlanningException(errors);
        }
    }
}
