namespace Wfm.Core.Staffing.Backlog;

/// <summary>
/// The least staffing profile over open intervals that meets a response-time target for deferred work.
/// Deadlines (arrival + target, on the wall or business clock) give, for each time, the work that must be
/// done by then. The profile with the lowest peak that keeps cumulative capacity above that curve is its
/// least concave majorant over open time (staffing steps down, never up, after each binding deadline);
/// for targets below 100 % it is scaled down as far as a first-in-first-out replay still meets the
/// target. Work with deadlines beyond the horizon is not forced into it but is worked if capacity allows.
/// </summary>
public static class BacklogPlanner
{
    public static BacklogPlan Plan(IReadOnlyList<BacklogInterval> intervals, double intervalSeconds, BacklogTarget target, CarriedBacklog carried = default)
    {
        Validate(intervals, intervalSeconds, target, carried);
        var timeline = new BacklogTimeline(intervals, intervalSeconds, target, carried);
        var full = timeline.LevelProfile();
        var profile = full;
        if (target.Fraction < 1 && timeline.Replay(full).Fraction >= target.Fraction)
        {
            double low = 0, high = 1;
            for (var i = 0; i < 40; i++)
            {
                var mid = (low + high) / 2;
                if (timeline.Replay(Scale(full, mid)).Fraction >= target.Fraction)
                {
                    high = mid;
                }
                else
                {
                    low = mid;
                }
            }

            profile = Scale(full, high);
        }

        var whole = profile.Select(a => (int)Math.Ceiling(a - 1e-9)).ToArray();
        Trim(timeline, whole, target.Fraction);
        var replay = timeline.Replay(whole.Select(a => (double)a).ToArray());
        var rows = new BacklogIntervalPlan[intervals.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new BacklogIntervalPlan(i, intervals[i].Arrivals, profile[i], whole[i], replay.Handled[i], replay.BacklogEnd[i]);
        }

        return new BacklogPlan(rows, replay.Fraction, replay.BacklogEnd[^1], whole.Sum() * intervalSeconds / 3600);
    }

    /// <summary>Largest input on which whole agents are trimmed one by one (each try replays the horizon).</summary>
    public const int MaxTrimIntervals = 2000;

    /// <summary>
    /// Rounding every interval up overshoots the target; take whole agents back one at a time, busiest
    /// intervals first, wherever the first-in-first-out replay still meets the target and leaves no more
    /// work at the end of the horizon than the rounded-up plan did (so work is not pushed past the end).
    /// </summary>
    private static void Trim(BacklogTimeline timeline, int[] whole, double fraction)
    {
        if (whole.Length > MaxTrimIntervals)
        {
            return;
        }

        var agents = whole.Select(a => (double)a).ToArray();
        var endLimit = timeline.Replay(agents).BacklogEnd[^1] + 1e-6;
        bool changed;
        do
        {
            changed = false;
            foreach (var i in Enumerable.Range(0, whole.Length).Where(i => whole[i] > 0).OrderByDescending(i => whole[i]).ThenByDescending(i => i).ToArray())
            {
                agents[i] = whole[i] - 1;
                var replay = timeline.Replay(agents);
                if (replay.Fraction >= fraction - 1e-12 && replay.BacklogEnd[^1] <= endLimit)
                {
                    whole[i]--;
                    changed = true;
                }
                else
                {
                    agents[i] = whole[i];
                }
            }
        }
        while (changed);
    }

    private static double[] Scale(double[] profile, double factor) => profile.Select(a => a * factor).ToArray();

    private static void Validate(IReadOnlyList<BacklogInterval> intervals, double intervalSeconds, BacklogTarget target, CarriedBacklog carried)
    {
        target.Validate();
        if (intervals.Count == 0)
        {
            throw new StaffingInputException("intervals", "give at least one interval");
        }

        if (!(intervalSeconds > 0))
        {
            throw new StaffingInputException("intervalSeconds", $"must be more than 0, got {intervalSeconds}");
        }

        if (!intervals.Any(i => i.Open))
        {
            throw new StaffingInputException("intervals", "no interval is open: there is no time to work the backlog");
        }

        for (var i = 0; i < intervals.Count; i++)
        {
            if (!(intervals[i].Arrivals >= 0))
            {
                throw new StaffingInputException($"intervals[{i}].arrivals", $"must be zero or more, got {intervals[i].Arrivals}");
            }

            if (!(intervals[i].AhtSeconds > 0))
            {
                throw new StaffingInputException($"intervals[{i}].ahtSeconds", $"must be more than 0 seconds, got {intervals[i].AhtSeconds}");
            }
        }

        if (!(carried.Items >= 0) || (carried.Items > 0 && !(carried.AhtSeconds > 0)) || !(carried.AgeSeconds >= 0))
        {
            throw new StaffingInputException("carried", "items and age must be zero or more and the handle time more than 0");
        }
    }
}
