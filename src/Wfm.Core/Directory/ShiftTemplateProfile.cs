namespace Wfm.Core.Directory;

/// <summary>
/// A kind of shift the center works: paid lengths in minutes, the window its start falls in and the step
/// between starts, and the weekdays it is worked (null = every day).
/// </summary>
public sealed record ShiftTemplateProfile(
    string Id,
    string Name,
    IReadOnlyList<int> LengthsMinutes,
    TimeOnly EarliestStart,
    TimeOnly LatestStart,
    int StartIncrementMinutes,
    IReadOnlyList<DayOfWeek>? Days = null,
    DateTimeOffset? Deactivated = null) : ICenterEntry
{
    public bool IsActive => Deactivated is null;
}
