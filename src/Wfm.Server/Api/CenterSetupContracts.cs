using Wfm.Core.Directory;

namespace Wfm.Server.Api;

/// <summary>An entry of the center as a form sends it: its id says which one.</summary>
public interface ICenterInput
{
    string Id { get; }
}

/// <summary>A team as a form sends it.</summary>
public sealed record TeamInDto(string Id, string Name) : ICenterInput;

/// <summary>A queue as a form sends it: service target (e.g. 80 % in 20 s), hours ("24/7" or "Mon-Fri 08:00-20:00; Sat 09:00-14:00"), the ACD's id.</summary>
public sealed record QueueInDto(string Id, string Name, Channel Channel, double TargetPercent, int TargetSeconds, bool AbandonsCountAsMisses = true, string? Hours = null, string? AcdId = null) : ICenterInput;

/// <summary>An agent as a form sends it: skills with proficiency 1–5, contract, locale (en, tr, fa), own time zone when it differs, ACD id, hire date.</summary>
public sealed record AgentInDto(
    string Id, string Name, string TeamId, IReadOnlyList<AgentSkill> Skills, string? ContractId = null, string Locale = "en",
    string? TimeZone = null, string? AcdId = null, DateOnly? HireDate = null) : ICenterInput;

/// <summary>A contract as a form sends it.</summary>
public sealed record ContractInDto(
    string Id, string Name, double MinHoursPerWeek, double MaxHoursPerWeek, int MaxDaysPerWeek = 5, int MaxConsecutiveDays = 6, double MinRestHours = 11, bool NightShifts = true) : ICenterInput;

/// <summary>A shift template; starts are "HH:mm", days are weekday names (none = every day).</summary>
public sealed record ShiftTemplateDto(
    string Id, string Name, IReadOnlyList<int> LengthsMinutes, string EarliestStart, string LatestStart, int StartIncrementMinutes = 60,
    IReadOnlyList<DayOfWeek>? Days = null, DateTimeOffset? Deactivated = null) : ICenterInput;

/// <summary>A rule set as a form sends it.</summary>
public sealed record RuleSetInDto(string Id, string Name, IReadOnlyList<string> TemplateIds, IReadOnlyList<BreakProfile>? Breaks = null, int MaxMinutesWithoutBreak = 0) : ICenterInput;

/// <summary>The whole center as the set-up pages show it (deactivated entries included).</summary>
public sealed record CenterSetupDto(
    CenterSettings Settings, IReadOnlyList<TeamProfile> Teams, IReadOnlyList<QueueProfile> Queues, IReadOnlyList<AgentProfile> Agents,
    IReadOnlyList<ContractProfile> Contracts, IReadOnlyList<ShiftTemplateDto> Templates, IReadOnlyList<RuleSetProfile> RuleSets,
    IReadOnlyList<CenterDay> Days, IReadOnlyList<string> HolidayCalendars, bool ClockLocked);
