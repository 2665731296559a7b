namespace Wfm.Core.Staffing;

/// <summary>
/// Requirement and reverse calculation for a series of intervals. Intervals are split into contiguous
/// chunks solved in parallel; within a chunk each interval starts its search from the previous answer,
/// which on a smooth forecast is one or two evaluations away.
/// </summary>
public static class StaffingPlanner
{
    public static IReadOnlyList<IntervalRequirement> Requirements(
        IReadOnlyList<StaffingInterval> intervals, StaffingOptions options, IProgress<int>? progress = null)
    {
        options.Validate();
        for (var i = 0; i < intervals.Count; i++)
        {
            intervals[i].Validate($"intervals[{i}]");
        }

        var results = new IntervalRequirement[intervals.Count];
        var shrinkage = options.EffectiveShrinkage;
        var chunk = Math.Max(256, intervals.Count / (Environment.ProcessorCount * 4) + 1);
        var done = 0;
        try
        {
            SolveChunks();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.OfType<StaffingInputException>().FirstOrDefault() is { } first)
        {
            throw first;
        }

        return results;

        void SolveChunks() => Parallel.For(0, (intervals.Count + chunk - 1) / chunk, c =>
        {
            var from = c * chunk;
            var to = Math.Min(intervals.Count, from + chunk);
            ErlangQueue? queue = null;
            double? beta = null;
            for (var i = from; i < to; i++)
            {
                var interval = intervals[i];
                int? hint = beta is { } b && interval.Erlangs > 0 ? (int)Math.Ceiling(interval.Erlangs + (b * Math.Sqrt(interval.Erlangs))) : null;
                if (queue is null)
                {
                    queue = new ErlangQueue(interval, options.EffectivePatience, options.Targets.ThresholdSeconds);
                }
                else
                {
                    queue.Load(interval, options.EffectivePatience, options.Targets.ThresholdSeconds);
                }

                StaffingRequirement requirement;
                try
                {
                    requirement = RequirementSolver.Solve(queue, options.Targets, hint);
                }
                catch (StaffingInputException ex)
                {
                    throw ex.AtInterval(i);
                }

                beta = Beta(requirement, interval) ?? beta;
                results[i] = new IntervalRequirement(
                    i, interval, requirement, shrinkage.Scheduled(requirement.FractionalAgents), shrinkage.ScheduledAgents(requirement.Agents));
            }

            if (progress is not null)
            {
                progress.Report(Interlocked.Add(ref done, to - from));
            }
        });
    }

    /// <summary>
    /// The previous interval's safety staffing in units of √load (square-root staffing: agents ≈ load + β·√load): nearly the
    /// same for the next interval under the same targets whatever its load, so the next search starts one or two agents
    /// from its answer — on a smooth day and on a year whose every quarter hour's load is drawn afresh alike.
    /// </summary>
    private static double? Beta(StaffingRequirement requirement, StaffingInterval interval) =>
        requirement.Agents > 0 && interval.Erlangs > 0 ? (requirement.FractionalAgents - interval.Erlangs) / Math.Sqrt(interval.Erlangs) : null;

    /// <summary>Expected outcomes of a given staffing (productive agents on the phones) per interval.</summary>
    public static IReadOnlyList<QueueOutcome> Reverse(
        IReadOnlyList<StaffingInterval> intervals, IReadOnlyList<int> agents, StaffingModelKind model, double? patienceSeconds, double thresholdSeconds)
    {
        if (agents.Count != intervals.Count)
        {
            throw new StaffingInputException("agents", $"expected one agent count per interval ({intervals.Count}), got {agents.Count}");
        }

        if (model == StaffingModelKind.ErlangA && patienceSeconds is null)
        {
            throw new StaffingInputException("patienceSeconds", "Erlang A needs the mean patience in seconds");
        }

        var patience = model == StaffingModelKind.ErlangA ? patienceSeconds : null;
        var results = new QueueOutcome[intervals.Count];
        ErlangQueue? queue = null;
        for (var i = 0; i < intervals.Count; i++)
        {
            intervals[i].Validate($"intervals[{i}]");
            if (agents[i] < 0 || agents[i] > ErlangQueue.MaxAgents)
            {
                throw new StaffingInputException($"agents[{i}]", $"must be between 0 and {ErlangQueue.MaxAgents}, got {agents[i]}");
            }

            if (queue is null)
            {
                queue = new ErlangQueue(intervals[i], patience, thresholdSeconds);
            }
            else
            {
                queue.Load(intervals[i], patience, thresholdSeconds);
            }

            results[i] = queue.Evaluate(agents[i]);
        }

        return results;
    }
}
