namespace Wfm.Core.Staffing.Simulation;

/// <summary>One seeded run of a <see cref="SimulationScenario"/>.</summary>
internal sealed class Replication(SimulationScenario scenario, ulong seed)
{
    private readonly Queue<Waiting> _queue = new();
    private readonly PriorityQueue<int, double> _busy = new();
    private readonly double[] _starts = Starts(scenario.Intervals);
    private readonly ReplicationTally _tally = new(scenario.Intervals.Count);
    private FastRandom _random = new(seed);
    private int _interval;

    public ReplicationTally Run()
    {
        var intervals = scenario.Intervals;
        var count = intervals.Count;
        var end = _starts[count];
        for (var i = 0; i < count; i++)
        {
            _tally.Available[i] = scenario.Agents[i] * intervals[i].IntervalSeconds;
        }

        if (scenario.Start is { } start)
        {
            // The live queue: waiting contacts (oldest first, counted in the first interval) and agents mid-contact.
            foreach (var waited in start.WaitingSeconds.OrderByDescending(w => w))
            {
                _tally.Offered[0]++;
                _queue.Enqueue(new Waiting(-waited, scenario.Patience.Sample(ref _random), 0));
            }

            for (var b = 0; b < start.BusyAgents; b++)
            {
                _busy.Enqueue(0, scenario.HandleTime.Sample(ref _random, intervals[0].AhtSeconds));
            }

            ServeWaiting(0);
        }

        var nextArrival = NextArrival(0);
        while (true)
        {
            var nextCompletion = _busy.TryPeek(out _, out var done) ? done : double.PositiveInfinity;
            var nextBoundary = _interval < count ? _starts[_interval + 1] : double.PositiveInfinity;
            if (nextArrival <= nextCompletion && nextArrival < nextBoundary)
            {
                Arrive(nextArrival);
                nextArrival = NextArrival(nextArrival);
            }
            else if (nextCompletion <= nextBoundary && !double.IsPositiveInfinity(nextCompletion))
            {
                _busy.Dequeue();
                ServeWaiting(nextCompletion);
            }
            else if (!double.IsPositiveInfinity(nextBoundary))
            {
                _interval++;
                nextArrival = NextArrival(nextBoundary);
                ServeWaiting(nextBoundary);
            }
            else
            {
                break;
            }
        }

        // Nobody left to answer (no agents after the last interval): whoever still waits is lost.
        while (_queue.TryDequeue(out var lost))
        {
            Abandon(lost, double.IsPositiveInfinity(lost.Deadline) ? Math.Max(end, lost.Arrival) : lost.Deadline);
        }

        _tally.Close(scenario.WarmupIntervals);
        return _tally;
    }

    private int Staffed => scenario.Agents[Math.Min(_interval, scenario.Agents.Count - 1)];

    private static double[] Starts(IReadOnlyList<StaffingInterval> intervals)
    {
        var starts = new double[intervals.Count + 1];
        for (var i = 0; i < intervals.Count; i++)
        {
            starts[i + 1] = starts[i] + intervals[i].IntervalSeconds;
        }

        return starts;
    }

    private double NextArrival(double now)
    {
        if (_interval >= scenario.Intervals.Count)
        {
            return double.PositiveInfinity;
        }

        var rate = scenario.Intervals[_interval].ArrivalRatePerSecond;
        return rate > 0 ? now + _random.Exponential(1 / rate) : double.PositiveInfinity;
    }

    private void Arrive(double now)
    {
        _tally.Offered[_interval]++;
        if (_busy.Count < Staffed && _queue.Count == 0)
        {
            Start(now, now, _interval);
            return;
        }

        _queue.Enqueue(new Waiting(now, now + scenario.Patience.Sample(ref _random), _interval));
    }

    private void ServeWaiting(double now)
    {
        while (_busy.Count < Staffed && _queue.TryDequeue(out var next))
        {
            if (next.Deadline <= now)
            {
                // Patience ran out before an agent was free: abandoned at its deadline.
                Abandon(next, next.Deadline);
                continue;
            }

            Start(now, next.Arrival, next.Interval);
        }
    }

    private void Abandon(Waiting contact, double at)
    {
        _tally.Abandoned[contact.Interval]++;
        _tally.Wait[contact.Interval] += at - contact.Arrival;
    }

    private void Start(double now, double arrival, int arrivalInterval)
    {
        var wait = now - arrival;
        _tally.Answered[arrivalInterval]++;
        _tally.Wait[arrivalInterval] += wait;
        if (wait <= scenario.ThresholdSeconds)
        {
            _tally.Within[arrivalInterval]++;
        }

        var handle = scenario.HandleTime.Sample(ref _random, scenario.Intervals[arrivalInterval].AhtSeconds);
        var finish = now + handle;
        _busy.Enqueue(0, finish);

        // Busy time is booked to the intervals the handling overlaps (not the arrival interval).
        for (var i = Math.Min(_interval, scenario.Intervals.Count - 1); i < scenario.Intervals.Count && _starts[i] < finish; i++)
        {
            var from = Math.Max(now, _starts[i]);
            var to = Math.Min(finish, _starts[i + 1]);
            if (to > from)
            {
                _tally.Busy[i] += to - from;
            }
        }
    }

    private readonly record struct Waiting(double Arrival, double Deadline, int Interval);
}
