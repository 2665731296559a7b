namespace Wfm.Core.Staffing;

/// <summary>
/// The least whole number of agents meeting every target (<see cref="Agents"/>) and the fractional
/// requirement interpolated on the binding target between one agent fewer and that number
/// (<see cref="FractionalAgents"/>), so that summing intervals or queues does not stack up rounding.
/// <see cref="Outcome"/> is the expected outcome with <see cref="Agents"/> agents.
/// </summary>
public sealed record StaffingRequirement(
    double FractionalAgents,
    int Agents,
    QueueOutcome Outcome,
    string BindingTarget);
