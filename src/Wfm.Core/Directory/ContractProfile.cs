namespace Wfm.Core.Directory;

/// <summary>
/// An employment contract the schedule keeps for every agent on it: paid hours a week (minimum and maximum),
/// working days a week, days in a row, hours of rest between shifts, and whether night shifts (any work between
/// 00:00 and 06:00) are allowed.
/// </summary>
public sealed record ContractProfile(
    string Id,
    string Name,
    double MinHoursPerWeek,
    double MaxHoursPerWeek,
    int MaxDaysPerWeek,
    int MaxConsecutiveDays,
    double MinRestHours,
    bool NightShifts = true,
    DateTimeOffset? Deactivated = null) : ICenterEntry
{
    public bool IsActive => Deactivated is null;
}
