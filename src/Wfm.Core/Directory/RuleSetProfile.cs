namespace Wfm.Core.Directory;

/// <summary>
/// The rules a schedule is made under: which shift templates it may use, the breaks and lunch every long
/// enough shift takes, and the longest stretch of work without a break (0 = no cap).
/// </summary>
public sealed record RuleSetProfile(
    string Id,
    string Name,
    IReadOnlyList<string> TemplateIds,
    IReadOnlyList<BreakProfile> Breaks,
    int MaxMinutesWithoutBreak = 0,
    DateTimeOffset? Deactivated = null) : ICenterEntry
{
    public bool IsActive => Deactivated is null;
}

/// <summary>
/// A break or lunch: its length, whether it is paid, the window its start must fall in (minutes after the
/// shift starts) and the shortest shift that takes it.
/// </summary>
public sealed record BreakProfile(string Name, int Minutes, int WindowFromMinutes, int WindowToMinutes, bool Paid = true, int MinShiftMinutes = 0);
