using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Time;
using Wfm.Planning.Center;
using Wfm.Planning.Csv;
using Wfm.Planning.Intraday;

namespace Wfm.Planning.Staffing;

/// <summary>One past interval of a queue: what happened and what each model predicted for it.</summary>
public sealed record ModelVsActualsInterval(
    DateTime Start, double Offered, double Agents, double ServiceLevel, double AbandonRate, IReadOnlyList<double> PredictedServiceLevel, IReadOnlyList<double> PredictedAbandonRate);

/// <summary>
/// A past day of a queue: per interval the actual service level and abandonment beside each model's prediction from the
/// same load and agents logged in (<see cref="Models"/> in order), and each model's error over the day.
/// </summary>
public sealed record ModelVsActuals(
    string QueueId,
    DateOnly Date,
    int IntervalMinutes,
    double PatienceSeconds,
    IReadOnlyList<string> Models,
    IReadOnlyList<ModelVsActualsInterval> Intervals,
    IReadOnlyList<ModelError> Errors,
    CalibrationReport? Calibration);

/// <summary>
/// Staffing calibrated on the center's own outcomes, in the product: each queue's past intervals read from the floor
/// (counters per interval and agents logged in, from the journal), a calibration fitted from them or from an imported
/// outcomes file and kept per queue, the calibration for a staffing run, and the "model vs actuals" view of a past day.
/// The server and the tests call this; the CLI's <c>wfm staff calibrate</c> shares <see cref="CalibrationService"/>.
/// </summary>
public sealed class CenterCalibrationService(CenterService center, IIntradayFeed feed, IStaffingCalibrationStore store, TimeProvider time)
{
    /// <summary>Replications of the simulation in the model-vs-actuals view and the calibration's scoring.</summary>
    public const int Replications = 20;

    /// <summary>The most days a calibration from the floor reads.</summary>
    public const int MaxDays = IntradayService.DaysBack;

    /// <summary>The queue's intervals with contacts on days <paramref name="from"/> to <paramref name="to"/>, as the floor counted them.</summary>
    public async Task<IReadOnlyList<IntervalOutcome>> OutcomesAsync(string queueId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var (queue, clock) = await QueueAsync(queueId, cancellationToken);
        return await OutcomesAsync(queue, clock, from, to, cancellationToken);
    }

    private async Task<IReadOnlyList<IntervalOutcome>> OutcomesAsync(QueueProfile queue, CenterClock clock, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var queueId = queue.Id;
        var result = new List<IntervalOutcome>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var actuals = await feed.ActualsAsync(queueId, day, cancellationToken);
            if (actuals.Count == 0)
            {
                continue;
            }

            var loggedIn = await feed.LoggedInAsync(queueId, day, cancellationToken);
            foreach (var a in actuals.OrderBy(a => a.Slot))
            {
                if (a.Offered <= 0 || (a.Answered > 0 && a.AverageTalkSeconds is not > 0))
                {
                    continue;
                }

                var basis = queue.Target.AbandonsCountAsMisses ? a.Offered : a.Answered;
                var within = Math.Min(a.Answered, Math.Round((a.ServiceLevel ?? 0) * basis));
                result.Add(new IntervalOutcome(
                    queueId, day.ToDateTime(TimeOnly.MinValue).AddMinutes(a.Slot * clock.IntervalMinutes), clock.IntervalMinutes * 60.0,
                    a.Offered, a.Answered, a.Abandoned, within, a.AverageTalkSeconds ?? 1, loggedIn.GetValueOrDefault(a.Slot)));
            }
        }

        // Where nothing was answered the handle time is unknown: the queue's mean over these intervals stands in.
        var answered = result.Sum(o => o.Answered);
        var meanAht = answered > 0 ? result.Sum(o => o.AhtSeconds * o.Answered) / answered : 300;
        return [.. result.Select(o => o.Answered > 0 ? o : o with { AhtSeconds = meanAht })];
    }

    /// <summary>Fits the queue's calibration on its last <paramref name="days"/> days (yesterday back) and keeps it.</summary>
    public async Task<CalibrationReport> CalibrateFromFloorAsync(string queueId, int days, int? holdoutDays, CancellationToken cancellationToken = default)
    {
        if (days is < 7 or > MaxDays)
        {
            throw new PlanningException("days", $"expected 7 to {MaxDays} days of the floor to calibrate on, got {days}");
        }

        var (queue, clock) = await QueueAsync(queueId, cancellationToken);
        var today = clock.LocalDate(time.GetUtcNow());
        var outcomes = await OutcomesAsync(queue, clock, today.AddDays(-days), today.AddDays(-1), cancellationToken);
        if (outcomes.Count < 10)
        {
            throw new PlanningException("days", $"queue '{queueId}' has {outcomes.Count} intervals with contacts in the last {days} days; calibration needs at least 10");
        }

        var request = new CalibrationRequest(queue.Target.ThresholdSeconds, queue.Target.AbandonsCountAsMisses, holdoutDays, queueId, Replications);
        var report = CalibrationService.Calibrate(
            new Dictionary<string, IReadOnlyList<IntervalOutcome>> { [queueId] = outcomes }, null, request, $"the floor, {today.AddDays(-days):yyyy-MM-dd} to {today.AddDays(-1):yyyy-MM-dd}",
            cancellationToken: cancellationToken);
        await store.SaveAsync(queueId, report.Source, CalibrationService.ToJson(report), cancellationToken);
        return report;
    }

    /// <summary>Fits calibrations from an outcomes file (one per queue it holds; each must be one of the center's) and keeps them.</summary>
    public async Task<IReadOnlyList<CalibrationReport>> CalibrateFromFileAsync(
        string csv, string fileName, double thresholdSeconds, bool abandonsAreMisses, int? holdoutDays, CancellationToken cancellationToken = default)
    {
        var outcomes = OutcomesCsv.Read(new StringReader(csv), fileName);
        var data = await center.GetAsync(cancellationToken);
        var unknown = outcomes.Keys.Where(q => data.Queues.All(k => k.Id != q)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new PlanningException("queue", $"{fileName} has queue(s) {string.Join(", ", unknown.Select(q => $"'{q}'"))} the center does not have (add a queue column with the center's queue ids)");
        }

        var reports = new List<CalibrationReport>();
        foreach (var queue in outcomes.Keys.Order(StringComparer.Ordinal))
        {
            if (data.Queues.First(k => k.Id == queue).Channel != Channel.Voice)
            {
                throw new PlanningException("queue", $"{fileName}: '{queue}' is not a voice queue; calibration is for voice queues (Erlang C and A)");
            }

            var request = new CalibrationRequest(thresholdSeconds, abandonsAreMisses, holdoutDays, queue, Replications);
            reports.Add(CalibrationService.Calibrate(outcomes, null, request, fileName, cancellationToken: cancellationToken));
        }

        // Stored only when every queue fitted: a file that fails half way leaves the kept calibrations as they were.
        foreach (var report in reports)
        {
            await store.SaveAsync(report.Queues[0].Calibration.Queue, report.Source, CalibrationService.ToJson(report), cancellationToken);
        }

        return reports;
    }

    public async Task<CalibrationReport?> GetAsync(string queueId, CancellationToken cancellationToken = default) =>
        await store.GetAsync(queueId, cancellationToken) is { } stored ? CalibrationService.Parse(stored.ReportJson, $"the calibration of '{queueId}'") : null;

    public async Task<IReadOnlyList<CalibrationReport>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListAsync(cancellationToken)).Select(s => CalibrationService.Parse(s.ReportJson, $"the calibration of '{s.QueueId}'"))];

    public Task<bool> DeleteAsync(string queueId, CancellationToken cancellationToken = default) => store.DeleteAsync(queueId, cancellationToken);

    /// <summary>Every kept calibration, for a run over the whole center (queues without one stay uncalibrated); null when none is kept.</summary>
    public async Task<StaffingCalibration?> AllAsync(CancellationToken cancellationToken = default)
    {
        var list = await ListAsync(cancellationToken);
        return list.Count == 0 ? null : new StaffingCalibration([.. list.Select(r => r.Queues[0].Calibration)]);
    }

    /// <summary>The kept calibration of one queue, or null.</summary>
    public async Task<QueueCalibration?> ForQueueAsync(string queueId, CancellationToken cancellationToken = default) =>
        (await GetAsync(queueId, cancellationToken))?.Queues[0].Calibration;

    /// <summary>The kept calibrations of <paramref name="queueIds"/> for a staffing run; a queue without one is refused by name.</summary>
    public async Task<StaffingCalibration> ForQueuesAsync(IEnumerable<string> queueIds, CancellationToken cancellationToken = default)
    {
        var list = new List<QueueCalibration>();
        foreach (var id in queueIds.Distinct(StringComparer.Ordinal))
        {
            var report = await GetAsync(id, cancellationToken)
                ?? throw new PlanningException("calibrated", $"queue '{id}' has no calibration yet: calibrate it from its past days or an outcomes file first");
            list.Add(report.Queues[0].Calibration);
        }

        return new StaffingCalibration(list);
    }

    /// <summary>A past day of the queue: actual service level and abandonment per interval beside each model's prediction.</summary>
    public async Task<ModelVsActuals> ModelVsActualsAsync(string queueId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var (queue, clock) = await QueueAsync(queueId, cancellationToken);
        var today = clock.LocalDate(time.GetUtcNow());
        if (date >= today || date < today.AddDays(-MaxDays))
        {
            throw new PlanningException("date", $"expected a past day from {today.AddDays(-MaxDays):yyyy-MM-dd} to {today.AddDays(-1):yyyy-MM-dd}, got {date:yyyy-MM-dd}");
        }

        var outcomes = (await OutcomesAsync(queue, clock, date, date, cancellationToken)).ToArray();
        var calibration = await GetAsync(queueId, cancellationToken);
        var fitted = calibration?.Queues[0].Calibration;
        var patience = fitted?.PatienceSeconds ?? IntradayService.PatienceSeconds;
        var options = new CalibrationOptions(queue.Target.ThresholdSeconds, queue.Target.AbandonsCountAsMisses);
        var models = new List<(string Name, (double ServiceLevel, double AbandonRate)[] Predicted)>
        {
            ("erlang-c", Calibrator.PredictUncalibrated(outcomes, null, options)),
            ("erlang-a", Calibrator.PredictUncalibrated(outcomes, patience, options)),
        };
        if (outcomes.Length > 0)
        {
            models.Add(("simulation", CalibrationService.SimulateAsLoggedIn(outcomes, patience, options, Replications, cancellationToken)));
        }

        if (fitted is not null)
        {
            models.Add(("calibrated", Calibrator.PredictTypical(fitted, outcomes, options)));
            models.Add(("calibrated-expected", Calibrator.Predict(fitted, outcomes, options)));
        }

        var intervals = outcomes.Select((o, i) => new ModelVsActualsInterval(
            o.Start, o.Offered, o.Agents, o.ServiceLevel(options.AbandonsAreMisses), o.AbandonRate,
            [.. models.Select(m => m.Predicted[i].ServiceLevel)], [.. models.Select(m => m.Predicted[i].AbandonRate)])).ToArray();
        var errors = models.Select(m => ModelError.Of(m.Name, outcomes, m.Predicted, options.AbandonsAreMisses)).ToArray();
        return new ModelVsActuals(queueId, date, clock.IntervalMinutes, patience, [.. models.Select(m => m.Name)], intervals, errors, calibration);
    }

    /// <summary>The day's chart: actual service level per interval and each model's prediction (the calibrated one as its typical value).</summary>
    public static string Chart(ModelVsActuals view, string queueName, Charts.ChartText? text = null)
    {
        text ??= Charts.ChartText.English;
        var series = new List<Charts.ChartSeries>
        {
            new(text["chart.actualSl"], [.. view.Intervals.Select(i => (i.Start, i.ServiceLevel * 100))]),
        };
        for (var m = 0; m < view.Models.Count; m++)
        {
            var name = view.Models[m] switch
            {
                "erlang-c" => "Erlang C",
                "erlang-a" => "Erlang A",
                "simulation" => text["chart.simulation"],
                "calibrated" => text["chart.calibrated"],
                _ => null,
            };
            if (name is not null)
            {
                var index = m;
                series.Add(new(name, [.. view.Intervals.Select(i => (i.Start, i.PredictedServiceLevel[index] * 100))], Dashed: true));
            }
        }

        return Charts.SvgChart.Render(string.Format(System.Globalization.CultureInfo.InvariantCulture, text["chart.modelVsActualTitle"], queueName, text.Day(view.Date.ToDateTime(TimeOnly.MinValue))), text["chart.slPercent"], null, series, text: text);
    }

    private async Task<(QueueProfile Queue, CenterClock Clock)> QueueAsync(string queueId, CancellationToken cancellationToken)
    {
        var data = await center.GetAsync(cancellationToken);
        var queue = data.Queues.FirstOrDefault(q => q.Id == queueId) ?? throw new PlanningException("queue", $"no queue '{queueId}' in the center");
        if (queue.Channel != Channel.Voice)
        {
            throw new PlanningException("queue", $"'{queueId}' is a {queue.Channel.ToString().ToLowerInvariant()} queue: calibration and the models against what happened are for voice queues (Erlang C and A)");
        }

        return (queue, CenterClock.For(data.Settings.TimeZone, data.Settings.IntervalMinutes));
    }
}
