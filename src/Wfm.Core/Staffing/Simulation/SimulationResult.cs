namespace Wfm.Core.Staffing.Simulation;

/// <summary>Simulated outcome of one interval (by the interval contacts arrived in), over replications.</summary>
public sealed record IntervalEstimate(
    int Index,
    double Agents,
    Estimate Offered,
    Estimate ServiceLevel,
    Estimate ServiceLevelAnswered,
    Estimate AbandonRate,
    Estimate AsaSeconds,
    Estimate Occupancy);

/// <summary>Per-interval estimates, the whole run's estimates (contact-weighted) and how many contacts were simulated.</summary>
public sealed record SimulationResult(
    IReadOnlyList<IntervalEstimate> Intervals,
    IntervalEstimate Total,
    long ContactsSimulated,
    int Replications,
    double Confidence);
