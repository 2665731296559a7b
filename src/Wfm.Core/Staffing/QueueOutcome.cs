namespace Wfm.Core.Staffing;

/// <summary>
/// Expected steady-state outcome of one interval with a given number of agents.
/// <see cref="ServiceLevel"/> counts abandoned contacts as misses; <see cref="ServiceLevelAnswered"/> is over
/// answered contacts only. <see cref="AsaSeconds"/> is the mean wait over all arrivals (zero waits and
/// abandoned contacts' waits included); <see cref="AsaAnsweredSeconds"/> over answered contacts only.
/// </summary>
public sealed record QueueOutcome(
    double Agents,
    double ServiceLevel,
    double ServiceLevelAnswered,
    double ProbabilityOfWait,
    double AbandonRate,
    double AsaSeconds,
    double AsaAnsweredSeconds,
    double Occupancy)
{
    /// <summary>The service level this outcome reports under the given convention.</summary>
    public double ServiceLevelFor(bool abandonsAreMisses) => abandonsAreMisses ? ServiceLevel : ServiceLevelAnswered;
}
