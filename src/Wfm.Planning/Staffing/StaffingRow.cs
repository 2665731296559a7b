using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Planning.Staffing;

/// <summary>One interval of a staffing run: the load, the requirement (or given agents), expected and simulated outcomes.</summary>
public sealed record StaffingRow(
    string Queue,
    DateTime Timestamp,
    double Contacts,
    double AhtSeconds,
    double Erlangs,
    double RequiredFractional,
    int Required,
    double ScheduledFractional,
    int Scheduled,
    QueueOutcome Outcome,
    Estimate? SimulatedServiceLevel = null,
    Estimate? SimulatedAbandonRate = null);
