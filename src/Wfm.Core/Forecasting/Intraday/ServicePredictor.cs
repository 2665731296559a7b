using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Core.Forecasting.Intraday;

/// <summary>
/// One interval of the rest of the day as the simulation expects it: the mean over replications and the band that
/// holds the middle <c>level</c> of them (what may happen, not the confidence of the mean).
/// </summary>
public sealed record PredictedInterval(
    int Slot, DateTime Start, double Contacts, int Agents,
    double ServiceLevel, double ServiceLevelLow, double ServiceLevelHigh,
    double AbandonRate, double AbandonRateLow, double AbandonRateHigh,
    double AsaSeconds, double AsaLow, double AsaHigh);

/// <summary>
/// The rest of the day's service from the queue as it is now: the simulation starts from the contacts waiting (with
/// their waits so far) and the agents on a contact, and runs forward over the re-forecast with the agents planned per
/// interval — not a static Erlang figure per interval, so a backlog now shows in the next intervals.
/// </summary>
public static class ServicePredictor
{
    /// <param name="rest">The re-forecast from the current interval on (its first interval is the one under way).</param>
    /// <param name="secondsIntoInterval">How far the current interval has run: its remaining part is simulated.</param>
    /// <param name="agents">Agents on the queue per interval of <paramref name="rest"/>.</param>
    /// <param name="defaultAhtSeconds">Handle time where the re-forecast has none.</param>
    public static IReadOnlyList<PredictedInterval> Predict(
        RestOfDay rest, int intervalMinutes, double secondsIntoInterval, IReadOnlyList<int> agents, LiveStart now,
        double thresholdSeconds, double patienceSeconds, double defaultAhtSeconds,
        double level = 0.8, int replications = 200, ulong seed = 20261207, CancellationToken cancellationToken = default)
    {
        var count = rest.Intervals.Count;
        if (count == 0)
        {
            return [];
        }

        if (agents.Count != count)
        {
            throw new StaffingInputException("agents", $"expected one agent count per interval of the rest of the day ({count}), got {agents.Count}");
        }

        var length = intervalMinutes * 60.0;
        var first = Math.Clamp(length - secondsIntoInterval, 1, length);
        var intervals = rest.Intervals.Select((r, i) =>
        {
            var seconds = i == 0 ? first : length;
            return new StaffingInterval(r.Forecast * seconds / length, r.AhtSeconds ?? defaultAhtSeconds, seconds);
        }).ToList();
        var scenario = new SimulationScenario(
            intervals, agents, HandleTimeDistribution.Exponential,
            double.IsFinite(patienceSeconds) && patienceSeconds > 0 ? PatienceDistribution.Exponential(patienceSeconds) : PatienceDistribution.Infinite,
            thresholdSeconds, Start: now);
        var runs = QueueSimulator.Replicate(scenario, new SimulationOptions(replications, seed), cancellationToken);

        var tail = (1 - level) / 2;
        var result = new List<PredictedInterval>(count);
        for (var i = 0; i < count; i++)
        {
            var sl = Band(runs.Select(r => r.Offered[i] > 0 ? r.Within[i] / r.Offered[i] : double.NaN), tail);
            var abandon = Band(runs.Select(r => r.Offered[i] > 0 ? r.Abandoned[i] / r.Offered[i] : double.NaN), tail);
            var asa = Band(runs.Select(r => r.Offered[i] > 0 ? r.Wait[i] / r.Offered[i] : double.NaN), tail);
            var interval = rest.Intervals[i];
            result.Add(new PredictedInterval(interval.Slot, interval.Start, interval.Forecast, agents[i], sl.Mean, sl.Low, sl.High, abandon.Mean, abandon.Low, abandon.High, asa.Mean, asa.Low, asa.High));
        }

        return result;
    }

    /// <summary>The mean and the <paramref name="tail"/> and 1 − <paramref name="tail"/> quantiles of the finite values (NaN when none).</summary>
    public static (double Mean, double Low, double High) Band(IEnumerable<double> values, double tail)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        double At(double q)
        {
            var position = q * (sorted.Length - 1);
            var below = (int)Math.Floor(position);
            var above = Math.Min(below + 1, sorted.Length - 1);
            return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
        }

        return (sorted.Average(), At(tail), At(1 - tail));
    }
}
