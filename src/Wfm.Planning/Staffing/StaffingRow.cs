using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Planning.Staffing;

/// <summary>
/// One interval of a staffing run: the load, the requirement (or given agents), expected and simulated outcomes. With a
/// calibration, the outcome and requirement are the calibrated ones and <see cref="Uncalibrated"/> holds the formula's.
/// </summary>
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
    Estimate? SimulatedAbandonRate = null,
    UncalibratedFigures? Uncalibrated = null,
    TypicalFigures? Typical = null);

/// <summary>What one interval most likely shows under a calibration (the median of such intervals), beside the expected <see cref="StaffingRow.Outcome"/>.</summary>
public sealed record TypicalFigures(double ServiceLevel, double AbandonRate);

/// <summary>What the formula alone says for the same interval: its requirement and its outcome (at the given agents, in reverse).</summary>
public sealed record UncalibratedFigures(double RequiredFractional, int Required, QueueOutcome Outcome);
