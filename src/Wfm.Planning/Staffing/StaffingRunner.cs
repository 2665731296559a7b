using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Staffing.Simulation;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Staffing;

/// <summary>Turns forecast series into requirement rows (or, in reverse, outcomes of a given staffing).</summary>
public static class StaffingRunner
{
    /// <summary>Names interval <c>index</c> of a series in error messages; by default its CSV line.</summary>
    public delegate string Locate(ForecastSeries series, int index);

    private static readonly Locate CsvLine = (s, i) => $"{s.Queue} line {s.Points[i].Line}";

    public static IReadOnlyList<StaffingRow> Requirements(
        IReadOnlyList<ForecastSeries> forecast, StaffingRequest request, IProgress<int>? progress = null, Locate? locate = null)
    {
        locate ??= CsvLine;
        request.Validate();
        var rows = new List<StaffingRow>();
        var shrinkage = request.Shrinkage ?? Shrinkage.None;
        var done = 0;
        foreach (var series in forecast)
        {
            var intervals = Intervals(series, request, locate);
            StaffingRequirement[] requirements;
            if (request.Model == StaffingModelKind.Chat)
            {
                var curve = request.Concurrency ?? ConcurrencyCurve.Linear(3);
                var list = new StaffingRequirement[intervals.Length];
                int? hint = null;
                for (var i = 0; i < intervals.Length; i++)
                {
                    try
                    {
                        list[i] = RequirementSolver.Solve(new ChatQueue(intervals[i], curve, request.PatienceSeconds, request.Targets.ThresholdSeconds), request.Targets, hint);
                    }
                    catch (StaffingInputException ex)
                    {
                        throw ex.Within(locate(series, i));
                    }

                    hint = list[i].Agents > 0 ? list[i].Agents : null;
                }

                requirements = list;
            }
            else
            {
                requirements = Erlang(series, intervals, request, locate);
            }

            // With a calibration the requirement counts agents logged in as the queue's own past says they work; the
            // formula's answer goes beside it. The simulation checks the calibrated answer with the agents really there.
            StaffingRequirement[]? uncalibrated = null;
            var simulatedAgents = requirements.Select(r => r.Agents).ToArray();
            if (request.Calibration is { } calibration)
            {
                uncalibrated = requirements;
                var queueCalibration = calibration.For(series.Queue);
                requirements = Calibrated(series, intervals, request, queueCalibration, locate);
                simulatedAgents = requirements.Select(r => (int)Math.Round(queueCalibration.EffectiveAgents(r.Agents))).ToArray();
            }

            var simulated = request.Replications > 0 && request.Model != StaffingModelKind.Chat
                ? Simulate(series, intervals, simulatedAgents, request)
                : null;
            for (var i = 0; i < intervals.Length; i++)
            {
                var r = requirements[i];
                rows.Add(new StaffingRow(
                    series.Queue, series.Points[i].Timestamp, intervals[i].Contacts, intervals[i].AhtSeconds, intervals[i].Erlangs,
                    r.FractionalAgents, r.Agents, shrinkage.Scheduled(r.FractionalAgents), shrinkage.ScheduledAgents(r.Agents), r.Outcome,
                    simulated?[i].ServiceLevel, simulated?[i].AbandonRate,
                    uncalibrated is null ? null : new UncalibratedFigures(uncalibrated[i].FractionalAgents, uncalibrated[i].Agents, uncalibrated[i].Outcome)));
            }

            done += intervals.Length;
            progress?.Report(done);
        }

        return rows;
    }

    public static IReadOnlyList<StaffingRow> Reverse(
        IReadOnlyList<ForecastSeries> forecast, IReadOnlyDictionary<(string Queue, DateTime Timestamp), double> agents, StaffingRequest request, Locate? locate = null)
    {
        locate ??= CsvLine;
        request.Validate();
        var rows = new List<StaffingRow>();
        foreach (var series in forecast)
        {
            var intervals = Intervals(series, request, locate);
            var given = new double[intervals.Length];
            for (var i = 0; i < intervals.Length; i++)
            {
                var key = (series.Queue, series.Points[i].Timestamp);
                if (!agents.TryGetValue(key, out given[i]) && !agents.TryGetValue(("default", key.Timestamp), out given[i]))
                {
                    throw new StaffingInputException("agents", $"no agents given for queue '{series.Queue}' at {TimestampParser.Format(key.Timestamp)}");
                }
            }

            var calibration = request.Calibration?.For(series.Queue);
            var outcomes = new QueueOutcome[intervals.Length];
            var formula = new QueueOutcome[intervals.Length];
            for (var i = 0; i < intervals.Length; i++)
            {
                try
                {
                    IQueueModel model = request.Model == StaffingModelKind.Chat
                        ? new ChatQueue(intervals[i], request.Concurrency ?? ConcurrencyCurve.Linear(3), request.PatienceSeconds, request.Targets.ThresholdSeconds)
                        : new ErlangQueue(intervals[i], request.EffectivePatience, request.Targets.ThresholdSeconds);
                    formula[i] = QueueOutcomes.At(model, given[i]);
                    outcomes[i] = calibration is null ? formula[i] : calibration.Evaluate(intervals[i], given[i], request.Targets.ThresholdSeconds);
                }
                catch (StaffingInputException ex)
                {
                    throw ex.Within(locate(series, i));
                }
            }

            var simulatedAgents = given.Select(g => (int)Math.Round(calibration?.EffectiveAgents(g) ?? g)).ToArray();
            var simulated = request.Replications > 0 && request.Model != StaffingModelKind.Chat ? Simulate(series, intervals, simulatedAgents, request) : null;
            for (var i = 0; i < intervals.Length; i++)
            {
                var whole = (int)Math.Round(given[i]);
                rows.Add(new StaffingRow(
                    series.Queue, series.Points[i].Timestamp, intervals[i].Contacts, intervals[i].AhtSeconds, intervals[i].Erlangs,
                    given[i], whole, given[i], whole, outcomes[i], simulated?[i].ServiceLevel, simulated?[i].AbandonRate,
                    calibration is null ? null : new UncalibratedFigures(given[i], whole, formula[i]),
                    calibration is null ? null : Typical(calibration, outcomes[i], request.Targets.AbandonsAreMisses)));
            }
        }

        return rows;
    }

    private static TypicalFigures Typical(QueueCalibration calibration, QueueOutcome expected, bool abandonsAreMisses)
    {
        var (level, abandon) = calibration.Typical(expected.ServiceLevelFor(abandonsAreMisses), expected.AbandonRate);
        return new TypicalFigures(level, abandon);
    }

    private static StaffingRequirement[] Erlang(ForecastSeries series, StaffingInterval[] intervals, StaffingRequest request, Locate locate)
    {
        var options = new StaffingOptions(request.Model, request.Targets, request.EffectivePatience, request.Shrinkage ?? Shrinkage.None);
        try
        {
            return StaffingPlanner.Requirements(intervals, options).Select(r => r.Requirement).ToArray();
        }
        catch (StaffingInputException ex) when (ex.IntervalIndex is { } index)
        {
            throw new StaffingInputException($"{locate(series, index)}.{ex.IntervalField}", ex.Detail);
        }
    }

    private static StaffingRequirement[] Calibrated(ForecastSeries series, StaffingInterval[] intervals, StaffingRequest request, QueueCalibration calibration, Locate locate)
    {
        var result = new StaffingRequirement[intervals.Length];
        int? hint = null;
        for (var i = 0; i < intervals.Length; i++)
        {
            try
            {
                result[i] = RequirementSolver.Solve(new CalibratedQueue(intervals[i], calibration, request.Targets.ThresholdSeconds), request.Targets, hint);
            }
            catch (StaffingInputException ex)
            {
                throw ex.Within(locate(series, i));
            }

            hint = result[i].Agents > 0 ? result[i].Agents : null;
        }

        return result;
    }

    private static StaffingInterval[] Intervals(ForecastSeries series, StaffingRequest request, Locate locate)
    {
        var seconds = series.IntervalMinutes * 60.0;
        var result = new StaffingInterval[series.Points.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var p = series.Points[i];
            var aht = request.AhtOverrides ? request.AhtSeconds : p.AhtSeconds ?? request.AhtSeconds;
            if (aht is null)
            {
                throw new StaffingInputException($"{locate(series, i)}.aht_seconds", $"the forecast has no handle time here: add an aht_seconds column or give {Core.OptionWords.Aht}");
            }

            result[i] = new StaffingInterval(p.Contacts, aht.Value * request.AhtFactor, seconds);
        }

        return result;
    }

    /// <summary>
    /// Each unbroken run of intervals (a day's open hours) is simulated as one run, so queues carry over.
    /// The simulation is the check on the model, so callers keep the patience given even when the model
    /// (Erlang C) assumes nobody hangs up: that is how Erlang C's gap from reality shows.
    /// </summary>
    private static IntervalEstimate[] Simulate(ForecastSeries series, StaffingInterval[] intervals, int[] agents, StaffingRequest request)
    {
        var result = new IntervalEstimate[intervals.Length];
        var patience = request.SimulatedPatience
            ?? (request.PatienceSeconds is { } p ? PatienceDistribution.Exponential(p)
                : request.Calibration?.For(series.Queue) is { } calibration ? PatienceDistribution.Exponential(calibration.PatienceSeconds)
                : PatienceDistribution.Infinite);
        var step = TimeSpan.FromMinutes(series.IntervalMinutes);
        var start = 0;
        for (var i = 1; i <= intervals.Length; i++)
        {
            if (i < intervals.Length && series.Points[i].Timestamp - series.Points[i - 1].Timestamp == step)
            {
                continue;
            }

            var scenario = new SimulationScenario(intervals[start..i], agents[start..i], request.HandleTime ?? HandleTimeDistribution.Exponential, patience, request.Targets.ThresholdSeconds);
            var sim = QueueSimulator.Run(scenario, new SimulationOptions(request.Replications, request.Seed + (ulong)start));
            for (var k = 0; k < sim.Intervals.Count; k++)
            {
                result[start + k] = sim.Intervals[k];
            }

            start = i;
        }

        return result;
    }
}
