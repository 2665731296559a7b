namespace Wfm.Core.Staffing.Simulation;

/// <summary>
/// Discrete-event simulation of a first-come-first-served queue over consecutive intervals, as one run:
/// contacts waiting at the end of an interval carry into the next, and agents leaving at a boundary
/// finish the contact they are on. Contacts are tallied by the interval they arrived in; after the last
/// interval, agents of the last interval drain the queue. Replications run in parallel, each from its
/// own seed, so results depend only on the scenario and the base seed.
/// </summary>
public static class QueueSimulator
{
    public static SimulationResult Run(SimulationScenario scenario, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        scenario.Validate();
        options.Validate();
        var tallies = new ReplicationTally[options.Replications];
        Parallel.For(0, options.Replications, r =>
            tallies[r] = new Replication(scenario, options.Seed + ((ulong)r * 0x9E3779B97F4A7C15UL)).Run());

        var n = scenario.Intervals.Count;
        var intervals = new IntervalEstimate[n];
        for (var i = 0; i < n; i++)
        {
            intervals[i] = Summarise(i, scenario.Agents[i], tallies, options.Confidence);
        }

        var total = Summarise(n, scenario.Agents.Average(), tallies, options.Confidence);
        var contacts = (long)tallies.Sum(t => t.Offered[n]);
        return new SimulationResult(intervals, total with { Index = -1 }, contacts, options.Replications, options.Confidence);
    }

    /// <summary>
    /// Each replication's counts per interval, for outcomes the summary does not give: the spread of what may happen
    /// (prediction bands, not the confidence of a mean) and totals over any run of intervals.
    /// </summary>
    public static IReadOnlyList<ReplicationCounts> Replicate(SimulationScenario scenario, SimulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulationOptions();
        scenario.Validate();
        options.Validate();
        var counts = new ReplicationCounts[options.Replications];
        Parallel.For(0, options.Replications, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            var t = new Replication(scenario, options.Seed + ((ulong)r * 0x9E3779B97F4A7C15UL)).Run();
            var n = scenario.Intervals.Count;
            counts[r] = new ReplicationCounts(t.Offered[..n], t.Within[..n], t.Answered[..n], t.Abandoned[..n], t.Wait[..n]);
        });
        return counts;
    }

    private static IntervalEstimate Summarise(int i, double agents, ReplicationTally[] tallies, double confidence)
    {
        var buffer = new double[tallies.Length];
        Estimate Of(Func<ReplicationTally, double> metric)
        {
            for (var r = 0; r < tallies.Length; r++)
            {
                buffer[r] = metric(tallies[r]);
            }

            return Estimate.From(buffer, confidence);
        }

        return new IntervalEstimate(
            i,
            agents,
            Of(t => t.Offered[i]),
            Of(t => t.ServiceLevel(i)),
            Of(t => t.ServiceLevelAnswered(i)),
            Of(t => t.AbandonRate(i)),
            Of(t => t.Asa(i)),
            Of(t => t.Occupancy(i)));
    }
}

/// <summary>One replication's counts per arrival interval: offered, answered within the threshold, answered, abandoned, and total wait (seconds).</summary>
public sealed record ReplicationCounts(double[] Offered, double[] Within, double[] Answered, double[] Abandoned, double[] Wait)
{
    /// <summary>Service level over intervals [from, to): within ÷ offered (abandons count as misses); NaN when nothing was offered.</summary>
    public double ServiceLevel(int from, int to)
    {
        double within = 0, offered = 0;
        for (var i = from; i < to; i++)
        {
            within += Within[i];
            offered += Offered[i];
        }

        return offered > 0 ? within / offered : double.NaN;
    }
}
