namespace Wfm.Core.Staffing;

/// <summary>
/// One interval of chat with concurrency: each agent holds up to k chats, new chats go to the least
/// loaded agent, and an agent holding c chats finishes each at the solo rate ÷ stretch(c). The number of
/// chats in the system is then a birth–death chain whose completion rate depends on the state; above
/// n·k chats wait (and abandon with exponential patience, if given). Solved exactly like Erlang A with
/// that chain below capacity. <see cref="StaffingInterval.AhtSeconds"/> is the handle time of a chat
/// served alone. Occupancy is the share of time an agent holds at least one chat.
/// </summary>
public sealed class ChatQueue : IQueueModel
{
    private const double Big = 1e250;
    private readonly double _lambda;
    private readonly double _mu;
    private readonly double _theta;
    private readonly double _threshold;

    public ChatQueue(StaffingInterval interval, ConcurrencyCurve curve, double? patienceSeconds, double thresholdSeconds)
    {
        interval.Validate();
        if (patienceSeconds is { } p && (!(p > 0) || double.IsInfinity(p)))
        {
            throw new StaffingInputException("patienceSeconds", $"must be more than 0 seconds, got {p}");
        }

        Curve = curve;
        _lambda = interval.ArrivalRatePerSecond;
        _mu = 1 / interval.AhtSeconds;
        _theta = patienceSeconds is { } pt ? 1 / pt : 0;
        _threshold = thresholdSeconds;
        var k = curve.MaxConcurrency;
        OfferedErlangs = interval.Erlangs * curve.Factors[k - 1] / k;
    }

    public ConcurrencyCurve Curve { get; }

    /// <summary>Agent-equivalents of work when every agent runs at full concurrency.</summary>
    public double OfferedErlangs { get; }

    public bool IsIdle => _lambda <= 0;

    public QueueOutcome Evaluate(int agents)
    {
        if (agents < 0 || agents > ErlangQueue.MaxAgents)
        {
            throw new StaffingInputException("agents", $"must be between 0 and {ErlangQueue.MaxAgents}, got {agents}");
        }

        if (IsIdle)
        {
            return new QueueOutcome(agents, 1, 1, 0, 0, 0, 0, 0);
        }

        var slots = agents * Curve.MaxConcurrency;
        double r = 1, lower = 0, engaged = 0, scaled = 0;
        for (var m = slots; m >= 1; m--)
        {
            r *= Departures(m, agents) / _lambda;
            lower += r;
            engaged += Math.Min(m - 1, agents) * r;
            if (r > Big)
            {
                r /= Big;
                lower /= Big;
                engaged /= Big;
                scaled++;
            }
        }

        var engagedShare = lower > 0 ? engaged / lower : 0;
        var fullLower = scaled > 0 ? double.PositiveInfinity : lower;
        var tail = QueueTail.Evaluate(_lambda, fullLower, Departures(slots, agents), _theta, _threshold);
        if (double.IsPositiveInfinity(tail.MeanWait))
        {
            return new QueueOutcome(agents, 0, 0, 1, 0, double.PositiveInfinity, double.PositiveInfinity, 1);
        }

        var busyAgents = (engagedShare * (1 - tail.PWait)) + (agents * tail.PWait);
        var occupancy = agents == 0 ? 0 : Math.Min(1, busyAgents / agents);
        var answeredSl = tail.Served > 0 ? Math.Min(1, tail.ServedWithin / tail.Served) : 0;
        return new QueueOutcome(agents, tail.ServedWithin, answeredSl, tail.PWait, tail.PAbandon, tail.MeanWait, tail.MeanWaitServed, occupancy);
    }

    /// <summary>Completion rate with <paramref name="chats"/> chats spread as evenly as possible over the agents.</summary>
    private double Departures(int chats, int agents)
    {
        if (agents == 0)
        {
            return 0;
        }

        var each = chats / agents;
        var extra = chats % agents;
        var rate = (agents - extra) * Curve.CompletionRate(each, _mu);
        return extra > 0 ? rate + (extra * Curve.CompletionRate(each + 1, _mu)) : rate;
    }
}
