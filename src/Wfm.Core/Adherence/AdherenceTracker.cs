using Wfm.Core.Agents;

namespace Wfm.Core.Adherence;

/// <summary>
/// Adherence of a day against its plan, kept up as the timeline grows: the time in
/// adherence and the productive time of every finished state (from one change to the next, up to now) are
/// added once, so a snapshot costs the plan's length plus the changes since the last one, not the whole day.
/// A new plan or a new timeline (another day, a reloaded state) starts the sums again.
/// </summary>
public sealed class AdherenceTracker
{
    private IReadOnlyList<PlannedActivity>? _plan;
    private IReadOnlyList<StateChange>? _timeline;

    // Segments closed so far: the time before timeline[0] (Offline) and [timeline[i], timeline[i + 1]) for i < _closed - 1.
    private int _closed;
    private StateChange? _lastClosed;
    private double _inside;
    private double _productive;

    public AdherenceResult Compute(IReadOnlyList<PlannedActivity> plan, IReadOnlyList<StateChange> timeline, DateTimeOffset now)
    {
        if (plan.Count == 0)
        {
            return AdherenceResult.Unscheduled;
        }

        if (!ReferenceEquals(plan, _plan) || !ReferenceEquals(timeline, _timeline) || timeline.Count < _closed
            || (_closed > 0 && (timeline[_closed - 1] != _lastClosed || _lastClosed.Value.At > now)))
        {
            _plan = plan;
            _timeline = timeline;
            _closed = 0;
            _lastClosed = null;
            _inside = _productive = 0;
        }

        // Close every segment that ends by now: it will not change any more.
        while (_closed < timeline.Count && timeline[_closed].At <= now)
        {
            var (from, state) = _closed == 0 ? (DateTimeOffset.MinValue, AgentState.Offline) : (timeline[_closed - 1].At, timeline[_closed - 1].State);
            Add(plan, from, timeline[_closed].At, state, ref _inside, ref _productive);
            _lastClosed = timeline[_closed];
            _closed++;
        }

        // The open segment: from the last change up to now.
        double inside = _inside, productive = _productive;
        var (since, stateNow) = _closed == 0 ? (DateTimeOffset.MinValue, AgentState.Offline) : (timeline[_closed - 1].At, timeline[_closed - 1].State);
        Add(plan, since, now, stateNow, ref inside, ref productive);

        double scheduled = 0, workScheduled = 0;
        PlannedActivity? current = null;
        foreach (var activity in plan)
        {
            var end = activity.End < now ? activity.End : now;
            if (end > activity.Start)
            {
                scheduled += (end - activity.Start).TotalMinutes;
                if (activity.Kind == ActivityKind.Work)
                {
                    workScheduled += (end - activity.Start).TotalMinutes;
                }
            }

            if (current is null && activity.Start <= now && now < activity.End)
            {
                current = activity;
            }
        }

        return new AdherenceResult(
            scheduled,
            inside,
            scheduled - inside,
            current is null ? null : AdherenceCalculator.Fulfils(stateNow, current.Kind),
            current?.Kind,
            workScheduled <= 0 ? null : productive / workScheduled);
    }

    /// <summary>Adds the state held over [from, to) where it falls inside planned activities.</summary>
    private static void Add(IReadOnlyList<PlannedActivity> plan, DateTimeOffset from, DateTimeOffset to, AgentState state, ref double inside, ref double productive)
    {
        if (to <= from)
        {
            return;
        }

        var isProductive = AgentStateMachine.IsProductive(state);
        foreach (var activity in plan)
        {
            var start = activity.Start > from ? activity.Start : from;
            var end = activity.End < to ? activity.End : to;
            if (end <= start)
            {
                continue;
            }

            var minutes = (end - start).TotalMinutes;
            if (AdherenceCalculator.Fulfils(state, activity.Kind))
            {
                inside += minutes;
            }

            if (isProductive)
            {
                productive += minutes;
            }
        }
    }
}
