namespace Wfm.Core.Staffing;

/// <summary>One interval's requirement: productive agents (fractional and whole) and scheduled agents after shrinkage.</summary>
public sealed record IntervalRequirement(
    int Index,
    StaffingInterval Interval,
    StaffingRequirement Requirement,
    double ScheduledFractional,
    int ScheduledAgents);
