namespace Wfm.Core.Staffing.Calibration;

/// <summary>
/// What a queue's own past says about the inputs a formula trusts, as four factors a planner can read:
/// <list type="bullet">
/// <item><see cref="Availability"/> and <see cref="AgentsAway"/>: of the agents logged in, <c>Availability × logged in −
/// AgentsAway</c> are really there for the queue's contacts (the rest is after-call work beyond the handle time,
/// not-ready time, other queues, a team lead logged in who takes no calls).</item>
/// <item><see cref="PatienceSeconds"/>: callers' mean patience as Erlang A uses it (abandonments ÷ time waited).</item>
/// <item><see cref="QuickHangUpShare"/>: of the callers who must wait, the share who hang up at once, whatever the
/// wait (they never load the agents, and count as abandoned and as missed).</item>
/// <item><see cref="HandleTimeCv"/>: handle times' coefficient of variation when known; waits drain faster when handle
/// times vary less than exponential ones (Allen–Cunneen: the threshold counts as <c>2 ÷ (1 + cv²)</c> times longer).</item>
/// </list>
/// The queue model under it is Erlang A (M/M/n+M), evaluated at the effective agents. <see cref="TypicalServiceLevel"/>
/// and <see cref="TypicalAbandonRate"/> turn an interval's expected outcome into the typical one (<see cref="TypicalMap"/>).
/// </summary>
public sealed record QueueCalibration(
    string Queue,
    double Availability,
    double AgentsAway,
    double PatienceSeconds,
    double QuickHangUpShare,
    double? HandleTimeCv = null,
    IReadOnlyList<MapKnot>? TypicalServiceLevel = null,
    IReadOnlyList<MapKnot>? TypicalAbandonRate = null)
{
    /// <summary>Erlang A as it is: every agent logged in takes contacts all the time, no quick hang-ups.</summary>
    public static QueueCalibration Neutral(string queue, double patienceSeconds) => new(queue, 1, 0, patienceSeconds, 0);

    public double EffectiveAgents(double loggedIn) => Math.Max(0, (Availability * loggedIn) - AgentsAway);

    public void Validate()
    {
        if (!(Availability > 0) || Availability > 2)
        {
            throw new StaffingInputException($"{Queue}.availability", $"must be in (0, 2], got {Availability}");
        }

        if (!(AgentsAway >= 0) || double.IsInfinity(AgentsAway))
        {
            throw new StaffingInputException($"{Queue}.agentsAway", $"must be zero or more, got {AgentsAway}");
        }

        if (!(PatienceSeconds > 0) || double.IsInfinity(PatienceSeconds))
        {
            throw new StaffingInputException($"{Queue}.patienceSeconds", $"must be more than 0 seconds, got {PatienceSeconds}");
        }

        if (!(QuickHangUpShare >= 0) || QuickHangUpShare >= 1)
        {
            throw new StaffingInputException($"{Queue}.quickHangUpShare", $"must be in [0, 1), got {QuickHangUpShare}");
        }

        if (HandleTimeCv is { } cv && (!(cv > 0) || cv > 10))
        {
            throw new StaffingInputException($"{Queue}.handleTimeCv", $"must be in (0, 10], got {cv}");
        }
    }

    /// <summary>What one interval most likely shows (the median of such intervals) for its expected outcome.</summary>
    public (double ServiceLevel, double AbandonRate) Typical(double expectedServiceLevel, double expectedAbandonRate) =>
        (TypicalMap.Apply(TypicalServiceLevel, expectedServiceLevel), TypicalMap.Apply(TypicalAbandonRate, expectedAbandonRate));

    /// <summary>The expected outcome of an interval with <paramref name="loggedIn"/> agents logged in (may be fractional).</summary>
    public QueueOutcome Evaluate(StaffingInterval interval, double loggedIn, double thresholdSeconds) =>
        Evaluate(interval, loggedIn, thresholdSeconds, new ErlangQueue(interval, PatienceSeconds, thresholdSeconds));

    /// <summary>As <see cref="Evaluate(StaffingInterval, double, double)"/>, reusing <paramref name="queue"/> (loaded afresh here).</summary>
    public QueueOutcome Evaluate(StaffingInterval interval, double loggedIn, double thresholdSeconds, ErlangQueue queue)
    {
        var threshold = HandleTimeCv is { } cv ? thresholdSeconds * 2 / (1 + (cv * cv)) : thresholdSeconds;
        var effective = Math.Min(ErlangQueue.MaxAgents, EffectiveAgents(loggedIn));
        queue.Load(interval, PatienceSeconds, threshold);
        var first = QueueOutcomes.At(queue, effective);
        var outcome = first;
        var quick = 0.0;
        if (QuickHangUpShare > 0 && interval.Contacts > 0)
        {
            quick = QuickHangUpShare * first.ProbabilityOfWait;
            queue.Load(interval with { Contacts = interval.Contacts * (1 - quick) }, PatienceSeconds, threshold);
            outcome = QueueOutcomes.At(queue, effective);
        }

        var stay = 1 - quick;
        var occupancy = loggedIn > 0 ? outcome.Occupancy * effective / loggedIn : 0;
        return new QueueOutcome(
            loggedIn,
            stay * outcome.ServiceLevel,
            outcome.ServiceLevelAnswered,
            first.ProbabilityOfWait,
            quick + (stay * outcome.AbandonRate),
            stay * outcome.AsaSeconds,
            outcome.AsaAnsweredSeconds,
            Math.Min(1, occupancy));
    }
}

/// <summary>A calibrated queue for the requirement search: agents counted as logged in, outcomes as the calibration predicts.</summary>
public sealed class CalibratedQueue(StaffingInterval interval, QueueCalibration calibration, double thresholdSeconds) : IQueueModel
{
    private readonly ErlangQueue _queue = new(interval, calibration.PatienceSeconds, thresholdSeconds);

    public double OfferedErlangs => (interval.Erlangs + calibration.AgentsAway) / calibration.Availability;

    public bool IsIdle => interval.Contacts <= 0;

    public QueueOutcome Evaluate(int agents) => IsIdle
        ? new QueueOutcome(agents, 1, 1, 0, 0, 0, 0, 0)
        : calibration.Evaluate(interval, agents, thresholdSeconds, _queue);
}
