using System.Collections.Concurrent;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Forecasting;
using Wfm.Core.Forecasting.Intraday;
using Wfm.Core.Ports;
using Wfm.Core.Time;
using Wfm.Planning.Center;
using Wfm.Planning.Csv;
using Wfm.Planning.Forecasting;
using Wfm.Planning.Staffing;

namespace Wfm.Planning.Intraday;

/// <summary>
/// One interval of today for one queue: the day-ahead forecast, the re-forecast (from now on), what happened (up to
/// now), the agents required by each forecast with the queue's model and target, and the agents the published
/// schedule puts on the queue. A calibrated queue also carries the formula's own figures beside its calibrated ones.
/// </summary>
public sealed record IntradayInterval(
    DateTime Start,
    double? Forecast,
    double? Reforecast,
    double? Lower,
    double? Upper,
    int? Offered,
    int? Answered,
    int? Abandoned,
    double? ServiceLevel,
    double? AbandonRate,
    double? AverageTalkSeconds,
    double? ForecastAhtSeconds,
    double? ReforecastAhtSeconds,
    int? RequiredDayAhead,
    int? Required,
    int Scheduled,
    PredictedService? Predicted = null)
{
    /// <summary>When the queue is calibrated: the agents the formula alone requires for the re-forecast, shown beside <see cref="Required"/>.</summary>
    public int? UncalibratedRequired { get; init; }

    /// <summary>When the queue is calibrated: the service predicted with the scheduled agents taken as fully available and the default patience.</summary>
    public PredictedService? UncalibratedPredicted { get; init; }
}

/// <summary>
/// The service the simulation expects in an interval from the queue as it is now (waiting contacts, agents on contacts)
/// with the agents scheduled: mean and the band holding the middle 80 % of replications.
/// </summary>
public sealed record PredictedService(double? ServiceLevel, double? ServiceLevelLow, double? ServiceLevelHigh, double? AbandonRate, double? AsaSeconds, int Agents);

/// <summary>
/// A queue's day so far and for the rest of it. <c>Calibrated</c>: the queue's kept staffing calibration counts the
/// required agents as logged in and the prediction uses the agents really there. <c>Deviation</c> is actual ÷ forecast contacts so far − 1; the
/// re-forecast multiplied the rest of the day by <c>Multiplier</c>. <c>ShortIntervals</c> counts the intervals from now on
/// whose scheduled agents are fewer than the re-forecast requires. <c>Note</c> is one of <see cref="IntradayNotes"/> or null.
/// </summary>
public sealed record QueueIntraday(
    string QueueId,
    string Name,
    Channel Channel,
    long? ForecastId,
    double? Deviation,
    double Multiplier,
    double? AhtMultiplier,
    int LearnedFromDays,
    int WorkingNow,
    int ShortIntervals,
    IReadOnlyList<IntradayInterval> Intervals,
    string? Note,
    double TargetPercent = 0,
    double TargetSeconds = 0,
    bool Calibrated = false);

/// <summary>Why a queue's intraday view lacks something (a code the pages translate).</summary>
public static class IntradayNotes
{
    /// <summary>No stored forecast of this queue: forecast its history first.</summary>
    public const string NoForecast = "noForecast";

    /// <summary>The forecast covers today but has no open interval: the queue is closed today.</summary>
    public const string ClosedToday = "closedToday";

    /// <summary>The newest forecast of this queue ends before today: forecast further ahead.</summary>
    public const string ForecastEnded = "forecastEnded";

    /// <summary>The newest forecast of this queue starts after the day asked for.</summary>
    public const string NotCovered = "notCovered";

    /// <summary>The forecast has no handle times, so agents required are not shown.</summary>
    public const string NoHandleTimes = "noHandleTimes";
}

/// <summary>The intraday view of today: every queue's actual vs forecast vs plan, re-forecast from <c>AsOf</c>.</summary>
public sealed record IntradayView(DateOnly Date, DateTime AsOf, int IntervalMinutes, IReadOnlyList<QueueIntraday> Queues);

/// <summary>
/// Today as it runs, per queue and interval: actual vs day-ahead forecast vs plan, the rest of the day re-forecast
/// from the actuals so far (<see cref="IntradayReforecaster"/>, learned from the history behind each queue's forecast),
/// and the agents that forecast requires against those the published schedule has there. The server, the tests and
/// any other edge call this; it reads the live floor through <see cref="IIntradayFeed"/>.
/// </summary>
public sealed class IntradayService(
    CenterService center, ForecastService forecasts, IHistoryStore histories, IPlanArchive plans, IIntradayFeed feed, TimeProvider time,
    IStaffingCalibrationStore? calibrations = null)
{
    /// <summary>Callers' mean patience the prediction assumes (as staffing plans do by default).</summary>
    public const double PatienceSeconds = 180;

    /// <summary>
    /// Replications behind each prediction: 50 keep the whole refresh of 200 queues and 5,000 agents (suggestions included)
    /// under 2 s on two cores with room to spare (1.46 s; 60 took 1.76–2.11 s, docs/benchmarks.md) and still give the
    /// 10th–90th percentile band.
    /// </summary>
    public const int Replications = 50;

    // Learned weights per (series, day), for every time of day at once: learning reads a whole history, a refresh must not.
    private readonly ConcurrentDictionary<(string Series, DateOnly Day), IReadOnlyList<IntradayLearning>> _learned = new();

    /// <summary>How many days back the view goes.</summary>
    public const int DaysBack = 62;

    /// <summary>The view of today as of now, for <paramref name="queueIds"/> (every active queue when null).</summary>
    public Task<IntradayView> TodayAsync(IReadOnlyCollection<string>? queueIds = null, CancellationToken cancellationToken = default) =>
        DayAsync(null, queueIds, cancellationToken);

    /// <summary>
    /// The view of <paramref name="date"/> (today when null): today as of now, with the rest re-forecast and its service
    /// predicted; an earlier day whole, as it happened against its forecast and plan.
    /// </summary>
    public async Task<IntradayView> DayAsync(DateOnly? date, IReadOnlyCollection<string>? queueIds = null, CancellationToken cancellationToken = default)
    {
        var data = await center.GetAsync(cancellationToken);
        var interval = data.Settings.IntervalMinutes;
        var clock = CenterClock.For(data.Settings.TimeZone, interval);
        var now = clock.ToLocal(time.GetUtcNow());
        var today = DateOnly.FromDateTime(now);
        if (date is { } asked && (asked > today || asked < today.AddDays(-DaysBack)))
        {
            throw new PlanningException("date", $"expected a day from {today.AddDays(-DaysBack):yyyy-MM-dd} to today ({today:yyyy-MM-dd}), got {asked:yyyy-MM-dd}");
        }

        var day = date ?? today;
        if (day < today)
        {
            now = day.AddDays(1).ToDateTime(TimeOnly.MinValue); // a day gone is seen whole
        }

        var slots = 1440 / interval;
        var asOfSlot = day < today ? slots : ((now.Hour * 60) + now.Minute) / interval;
        var queues = data.Queues.Where(q => q.IsActive && (queueIds is null || queueIds.Contains(q.Id))).ToList();

        var dayAhead = (await forecasts.ForQueuesAsync(null, queues.Select(q => q.Id), historyAht: false)).ToDictionary(f => f.QueueId, StringComparer.Ordinal);
        var scheduled = await ScheduledAsync(data, clock, day, slots, interval, cancellationToken);
        var working = day < today ? new Dictionary<string, int>() : await feed.WorkingNowAsync(cancellationToken);
        // Kept staffing calibrations, read once per refresh: a voice queue with one is required and predicted with the agents really there.
        var calibrated = calibrations is null ? [] : (await calibrations.ListAsync(cancellationToken))
            .ToDictionary(c => c.QueueId, c => CalibrationService.Parse(c.ReportJson, c.QueueId).Queues[0].Calibration, StringComparer.Ordinal);
        var result = new List<QueueIntraday>();
        foreach (var queue in queues)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var actuals = await feed.ActualsAsync(queue.Id, day, cancellationToken);
            var onQueue = scheduled.TryGetValue(queue.Id, out var s) ? s : new int[slots];
            var calibration = queue.Channel == Channel.Voice ? calibrated.GetValueOrDefault(queue.Id) : null;
            result.Add(await QueueAsync(queue, dayAhead.GetValueOrDefault(queue.Id), actuals, onQueue, working.GetValueOrDefault(queue.Id), day, now, asOfSlot, slots, interval, calibration));
        }

        return new IntradayView(day, now, interval, result);
    }

    private async Task<QueueIntraday> QueueAsync(
        QueueProfile queue, QueueForecast? forecast, IReadOnlyList<IntervalActual> actuals, int[] scheduled, int working, DateOnly date, DateTime now, int asOfSlot, int slots, int interval,
        Core.Staffing.Calibration.QueueCalibration? calibration)
    {
        var start = date.ToDateTime(TimeOnly.MinValue);
        var bySlot = actuals.Where(a => a.Slot >= 0 && a.Slot < slots).ToDictionary(a => a.Slot);
        var points = forecast?.Points.Where(p => DateOnly.FromDateTime(p.Timestamp) == date).ToList() ?? [];
        if (points.Count == 0)
        {
            var note = forecast is null ? IntradayNotes.NoForecast
                : forecast.From > date ? IntradayNotes.NotCovered
                : date <= forecast.Through ? IntradayNotes.ClosedToday
                : IntradayNotes.ForecastEnded;
            var bare = Enumerable.Range(0, slots)
                .Where(i => bySlot.ContainsKey(i) || scheduled[i] > 0)
                .Select(i => Interval(start.AddMinutes(i * interval), null, null, bySlot.GetValueOrDefault(i), null, null, scheduled[i]))
                .ToList();
            return new QueueIntraday(queue.Id, queue.Name, queue.Channel, forecast?.ForecastId, null, 1, null, 0, working, 0, bare, note, queue.Target.Percent, queue.Target.ThresholdSeconds);
        }

        var f = IntradayReforecaster.Unknown(slots);
        var fAht = IntradayReforecaster.Unknown(slots);
        foreach (var p in points)
        {
            var slot = (int)((p.Timestamp - start).TotalMinutes / interval);
            f[slot] = p.Contacts;
            fAht[slot] = p.AhtSeconds ?? double.NaN;
        }

        var a = IntradayReforecaster.Unknown(slots);
        var aAht = IntradayReforecaster.Unknown(slots);
        var handled = new double[slots];
        for (var i = 0; i < asOfSlot; i++)
        {
            if (bySlot.TryGetValue(i, out var actual))
            {
                a[i] = actual.Offered;
                aAht[i] = actual.AverageTalkSeconds ?? double.NaN;
                handled[i] = actual.Answered;
            }
            else if (double.IsFinite(f[i]))
            {
                a[i] = 0; // the queue was open by its forecast and nothing came
            }
        }

        var learning = asOfSlot >= slots ? IntradayLearning.Default : await LearningAsync(forecast!.SeriesKey, date, asOfSlot); // a day gone needs no re-forecast
        var rest = IntradayReforecaster.Reforecast(new IntradayDay(date, interval, f, fAht, a, aAht, handled, asOfSlot), learning);
        var restBySlot = rest.Intervals.ToDictionary(i => i.Slot);

        // Required agents: the day-ahead forecast as it was, and the day with the rest re-forecast.
        var dayAheadStaffing = Safe(() => PeriodStaffing.Day(queue, points, date, interval, calibration: calibration));
        var reforecastPoints = points.Select(p =>
        {
            var slot = (int)((p.Timestamp - start).TotalMinutes / interval);
            return restBySlot.TryGetValue(slot, out var r) ? p with { Contacts = r.Forecast, AhtSeconds = r.AhtSeconds ?? p.AhtSeconds } : p;
        }).ToList();
        var reforecastStaffing = Safe(() => PeriodStaffing.Day(queue, reforecastPoints, date, interval, calibration: calibration));

        var predicted = await PredictAsync(queue, rest, scheduled, working, now, asOfSlot, interval, calibration);

        // Calibrated and uncalibrated side by side: what the formula alone would require and predict.
        var uncalibratedStaffing = calibration is null ? null : Safe(() => PeriodStaffing.Day(queue, reforecastPoints, date, interval));
        var uncalibratedPredicted = calibration is null ? [] : await PredictAsync(queue, rest, scheduled, working, now, asOfSlot, interval, null);
        var intervals = new List<IntradayInterval>();
        var shortIntervals = 0;
        for (var i = 0; i < slots; i++)
        {
            var hasForecast = double.IsFinite(f[i]);
            if (!hasForecast && !bySlot.ContainsKey(i) && scheduled[i] == 0)
            {
                continue;
            }

            RestOfDayInterval? r = restBySlot.TryGetValue(i, out var found) ? found : null;
            int? requiredDayAhead = hasForecast && dayAheadStaffing is not null ? dayAheadStaffing.Required[i] : null;
            int? required = hasForecast && reforecastStaffing is not null ? reforecastStaffing.Required[i] : null;
            if (i >= asOfSlot && required is { } need && scheduled[i] < need)
            {
                shortIntervals++;
            }

            intervals.Add(new IntradayInterval(
                start.AddMinutes(i * interval),
                hasForecast ? f[i] : null,
                r?.Forecast, r?.Lower, r?.Upper,
                bySlot.GetValueOrDefault(i)?.Offered, bySlot.GetValueOrDefault(i)?.Answered, bySlot.GetValueOrDefault(i)?.Abandoned,
                bySlot.GetValueOrDefault(i)?.ServiceLevel, bySlot.GetValueOrDefault(i)?.AbandonRate, bySlot.GetValueOrDefault(i)?.AverageTalkSeconds,
                double.IsFinite(fAht[i]) ? fAht[i] : null, r?.AhtSeconds,
                requiredDayAhead, required, scheduled[i], predicted.GetValueOrDefault(i))
            {
                UncalibratedRequired = hasForecast && uncalibratedStaffing is not null ? uncalibratedStaffing.Required[i] : null,
                UncalibratedPredicted = uncalibratedPredicted.GetValueOrDefault(i),
            });
        }

        var deviation = double.IsFinite(rest.MorningRatio) ? rest.MorningRatio - 1 : (double?)null;
        var why = dayAheadStaffing is null ? IntradayNotes.NoHandleTimes : null;
        return new QueueIntraday(queue.Id, queue.Name, queue.Channel, forecast!.ForecastId, deviation, rest.Multiplier, rest.AhtMultiplier, learning.Days, working, shortIntervals, intervals, why,
            queue.Target.Percent, queue.Target.ThresholdSeconds, calibration is not null);
    }

    /// <summary>
    /// The rest of the day's service for a live queue (voice, chat), simulated from the queue as it is now with the agents
    /// scheduled per interval (in the current one, those working now when more); empty for deferred work.
    /// </summary>
    private async Task<Dictionary<int, PredictedService>> PredictAsync(
        QueueProfile queue, RestOfDay rest, int[] scheduled, int working, DateTime now, int asOfSlot, int interval, Core.Staffing.Calibration.QueueCalibration? calibration)
    {
        if (queue.Channel is not (Channel.Voice or Channel.Chat) || rest.Intervals.Count == 0 || rest.Intervals.All(i => i.AhtSeconds is null))
        {
            return [];
        }

        var live = await feed.LiveAsync(queue.Id);
        var agents = rest.Intervals.Select(i => i.Slot == asOfSlot ? Math.Max(scheduled[i.Slot], working) : scheduled[i.Slot])
            .Select(a => calibration is null ? a : (int)Math.Round(calibration.EffectiveAgents(a))).ToList();
        var aht = rest.Intervals.Select(i => i.AhtSeconds).OfType<double>().Average();
        var secondsIn = ((now.Hour * 60) + now.Minute - (asOfSlot * interval)) * 60.0 + now.Second;
        var expected = ServicePredictor.Predict(
            rest, interval, secondsIn, agents, live, queue.Target.ThresholdSeconds, calibration?.PatienceSeconds ?? PatienceSeconds, aht, replications: Replications);
        return expected.ToDictionary(p => p.Slot, p => new PredictedService(
            Finite(p.ServiceLevel), Finite(p.ServiceLevelLow), Finite(p.ServiceLevelHigh), Finite(p.AbandonRate), Finite(p.AsaSeconds), p.Agents));
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static IntradayInterval Interval(DateTime start, double? forecast, double? reforecast, IntervalActual? actual, int? requiredDayAhead, int? required, int scheduled) =>
        new(start, forecast, reforecast, null, null, actual?.Offered, actual?.Answered, actual?.Abandoned, actual?.ServiceLevel, actual?.AbandonRate, actual?.AverageTalkSeconds,
            null, null, requiredDayAhead, required, scheduled);

    private static QueueStaffing? Safe(Func<QueueStaffing> staff)
    {
        try
        {
            return staff();
        }
        catch (Core.Staffing.StaffingInputException)
        {
            return null; // no handle time to staff with: the view shows volumes only and says why
        }
    }

    /// <summary>The weights of the history behind the forecast, learned once per day and as-of interval.</summary>
    private async Task<IntradayLearning> LearningAsync(string? seriesKey, DateOnly date, int asOfSlot)
    {
        if (seriesKey is null)
        {
            return IntradayLearning.Default;
        }

        if (!_learned.TryGetValue((seriesKey, date), out var day))
        {
            var history = await histories.LoadAsync(seriesKey);
            day = history is null ? [] : IntradayReforecaster.LearnDay(history, date);
            foreach (var old in _learned.Keys.Where(k => k.Day < date))
            {
                _learned.TryRemove(old, out _);
            }

            _learned[(seriesKey, date)] = day;
        }

        return asOfSlot >= 0 && asOfSlot < day.Count ? day[asOfSlot] : IntradayLearning.Default;
    }

    /// <summary>
    /// Per queue and interval of the day, the agents whose published plan has them working then for that queue (the one their
    /// work names, else every queue they are skilled for).
    /// </summary>
    private async Task<Dictionary<string, int[]>> ScheduledAsync(CenterData data, CenterClock clock, DateOnly date, int slots, int interval, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var skills = data.Agents.Where(a => a.IsActive).ToDictionary(a => a.Id, a => a.Skills.Select(s => s.QueueId).ToList(), StringComparer.Ordinal);
        var published = await plans.ReadAsync(date, date, null, cancellationToken);
        var midnight = clock.ToUtc(date, TimeOnly.MinValue);
        var middles = Enumerable.Range(0, slots).Select(i => midnight.AddMinutes((i * interval) + (interval / 2.0))).ToArray();
        foreach (var ((agentId, _), activities) in published)
        {
            if (!skills.TryGetValue(agentId, out var queueIds) || queueIds.Count == 0)
            {
                continue;
            }

            for (var i = 0; i < slots; i++)
            {
                var middle = middles[i];
                if (activities.FirstOrDefault(a => a.Kind == ActivityKind.Work && a.Start <= middle && middle < a.End) is not { } work)
                {
                    continue;
                }

                // Work for a queue of theirs counts there only; work for no queue in particular counts for each of them.
                foreach (var q in work.QueueId is { } assigned && queueIds.Contains(assigned) ? [assigned] : queueIds)
                {
                    if (!result.TryGetValue(q, out var counts))
                    {
                        result[q] = counts = new int[slots];
                    }

                    counts[i]++;
                }
            }
        }

        return result;
    }
}
