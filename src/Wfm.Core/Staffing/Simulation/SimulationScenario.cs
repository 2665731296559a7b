namespace Wfm.Core.Staffing.Simulation;

/// <summary>
/// A day (or any run of intervals) to simulate as one: arrivals per interval (Poisson at the interval's
/// rate), each interval's mean handle time, the agents on the phones per interval, the handle-time
/// shape, the patience distribution and the service-level threshold. The run's total leaves out the
/// first <c>WarmupIntervals</c> (a queue that starts empty is not in steady state).
/// </summary>
public sealed record SimulationScenario(
    IReadOnlyList<StaffingInterval> Intervals,
    IReadOnlyList<int> Agents,
    HandleTimeDistribution HandleTime,
    PatienceDistribution Patience,
    double ThresholdSeconds,
    int WarmupIntervals = 0,
    LiveStart? Start = null)
{
    public void Validate()
    {
        if (Intervals.Count == 0)
        {
            throw new StaffingInputException("intervals", "give at least one interval");
        }

        if (Agents.Count != Intervals.Count)
        {
            throw new StaffingInputException("agents", $"expected one agent count per interval ({Intervals.Count}), got {Agents.Count}");
        }

        for (var i = 0; i < Intervals.Count; i++)
        {
            Intervals[i].Validate($"intervals[{i}]");
            if (Agents[i] is < 0 or > ErlangQueue.MaxAgents)
            {
                throw new StaffingInputException($"agents[{i}]", $"must be between 0 and {ErlangQueue.MaxAgents}, got {Agents[i]}");
            }
        }

        if (!(ThresholdSeconds >= 0))
        {
            throw new StaffingInputException("thresholdSeconds", $"must be zero or more seconds, got {ThresholdSeconds}");
        }

        if (WarmupIntervals < 0 || WarmupIntervals >= Intervals.Count)
        {
            throw new StaffingInputException("warmupIntervals", $"must be between 0 and {Intervals.Count - 1}, got {WarmupIntervals}");
        }

        HandleTime.Validate();
        if (Start is { } start)
        {
            if (start.BusyAgents < 0)
            {
                throw new StaffingInputException("start.busyAgents", $"must be zero or more, got {start.BusyAgents}");
            }

            if (start.WaitingSeconds.Any(w => !(w >= 0)))
            {
                throw new StaffingInputException("start.waitingSeconds", "every wait so far must be zero or more seconds");
            }
        }
    }
}

/// <summary>
/// The queue as it is when the run starts, instead of empty: contacts already waiting (how long each has waited; they
/// count in the first interval, their waits from their own arrival) and agents on a contact (each finishes after a
/// handle time drawn afresh — exact for exponential handle times, which forget how long a contact has run).
/// </summary>
public sealed record LiveStart(IReadOnlyList<double> WaitingSeconds, int BusyAgents);

/// <summary>Replications (independent runs), base seed and confidence level of the reported intervals.</summary>
public sealed record SimulationOptions(int Replications = 30, ulong Seed = 20261125, double Confidence = 0.99)
{
    public void Validate()
    {
        if (Replications is < 2 or > 100_000)
        {
            throw new StaffingInputException("replications", $"must be between 2 and 100000, got {Replications}");
        }

        if (!(Confidence > 0.5) || !(Confidence < 1))
        {
            throw new StaffingInputException("confidence", $"must be a fraction in (0.5, 1), got {Confidence}");
        }
    }
}
