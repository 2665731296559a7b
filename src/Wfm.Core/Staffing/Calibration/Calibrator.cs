namespace Wfm.Core.Staffing.Calibration;

/// <summary>How to calibrate: the service-level convention of the outcomes and what is already known from per-contact records.</summary>
/// <param name="ThresholdSeconds">The threshold the outcomes' <c>answered_within_threshold</c> counted against.</param>
/// <param name="AbandonsAreMisses">Service level over offered contacts (abandons are misses), or over answered ones.</param>
/// <param name="PatienceSeconds">Mean patience measured from per-contact records; fitted from the outcomes when null.</param>
/// <param name="QuickHangUpShare">Share of waiting callers who hang up at once, measured from per-contact records; fitted when null.</param>
/// <param name="HandleTimeCv">Handle times' coefficient of variation from per-contact records; exponential (1) when null.</param>
public sealed record CalibrationOptions(
    double ThresholdSeconds = 20,
    bool AbandonsAreMisses = true,
    double? PatienceSeconds = null,
    double? QuickHangUpShare = null,
    double? HandleTimeCv = null);

/// <summary>How far one model's predictions were from what happened, over intervals with contacts.</summary>
/// <param name="ServiceLevelMae">Mean absolute error of the service level (a fraction: 0.05 is 5 percentage points).</param>
/// <param name="ServiceLevelBias">Mean of predicted − actual: above 0 the model promised better service than the center gave.</param>
public sealed record ModelError(string Model, int Intervals, double ServiceLevelMae, double ServiceLevelBias, double AbandonMae, double AbandonBias)
{
    public static ModelError Of(string model, IReadOnlyList<IntervalOutcome> outcomes, IReadOnlyList<(double ServiceLevel, double AbandonRate)> predicted, bool abandonsAreMisses)
    {
        double sl = 0, slBias = 0, ab = 0, abBias = 0;
        var n = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            if (!(o.Offered > 0) || double.IsNaN(predicted[i].ServiceLevel))
            {
                continue;
            }

            var dSl = predicted[i].ServiceLevel - o.ServiceLevel(abandonsAreMisses);
            var dAb = predicted[i].AbandonRate - o.AbandonRate;
            sl += Math.Abs(dSl);
            slBias += dSl;
            ab += Math.Abs(dAb);
            abBias += dAb;
            n++;
        }

        return n == 0
            ? new ModelError(model, 0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new ModelError(model, n, sl / n, slBias / n, ab / n, abBias / n);
    }
}

/// <summary>
/// Fits a <see cref="QueueCalibration"/> to a queue's past intervals: the factors that make Erlang A, fed the agents
/// logged in, predict each interval's service level and abandonment as they were. The fit minimises the mean squared
/// error of both, so the calibrated model predicts the expected outcome (unbiased, and the factors are the center's own:
/// a mean-absolute fit would chase the median interval instead), by coordinate search: each factor in turn over a grid
/// and then a golden-section refinement, up to three rounds. Factors known from per-contact records stay fixed.
/// </summary>
public static class Calibrator
{
    private const double MinAvailability = 0.2;
    private const double MaxAvailability = 1.5;
    private const double MinPatience = 5;
    private const double MaxPatience = 3600;
    private const double MaxQuick = 0.5;

    public static QueueCalibration Fit(string queue, IReadOnlyList<IntervalOutcome> outcomes, CalibrationOptions options, CancellationToken cancellationToken = default)
    {
        var data = Usable(outcomes, queue);
        var typicalAgents = Median(data.Select(o => o.Agents));
        var maxAway = Math.Min(5, typicalAgents / 3);
        var start = new QueueCalibration(queue, 0.9, 0, options.PatienceSeconds ?? 180, options.QuickHangUpShare ?? 0, options.HandleTimeCv);
        var evaluator = new Evaluator(data, options);

        // Each factor: how to read it from the parameter vector, its bounds, and whether it is fitted at all.
        var factors = new List<Factor>
        {
            new((c, v) => c with { Availability = v }, c => c.Availability, MinAvailability, MaxAvailability, Log: false),
            new((c, v) => c with { AgentsAway = v }, c => c.AgentsAway, 0, maxAway, Log: false),
        };
        if (options.PatienceSeconds is null)
        {
            factors.Add(new((c, v) => c with { PatienceSeconds = v }, c => c.PatienceSeconds, MinPatience, MaxPatience, Log: true));
        }

        if (options.QuickHangUpShare is null)
        {
            factors.Add(new((c, v) => c with { QuickHangUpShare = v }, c => c.QuickHangUpShare, 0, MaxQuick, Log: false));
        }

        var best = start;
        var bestError = evaluator.Error(best);
        for (var round = 0; round < 3; round++)
        {
            var before = bestError;
            foreach (var f in factors)
            {
                if (f.High <= f.Low)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                (best, bestError) = Search(evaluator, best, bestError, f, round);
            }

            if (before - bestError < 1e-5)
            {
                break;
            }
        }

        // The factors give the expected outcome; the typical one is learned from how these intervals fell around it.
        var expected = Predict(best, data, options);
        return best with
        {
            TypicalServiceLevel = TypicalMap.Fit(expected.Select(p => p.ServiceLevel).ToArray(), data.Select(o => o.ServiceLevel(options.AbandonsAreMisses)).ToArray()),
            TypicalAbandonRate = TypicalMap.Fit(expected.Select(p => p.AbandonRate).ToArray(), data.Select(o => o.AbandonRate).ToArray()),
        };
    }

    /// <summary>What each interval most likely shows (the calibration's typical map over its expected outcome).</summary>
    public static (double ServiceLevel, double AbandonRate)[] PredictTypical(QueueCalibration calibration, IReadOnlyList<IntervalOutcome> outcomes, CalibrationOptions options) =>
        Predict(calibration, outcomes, options).Select(p => double.IsNaN(p.ServiceLevel) ? p : calibration.Typical(p.ServiceLevel, p.AbandonRate)).ToArray();

    /// <summary>Service level and abandonment the calibration expects for each interval (means).</summary>
    public static (double ServiceLevel, double AbandonRate)[] Predict(QueueCalibration calibration, IReadOnlyList<IntervalOutcome> outcomes, CalibrationOptions options)
    {
        var result = new (double, double)[outcomes.Count];
        ErlangQueue? queue = null;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            if (!(o.Offered > 0))
            {
                result[i] = (double.NaN, double.NaN);
                continue;
            }

            queue ??= new ErlangQueue(o.Load, calibration.PatienceSeconds, options.ThresholdSeconds);
            var outcome = calibration.Evaluate(o.Load, o.Agents, options.ThresholdSeconds, queue);
            result[i] = (outcome.ServiceLevelFor(options.AbandonsAreMisses), outcome.AbandonRate);
        }

        return result;
    }

    /// <summary>Erlang C or Erlang A (patience given) with the agents as logged in, as a planner would run them.</summary>
    public static (double ServiceLevel, double AbandonRate)[] PredictUncalibrated(IReadOnlyList<IntervalOutcome> outcomes, double? patienceSeconds, CalibrationOptions options)
    {
        var result = new (double, double)[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            if (!(o.Offered > 0))
            {
                result[i] = (double.NaN, double.NaN);
                continue;
            }

            var outcome = QueueOutcomes.At(new ErlangQueue(o.Load, patienceSeconds, options.ThresholdSeconds), Math.Min(ErlangQueue.MaxAgents, o.Agents));
            result[i] = (outcome.ServiceLevelFor(options.AbandonsAreMisses), outcome.AbandonRate);
        }

        return result;
    }

    private static (QueueCalibration Best, double Error) Search(Evaluator evaluator, QueueCalibration current, double currentError, Factor f, int round)
    {
        // A coarse grid over the whole range first (the error is not convex in every factor), then golden section
        // between the grid's neighbours of the best point. Later rounds search a narrower bracket around the current value.
        var low = f.Low;
        var high = f.High;
        if (round > 0)
        {
            var span = (f.Log ? Math.Log(high / low) : high - low) / (4 << round);
            var at = f.Get(current);
            (low, high) = f.Log
                ? (Math.Max(f.Low, at * Math.Exp(-span)), Math.Min(f.High, at * Math.Exp(span)))
                : (Math.Max(f.Low, at - span), Math.Min(f.High, at + span));
        }

        const int Points = 12;
        double ToValue(double u) => f.Log ? low * Math.Pow(high / low, u) : low + ((high - low) * u);
        var best = current;
        var bestError = currentError;
        var at0 = f.Get(current);
        var bestU = Math.Clamp(f.Log ? Math.Log(at0 / low) / Math.Log(high / low) : (at0 - low) / (high - low), 0, 1);
        if (double.IsNaN(bestU))
        {
            bestU = 0.5;
        }

        for (var k = 0; k <= Points; k++)
        {
            var candidate = f.Set(current, ToValue((double)k / Points));
            var error = evaluator.Error(candidate);
            if (error < bestError)
            {
                (best, bestError, bestU) = (candidate, error, (double)k / Points);
            }
        }

        var a = Math.Max(0, bestU - (1.0 / Points));
        var b = Math.Min(1, bestU + (1.0 / Points));
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        var fc = evaluator.Error(f.Set(current, ToValue(c)));
        var fd = evaluator.Error(f.Set(current, ToValue(d)));
        for (var i = 0; i < 14; i++)
        {
            if (fc < fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (ratio * (b - a));
                fc = evaluator.Error(f.Set(current, ToValue(c)));
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (ratio * (b - a));
                fd = evaluator.Error(f.Set(current, ToValue(d)));
            }
        }

        var (u, e) = fc < fd ? (c, fc) : (d, fd);
        return e < bestError ? (f.Set(current, ToValue(u)), e) : (best, bestError);
    }

    private static IntervalOutcome[] Usable(IReadOnlyList<IntervalOutcome> outcomes, string queue)
    {
        var data = outcomes.Where(o => o.Offered > 0).ToArray();
        if (data.Length < 10)
        {
            throw new StaffingInputException(
                $"{queue}.intervals", $"calibration needs at least 10 intervals with contacts, got {data.Length}");
        }

        return data;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    private sealed record Factor(Func<QueueCalibration, double, QueueCalibration> Set, Func<QueueCalibration, double> Get, double Low, double High, bool Log);

    /// <summary>Mean squared error of service level plus abandonment over the data, evaluated in parallel chunks.</summary>
    private sealed class Evaluator(IntervalOutcome[] data, CalibrationOptions options)
    {
        private readonly double[] _serviceLevel = data.Select(o => o.ServiceLevel(options.AbandonsAreMisses)).ToArray();
        private readonly int _chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, data.Length / 200));

        public double Error(QueueCalibration calibration)
        {
            var sums = new double[_chunks];
            Parallel.For(0, _chunks, chunk =>
            {
                var from = data.Length * chunk / _chunks;
                var to = data.Length * (chunk + 1) / _chunks;
                var queue = new ErlangQueue(data[from].Load, calibration.PatienceSeconds, options.ThresholdSeconds);
                var sum = 0.0;
                for (var i = from; i < to; i++)
                {
                    var o = data[i];
                    var outcome = calibration.Evaluate(o.Load, o.Agents, options.ThresholdSeconds, queue);
                    var dS = outcome.ServiceLevelFor(options.AbandonsAreMisses) - _serviceLevel[i];
                    var dA = outcome.AbandonRate - o.AbandonRate;
                    sum += (dS * dS) + (dA * dA);
                }

                sums[chunk] = sum;
            });
            return sums.Sum() / data.Length;
        }
    }
}
