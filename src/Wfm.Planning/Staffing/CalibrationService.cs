using System.Text.Json;
using System.Text.Json.Serialization;
using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Staffing.Simulation;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Staffing;

/// <summary>How to calibrate: the threshold and service-level convention of the outcomes, the days held out to score it, one queue only.</summary>
/// <param name="HoldoutDays">The last days kept out of the fit and used to score every model; by default a fifth of the days
/// (at least one) when there are ten or more, else none (the errors are then in-sample and say so).</param>
public sealed record CalibrationRequest(
    double ThresholdSeconds = 20,
    bool AbandonsAreMisses = true,
    int? HoldoutDays = null,
    string? Queue = null,
    int SimulationReplications = 20);

/// <summary>One fitted factor: its value, what it means, and the error of the calibrated model with the factor left out.</summary>
public sealed record FactorEffect(string Factor, double Value, string Meaning, double ServiceLevelMaeWithout, double AbandonMaeWithout);

/// <summary>A queue's calibration and the evidence for it.</summary>
/// <param name="Errors">Each model's error on the held-out days (or, with none held out, on the days it was fitted to).</param>
public sealed record QueueCalibrationReport(
    QueueCalibration Calibration,
    string PatienceFrom,
    string QuickHangUpsFrom,
    int Intervals,
    int Days,
    int HeldOutDays,
    DateOnly? HeldOutFrom,
    IReadOnlyList<ModelError> Errors,
    IReadOnlyList<FactorEffect> Effects);

/// <summary>What <c>wfm staff calibrate</c> writes and <c>wfm staff --calibration</c> reads.</summary>
public sealed record CalibrationReport(int Version, string Source, double ThresholdSeconds, bool AbandonsAreMisses, IReadOnlyList<QueueCalibrationReport> Queues)
{
    public const int CurrentVersion = 1;

    public StaffingCalibration ToCalibration() => new(Queues.Select(q => q.Calibration).ToArray());
}

/// <summary>
/// Calibrating staffing on a center's own outcomes: per queue, fits <see cref="QueueCalibration"/> on all but the last
/// days, scores Erlang C, Erlang A, the simulation and the calibrated model on the days held out, then fits again on
/// every day for the calibration it keeps. Per-contact records, when given, fix the patience (Erlang A's estimate,
/// abandonments ÷ time waited, without the quick hang-ups), the quick hang-ups (abandoned within
/// <see cref="QuickSeconds"/> s, of those who waited) and the handle times' spread.
/// </summary>
public static class CalibrationService
{
    public const double QuickSeconds = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static CalibrationReport Calibrate(
        IReadOnlyDictionary<string, IReadOnlyList<IntervalOutcome>> outcomes,
        IReadOnlyDictionary<string, ContactRecords>? contacts,
        CalibrationRequest request,
        string source,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!(request.ThresholdSeconds >= 0) || double.IsInfinity(request.ThresholdSeconds))
        {
            throw new StaffingInputException("threshold-seconds", $"must be zero or more seconds, got {request.ThresholdSeconds}");
        }

        var queues = outcomes.Keys.Order(StringComparer.Ordinal).ToArray();
        if (request.Queue is { } only)
        {
            if (!outcomes.ContainsKey(only))
            {
                throw new StaffingInputException("queue", $"'{only}' is not in the outcomes (they have {string.Join(", ", queues)})");
            }

            queues = [only];
        }

        var reports = new List<QueueCalibrationReport>();
        for (var i = 0; i < queues.Length; i++)
        {
            var queue = queues[i];
            reports.Add(CalibrateQueue(queue, outcomes[queue], ContactsOf(queue, contacts, queues.Length), request, cancellationToken));
            progress?.Report(i + 1);
        }

        return new CalibrationReport(CalibrationReport.CurrentVersion, source, request.ThresholdSeconds, request.AbandonsAreMisses, reports);
    }

    public static void Write(CalibrationReport report, string path) => File.WriteAllText(path, JsonSerializer.Serialize(report, Json));

    public static string ToJson(CalibrationReport report) => JsonSerializer.Serialize(report, Json);

    /// <summary>Reads a calibration file; a file that is not one is refused naming what is wrong.</summary>
    public static CalibrationReport Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, 0, null, "file not found");
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>A calibration from its JSON (<paramref name="name"/> names it in errors).</summary>
    public static CalibrationReport Parse(string json, string name)
    {
        CalibrationReport? report;
        try
        {
            report = JsonSerializer.Deserialize<CalibrationReport>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InputFileException(name, (int)(ex.LineNumber ?? 0) + 1, ex.Path, $"is not a calibration as `wfm staff calibrate` writes it: {ex.Message}");
        }

        if (report is null || report.Queues is null || report.Version != CalibrationReport.CurrentVersion)
        {
            throw new InputFileException(name, 1, "version", $"expected a calibration of version {CalibrationReport.CurrentVersion} as `wfm staff calibrate` writes it");
        }

        report.ToCalibration().Validate();
        return report;
    }

    private static QueueCalibrationReport CalibrateQueue(
        string queue, IReadOnlyList<IntervalOutcome> outcomes, ContactRecords? contacts, CalibrationRequest request, CancellationToken cancellationToken)
    {
        var known = FromContacts(contacts);
        var options = new CalibrationOptions(request.ThresholdSeconds, request.AbandonsAreMisses, known.Patience, known.QuickShare, known.HandleCv);
        var days = outcomes.Select(o => DateOnly.FromDateTime(o.Start)).Distinct().Order().ToArray();
        var heldOut = request.HoldoutDays ?? (days.Length >= 10 ? Math.Max(1, days.Length / 5) : 0);
        if (heldOut < 0 || (heldOut > 0 && heldOut >= days.Length))
        {
            throw new StaffingInputException("holdout-days", $"must be from 0 to {days.Length - 1} for queue '{queue}' ({days.Length} days of outcomes), got {heldOut}");
        }

        var from = heldOut > 0 ? days[^heldOut] : (DateOnly?)null;
        var train = from is { } f ? outcomes.Where(o => DateOnly.FromDateTime(o.Start) < f).ToArray() : outcomes.ToArray();
        var test = from is { } g ? outcomes.Where(o => DateOnly.FromDateTime(o.Start) >= g).ToArray() : outcomes.ToArray();

        var trained = Calibrator.Fit(queue, train, options, cancellationToken);
        var patience = known.Patience ?? trained.PatienceSeconds;
        var errors = new List<ModelError>
        {
            ModelError.Of("erlang-c", test, Calibrator.PredictUncalibrated(test, null, options), options.AbandonsAreMisses),
            ModelError.Of("erlang-a", test, Calibrator.PredictUncalibrated(test, patience, options), options.AbandonsAreMisses),
        };
        if (request.SimulationReplications >= 2)
        {
            errors.Add(ModelError.Of("simulation", test, Simulate(test, patience, contacts, known.HandleCv, options, request.SimulationReplications, cancellationToken), options.AbandonsAreMisses));
        }

        // The calibrated prediction for one interval is its typical outcome; the expected one (a mean, what adds up over a day) beside it.
        errors.Add(ModelError.Of("calibrated", test, Calibrator.PredictTypical(trained, test, options), options.AbandonsAreMisses));
        errors.Add(ModelError.Of("calibrated-expected", test, Calibrator.Predict(trained, test, options), options.AbandonsAreMisses));

        var effects = new List<FactorEffect>();
        void Effect(string factor, double value, string meaning, QueueCalibration without)
        {
            var e = ModelError.Of(factor, test, Calibrator.Predict(without, test, options), options.AbandonsAreMisses);
            effects.Add(new FactorEffect(factor, value, meaning, e.ServiceLevelMae, e.AbandonMae));
        }

        // The saved calibration uses every day; the errors above are those of the same method fitted without the held-out days.
        var final = heldOut > 0 ? Calibrator.Fit(queue, outcomes, options, cancellationToken) : trained;
        Effect("availability", final.Availability, $"{final.Availability:P0} of each logged-in agent's time takes this queue's contacts", trained with { Availability = 1 });
        if (final.AgentsAway > 0.05 || trained.AgentsAway > 0.05)
        {
            Effect("agentsAway", final.AgentsAway, $"{final.AgentsAway:0.#} of the agents logged in take no contacts at all", trained with { AgentsAway = 0 });
        }

        Effect("patienceSeconds", final.PatienceSeconds, $"callers wait {final.PatienceSeconds:0} s on average before hanging up (Erlang A's exponential fit); without it: an hour, nearly nobody hangs up", trained with { PatienceSeconds = 3600 });
        if (final.QuickHangUpShare > 0.001 || trained.QuickHangUpShare > 0.001)
        {
            Effect("quickHangUpShare", final.QuickHangUpShare, $"{final.QuickHangUpShare:P1} of callers who must wait hang up at once, whatever the wait", trained with { QuickHangUpShare = 0 });
        }

        if (final.HandleTimeCv is { } cv)
        {
            Effect("handleTimeCv", cv, $"handle times vary {cv:0.##}× their mean (1 is exponential): waits drain {2 / (1 + (cv * cv)):0.##}× as fast", trained with { HandleTimeCv = null });
        }

        return new QueueCalibrationReport(
            final,
            known.Patience is null ? "fitted to the outcomes' abandonment" : "per-contact records (abandonments ÷ time waited)",
            known.QuickShare is null ? "fitted to the outcomes" : $"per-contact records (abandoned within {QuickSeconds:0} s)",
            outcomes.Count,
            days.Length,
            heldOut,
            from,
            errors,
            effects);
    }

    private static ContactRecords? ContactsOf(string queue, IReadOnlyDictionary<string, ContactRecords>? contacts, int queues)
    {
        if (contacts is null)
        {
            return null;
        }

        if (contacts.TryGetValue(queue, out var mine))
        {
            return mine;
        }

        if (contacts.Count == 1 && (queues == 1 || contacts.ContainsKey("default")))
        {
            return contacts.Values.Single();
        }

        throw new StaffingInputException("contacts", $"the per-contact records have no queue '{queue}' (they have {string.Join(", ", contacts.Keys.Order(StringComparer.Ordinal))})");
    }

    private static (double? Patience, double? QuickShare, double? HandleCv) FromContacts(ContactRecords? contacts)
    {
        if (contacts is null)
        {
            return (null, null, null);
        }

        var waited = contacts.Waits.Where(w => w.WaitSeconds > 0).ToArray();
        var quick = waited.Count(w => w.Abandoned && w.WaitSeconds <= QuickSeconds);
        double? share = waited.Length >= 30 ? (double)quick / waited.Length : null;
        var rest = contacts.Waits.Where(w => !(w.Abandoned && w.WaitSeconds <= QuickSeconds)).ToArray();
        var estimate = PatienceEstimate.ByHour(rest)[0];
        double? patience = estimate.Abandoned >= 10 ? Math.Clamp(estimate.MeanPatienceSeconds, 5, 3600) : null;
        double? cv = null;
        if (contacts.HandleSeconds.Count >= 30)
        {
            var mean = contacts.HandleSeconds.Average();
            var sd = Math.Sqrt(contacts.HandleSeconds.Sum(h => (h - mean) * (h - mean)) / (contacts.HandleSeconds.Count - 1));
            cv = Math.Clamp(sd / mean, 0.05, 10);
        }

        return (patience, share, cv);
    }

    /// <summary>The simulation with the agents as logged in and exponential patience: the uncalibrated check a planner would run.</summary>
    public static (double ServiceLevel, double AbandonRate)[] SimulateAsLoggedIn(
        IntervalOutcome[] outcomes, double patienceSeconds, CalibrationOptions options, int replications, CancellationToken cancellationToken = default) =>
        Simulate(outcomes, patienceSeconds, null, null, options, replications, cancellationToken);

    /// <summary>The simulation as a planner would run it: agents as logged in, the patience and handle-time shape known.</summary>
    private static (double ServiceLevel, double AbandonRate)[] Simulate(
        IntervalOutcome[] outcomes, double patienceSeconds, ContactRecords? contacts, double? handleCv, CalibrationOptions options, int replications, CancellationToken cancellationToken)
    {
        var patience = contacts is { Waits.Count: > 0 } c && c.Waits.Any(w => w.Abandoned)
            ? EmpiricalPatience.Estimate(c.Waits)
            : PatienceDistribution.Exponential(patienceSeconds);
        var handle = handleCv is { } cv ? new HandleTimeDistribution(HandleTimeShape.LogNormal, cv) : HandleTimeDistribution.Exponential;
        var result = new (double, double)[outcomes.Length];
        var start = 0;
        for (var i = 1; i <= outcomes.Length; i++)
        {
            if (i < outcomes.Length && outcomes[i].Start - outcomes[i - 1].Start == TimeSpan.FromSeconds(outcomes[i].IntervalSeconds))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var run = outcomes[start..i];
            var scenario = new SimulationScenario(
                run.Select(o => o.Load).ToArray(),
                run.Select(o => (int)Math.Round(Math.Min(ErlangQueue.MaxAgents, o.Agents))).ToArray(),
                handle,
                patience,
                options.ThresholdSeconds);
            var sim = QueueSimulator.Run(scenario, new SimulationOptions(replications, 20261207 + (ulong)start));
            for (var k = 0; k < run.Length; k++)
            {
                var e = sim.Intervals[k];
                result[start + k] = run[k].Offered > 0
                    ? (options.AbandonsAreMisses ? e.ServiceLevel.Mean : e.ServiceLevelAnswered.Mean, e.AbandonRate.Mean)
                    : (double.NaN, double.NaN);
            }

            start = i;
        }

        return result;
    }
}
