namespace Wfm.Core.Staffing.Backlog;

/// <summary>Cohorts of deferred work with their deadlines over a run of intervals; builds and replays profiles.</summary>
internal sealed class BacklogTimeline
{
    private readonly IReadOnlyList<BacklogInterval> _intervals;
    private readonly double _dt;
    private readonly BacklogTarget _target;
    private readonly List<Cohort> _cohorts = [];

    public BacklogTimeline(IReadOnlyList<BacklogInterval> intervals, double intervalSeconds, BacklogTarget target, CarriedBacklog carried)
    {
        _intervals = intervals;
        _dt = intervalSeconds;
        _target = target;
        if (carried.Items > 0)
        {
            var deadline = target.DeadlineSeconds > carried.AgeSeconds
                ? Deadline(0, target.DeadlineSeconds - carried.AgeSeconds)
                : target.DeadlineSeconds - carried.AgeSeconds;
            _cohorts.Add(new Cohort(-carried.AgeSeconds, deadline, carried.Items, carried.AhtSeconds, -1));
        }

        for (var i = 0; i < intervals.Count; i++)
        {
            if (intervals[i].Arrivals > 0)
            {
                var arrival = (i + 0.5) * _dt;
                _cohorts.Add(new Cohort(arrival, Deadline(arrival, target.DeadlineSeconds), intervals[i].Arrivals, intervals[i].AhtSeconds, i));
            }
        }
    }

    private double End => _intervals.Count * _dt;

    /// <summary>
    /// Agents per interval on the taut string between "work due by now" (must be done) and "work arrived
    /// by now" (can be done), over open time: the profile with the lowest peak that meets every deadline.
    /// </summary>
    public double[] LevelProfile()
    {
        var open = Enumerable.Range(0, _intervals.Count).Where(i => _intervals[i].Open).ToArray();
        var lower = new double[open.Length + 1];
        var upper = new double[open.Length + 1];
        for (var p = 1; p <= open.Length; p++)
        {
            // Work must be done by the last open-interval end at or before its deadline: what falls due
            // inside the next open interval, or while closed, is required here.
            var openEnd = (open[p - 1] + 1) * _dt;
            foreach (var c in _cohorts)
            {
                var work = c.Items * c.Aht / _target.Utilisation;
                var due = p < open.Length ? c.Deadline < (open[p] + 1) * _dt : c.Deadline <= End;
                lower[p] += due ? work : 0;
                upper[p] += c.Arrival < openEnd ? work : 0;
            }

            lower[p] = Math.Min(lower[p], upper[p]);
        }

        upper[^1] = lower[^1];
        var cumulative = TautString.Solve(lower, upper);
        var profile = new double[_intervals.Count];
        for (var p = 0; p < open.Length; p++)
        {
            profile[open[p]] = Math.Max(0, (cumulative[p + 1] - cumulative[p]) / _dt);
        }

        return profile;
    }

    /// <summary>First-in-first-out fluid replay of a staffing profile.</summary>
    public ReplayResult Replay(IReadOnlyList<double> agents)
    {
        var remaining = _cohorts.Select(c => c.Items).ToArray();
        var handled = new double[_intervals.Count];
        var backlogEnd = new double[_intervals.Count];
        var onTime = 0.0;
        var k = 0;
        var arrived = _cohorts.Where(c => c.Interval < 0).Sum(c => c.Items);
        var done = 0.0;
        for (var j = 0; j < _intervals.Count; j++)
        {
            arrived += _intervals[j].Arrivals;
            var rate = _intervals[j].Open ? agents[j] * _target.Utilisation : 0;
            var t = j * _dt;
            var end = t + _dt;
            while (rate > 0 && t < end && k < _cohorts.Count)
            {
                var c = _cohorts[k];
                if (c.Arrival >= end)
                {
                    break;
                }

                t = Math.Max(t, c.Arrival);
                var finish = Math.Min(end, t + (remaining[k] * c.Aht / rate));
                var items = Math.Min(remaining[k], (finish - t) * rate / c.Aht);
                var share = finish > t ? Math.Clamp((c.Deadline - t) / (finish - t), 0, 1) : 1;
                onTime += items * share;
                handled[j] += items;
                remaining[k] -= items;
                t = finish;
                if (remaining[k] <= 1e-9)
                {
                    k++;
                }
            }

            done += handled[j];
            backlogEnd[j] = Math.Max(0, arrived - done);
        }

        var dueUnanswered = 0.0;
        for (var i = 0; i < _cohorts.Count; i++)
        {
            dueUnanswered += _cohorts[i].Deadline <= End ? remaining[i] : 0;
        }

        var counted = done + dueUnanswered;
        return new ReplayResult(counted > 0 ? onTime / counted : 1, handled, backlogEnd);
    }

    private double Deadline(double arrival, double allowance)
    {
        if (_target.Clock == DeadlineClock.Wall)
        {
            return arrival + allowance;
        }

        // Business clock: only open time counts towards the allowance.
        var left = allowance;
        var t = arrival;
        for (var i = Math.Max(0, (int)(arrival / _dt)); i < _intervals.Count; i++)
        {
            var end = (i + 1) * _dt;
            if (_intervals[i].Open)
            {
                var usable = end - Math.Max(t, i * _dt);
                if (usable >= left)
                {
                    return Math.Max(t, i * _dt) + left;
                }

                left -= usable;
            }

            t = end;
        }

        return End + left;
    }

    private readonly record struct Cohort(double Arrival, double Deadline, double Items, double Aht, int Interval);
}

internal sealed record ReplayResult(double Fraction, double[] Handled, double[] BacklogEnd);
