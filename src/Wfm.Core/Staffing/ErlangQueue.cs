namespace Wfm.Core.Staffing;

/// <summary>
/// One interval of a voice-like queue: Poisson arrivals, exponential handle times, <c>n</c> agents and,
/// when a patience is given, exponential abandonment (M/M/n+M, Erlang A; Garnett, Mandelbaum &amp; Reiman
/// 2002). Without patience it is M/M/n (Erlang C). Exact over the birth–death chain. Erlang B values are
/// cached per agent count, so a requirement search costs one pass up the recursion. Reusable: call
/// <see cref="Load"/> for the next interval.
/// </summary>
public sealed class ErlangQueue : IQueueModel
{
    /// <summary>The largest staffing the engine evaluates; requirements beyond it are refused.</summary>
    public const int MaxAgents = 10_000;

    private double[] _erlangB = new double[64];
    private int _base;
    private int _cached;
    private double _lambda;
    private double _mu;
    private double _theta;
    private double _threshold;

    public ErlangQueue(StaffingInterval interval, double? patienceSeconds, double thresholdSeconds)
    {
        Load(interval, patienceSeconds, thresholdSeconds);
    }

    public double OfferedErlangs { get; private set; }

    public bool IsIdle => _lambda <= 0;

    /// <summary>Mean patience in seconds, or null for Erlang C.</summary>
    public double? PatienceSeconds => _theta > 0 ? 1 / _theta : null;

    public void Load(StaffingInterval interval, double? patienceSeconds, double thresholdSeconds)
    {
        interval.Validate();
        if (patienceSeconds is { } patience && (!(patience > 0) || double.IsInfinity(patience)))
        {
            throw new StaffingInputException("patienceSeconds", $"must be more than 0 seconds, got {patience}");
        }

        if (!(thresholdSeconds >= 0) || double.IsInfinity(thresholdSeconds))
        {
            throw new StaffingInputException("thresholdSeconds", $"must be zero or more seconds, got {thresholdSeconds}");
        }

        _lambda = interval.ArrivalRatePerSecond;
        _mu = 1 / interval.AhtSeconds;
        _theta = patienceSeconds is { } pt ? 1 / pt : 0;
        _threshold = thresholdSeconds;
        OfferedErlangs = interval.Erlangs;
        StartRecursion(OfferedErlangs);
    }

    /// <summary>
    /// Where the Erlang B recursion starts: at 0 agents (B = 1), or for a large load well below it, at
    /// <c>k₀ = a − 7√a</c> with the overload value 1/B ≈ a/(a − k₀). The recursion 1/B(k) = 1 + (k/a)/B(k−1) never
    /// grows a relative error and shrinks it by 1 − B(k) at each step, so the start's error (a few per cent) is gone long
    /// before the agents any target needs (checked against the full recursion in the tests to 1e-12); the work per
    /// interval falls from a + β√a steps to about 7√a.
    /// </summary>
    private void StartRecursion(double a)
    {
        var k0 = a > 100 ? (int)Math.Floor(a - (7 * Math.Sqrt(a))) : 0;
        _base = k0;
        _cached = k0;
        _erlangB[0] = k0 == 0 ? 1 : (a - k0) / a;
    }

    public QueueOutcome Evaluate(int agents)
    {
        if (agents < 0 || agents > MaxAgents)
        {
            throw new StaffingInputException("agents", $"must be between 0 and {MaxAgents}, got {agents}");
        }

        if (IsIdle)
        {
            return new QueueOutcome(agents, 1, 1, 0, 0, 0, 0, 0);
        }

        var a = OfferedErlangs;
        var b = Blocking(agents);
        var lower = b > 0 ? (1 / b) - 1 : double.PositiveInfinity;
        var tail = QueueTail.Evaluate(_lambda, lower, agents * _mu, _theta, _threshold);
        if (double.IsPositiveInfinity(tail.MeanWait) && _theta <= 0)
        {
            return new QueueOutcome(agents, 0, 0, 1, 0, double.PositiveInfinity, double.PositiveInfinity, 1);
        }

        var occupancy = agents == 0 ? 0 : Math.Min(1, a * tail.Served / agents);
        var answeredSl = tail.Served > 0 ? Math.Min(1, tail.ServedWithin / tail.Served) : 0;
        return new QueueOutcome(
            agents, tail.ServedWithin, answeredSl, tail.PWait, tail.PAbandon, tail.MeanWait, tail.MeanWaitServed, occupancy);
    }

    private double Blocking(int agents)
    {
        if (agents < _base)
        {
            // Below the fast start (a target that asks for far fewer agents than the load): the full recursion from 0.
            var a0 = OfferedErlangs;
            var b0 = 1.0;
            for (var k = 1; k <= agents; k++)
            {
                b0 = a0 * b0 / (k + (a0 * b0));
            }

            return b0;
        }

        if (agents > _cached)
        {
            var needed = agents - _base + 1;
            if (needed > _erlangB.Length)
            {
                Array.Resize(ref _erlangB, Math.Max(needed, _erlangB.Length * 2));
            }

            var a = OfferedErlangs;
            var b = _erlangB[_cached - _base];
            for (var k = _cached + 1; k <= agents; k++)
            {
                b = a * b / (k + (a * b));
                _erlangB[k - _base] = b;
            }

            _cached = agents;
        }

        return _erlangB[agents - _base];
    }
}
