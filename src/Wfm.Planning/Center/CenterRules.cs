using System.Text.RegularExpressions;
using Wfm.Core.Directory;

namespace Wfm.Planning.Center;

/// <summary>
/// What a well-formed center entry is, checked against the rest of the center. Each check adds the errors it
/// finds to a list, naming the field, so a form or a CSV row can show all of them at once.
/// </summary>
public static partial class CenterRules
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 120;
    public static readonly IReadOnlyList<string> Locales = ["en", "tr", "fa"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();

    public static void Id(List<PlanningError> errors, string field, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new(field, "is required"));
        }
        else if (id.Length > MaxIdLength || !IdPattern().IsMatch(id))
        {
            errors.Add(new(field, $"'{id}' must be 1–{MaxIdLength} letters, digits, '.', '-' or '_', starting with a letter or digit"));
        }
    }

    public static void Name(List<PlanningError> errors, string field, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new(field, "is required"));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new(field, $"is {name.Length} characters; at most {MaxNameLength}"));
        }
    }

    public static void TimeZone(List<PlanningError> errors, string field, string? zone)
    {
        if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add(new(field, $"'{zone}' is not a time zone; expected an IANA name such as Europe/Istanbul or Asia/Tehran"));
        }
    }

    public static void Settings(List<PlanningError> errors, CenterSettings s)
    {
        Name(errors, "name", s.Name);
        if (s.TimeZone is null)
        {
            errors.Add(new("timeZone", "is required"));
        }

        TimeZone(errors, "timeZone", s.TimeZone);
        if (s.IntervalMinutes is not (15 or 30))
        {
            errors.Add(new("intervalMinutes", $"must be 15 or 30, got {s.IntervalMinutes}"));
        }

        if (!CenterSettings.HolidayCalendars.Contains(s.Holidays))
        {
            errors.Add(new("holidays", $"'{s.Holidays}' is not a calendar; expected {string.Join(", ", CenterSettings.HolidayCalendars)}"));
        }
    }

    public static void Queue(List<PlanningError> errors, QueueProfile q)
    {
        Id(errors, "id", q.Id);
        Name(errors, "name", q.Name);
        if (!Enum.IsDefined(q.Channel))
        {
            errors.Add(new("channel", $"expected one of {string.Join(", ", Enum.GetNames<Channel>())}"));
        }

        if (q.Target is null || !(q.Target.Percent is > 0 and <= 100))
        {
            errors.Add(new("targetPercent", $"must be above 0 and at most 100, got {q.Target?.Percent}"));
        }

        if (q.Target is null || q.Target.ThresholdSeconds is <= 0 or > 7 * 86400)
        {
            errors.Add(new("targetSeconds", $"must be 1 second to 7 days, got {q.Target?.ThresholdSeconds}"));
        }

        if (!OpeningHours.TryParse(q.Hours, out _, out var error))
        {
            errors.Add(new("hours", error));
        }
    }

    public static void Contract(List<PlanningError> errors, ContractProfile c)
    {
        Id(errors, "id", c.Id);
        Name(errors, "name", c.Name);
        if (!(c.MinHoursPerWeek >= 0) || !(c.MaxHoursPerWeek >= c.MinHoursPerWeek) || !(c.MaxHoursPerWeek <= 84))
        {
            errors.Add(new("maxHoursPerWeek", $"weekly hours {c.MinHoursPerWeek}–{c.MaxHoursPerWeek} must satisfy 0 ≤ minimum ≤ maximum ≤ 84"));
        }

        if (c.MaxDaysPerWeek is < 1 or > 7)
        {
            errors.Add(new("maxDaysPerWeek", $"must be 1 to 7, got {c.MaxDaysPerWeek}"));
        }

        if (c.MaxConsecutiveDays is < 1 or > 14)
        {
            errors.Add(new("maxConsecutiveDays", $"must be 1 to 14, got {c.MaxConsecutiveDays}"));
        }

        if (!(c.MinRestHours is >= 0 and <= 24))
        {
            errors.Add(new("minRestHours", $"must be 0 to 24 hours, got {c.MinRestHours}"));
        }

        if (c.MinHoursPerWeek > c.MaxDaysPerWeek * 16)
        {
            errors.Add(new("minHoursPerWeek", $"{c.MinHoursPerWeek} h cannot be worked in {c.MaxDaysPerWeek} days of at most 16 h"));
        }
    }

    public static void Template(List<PlanningError> errors, ShiftTemplateProfile t, int intervalMinutes)
    {
        Id(errors, "id", t.Id);
        Name(errors, "name", t.Name);
        if (t.LengthsMinutes is null || t.LengthsMinutes.Count == 0 || t.LengthsMinutes.Any(l => l <= 0 || l > 16 * 60 || l % intervalMinutes != 0))
        {
            errors.Add(new("lengthsMinutes", $"give one or more lengths, each a multiple of {intervalMinutes} minutes up to 16 hours; got {string.Join(", ", t.LengthsMinutes ?? [])}"));
        }

        if (t.LatestStart < t.EarliestStart)
        {
            errors.Add(new("latestStart", $"{t.LatestStart:HH\\:mm} is before the earliest start {t.EarliestStart:HH\\:mm}"));
        }

        if ((t.EarliestStart.Hour * 60 + t.EarliestStart.Minute) % intervalMinutes != 0 || t.EarliestStart.Second != 0)
        {
            errors.Add(new("earliestStart", $"{t.EarliestStart:HH\\:mm} is not on the center's {intervalMinutes}-minute grid"));
        }

        if (t.StartIncrementMinutes <= 0 || t.StartIncrementMinutes % intervalMinutes != 0)
        {
            errors.Add(new("startIncrementMinutes", $"must be a positive multiple of {intervalMinutes} minutes, got {t.StartIncrementMinutes}"));
        }

        if (t.Days is { Count: 0 })
        {
            errors.Add(new("days", "give at least one weekday, or none for every day"));
        }
    }

    public static void RuleSet(List<PlanningError> errors, RuleSetProfile r, IReadOnlyList<ShiftTemplateProfile> templates, int intervalMinutes)
    {
        Id(errors, "id", r.Id);
        Name(errors, "name", r.Name);
        var used = new List<ShiftTemplateProfile>();
        if (r.TemplateIds is null || r.TemplateIds.Count == 0)
        {
            errors.Add(new("templateIds", "give at least one shift template"));
        }

        foreach (var id in r.TemplateIds ?? [])
        {
            if (templates.FirstOrDefault(t => t.Id == id && t.IsActive) is { } t)
            {
                used.Add(t);
            }
            else
            {
                errors.Add(new("templateIds", $"'{id}' is not an active shift template; the center has {List(templates.Where(t => t.IsActive).Select(t => t.Id))}"));
            }
        }

        var longest = used.Count == 0 ? 16 * 60 : used.Max(t => t.LengthsMinutes.DefaultIfEmpty(0).Max());
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (r.Breaks ?? []).Count; i++)
        {
            var b = r.Breaks![i];
            var field = $"breaks[{i}]";
            if (string.IsNullOrWhiteSpace(b.Name) || !names.Add(b.Name))
            {
                errors.Add(new($"{field}.name", string.IsNullOrWhiteSpace(b.Name) ? "is required" : $"'{b.Name}' appears twice"));
            }

            if (b.Minutes <= 0 || b.Minutes % intervalMinutes != 0)
            {
                errors.Add(new($"{field}.minutes", $"must be a positive multiple of {intervalMinutes} minutes, got {b.Minutes}"));
            }

            if (b.WindowFromMinutes < 0 || b.WindowToMinutes < b.WindowFromMinutes)
            {
                errors.Add(new($"{field}.windowToMinutes", $"{b.WindowFromMinutes}–{b.WindowToMinutes} minutes after the start is not a window"));
            }
            else if (b.WindowToMinutes + b.Minutes > longest)
            {
                errors.Add(new($"{field}.windowToMinutes", $"a {b.Minutes}-minute break starting up to {b.WindowToMinutes} minutes in does not fit the longest shift ({longest} minutes)"));
            }
        }

        if (r.MaxMinutesWithoutBreak < 0)
        {
            errors.Add(new("maxMinutesWithoutBreak", $"must be 0 (no cap) or more, got {r.MaxMinutesWithoutBreak}"));
        }
    }

    /// <summary>An agent against the center: team, skills (active queues, proficiency 1–5), contract, locale, time zone.</summary>
    public static void Agent(List<PlanningError> errors, AgentProfile a, CenterData center)
    {
        Id(errors, "id", a.Id);
        Name(errors, "name", a.Name);
        if (center.Teams.FirstOrDefault(t => t.Id == a.TeamId && t.IsActive) is null)
        {
            errors.Add(new("team", $"'{a.TeamId}' is not an active team; the center has {List(center.Teams.Where(t => t.IsActive).Select(t => t.Id))}"));
        }

        if (a.Skills is null || a.Skills.Count == 0)
        {
            errors.Add(new("skills", "give at least one queue the agent serves, e.g. voice-support:4"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skill in a.Skills ?? [])
        {
            if (center.Queues.FirstOrDefault(q => q.Id == skill.QueueId && q.IsActive) is null)
            {
                errors.Add(new("skills", $"'{skill.QueueId}' is not an active queue; the center has {List(center.Queues.Where(q => q.IsActive).Select(q => q.Id))}"));
            }
            else if (!seen.Add(skill.QueueId))
            {
                errors.Add(new("skills", $"'{skill.QueueId}' appears twice"));
            }

            if (skill.Proficiency is < 1 or > 5)
            {
                errors.Add(new("skills", $"proficiency of '{skill.QueueId}' must be 1 (learning) to 5 (expert), got {skill.Proficiency}"));
            }
        }

        if (a.ContractId is not null && center.Contracts.FirstOrDefault(c => c.Id == a.ContractId && c.IsActive) is null)
        {
            errors.Add(new("contract", $"'{a.ContractId}' is not an active contract; the center has {List(center.Contracts.Where(c => c.IsActive).Select(c => c.Id))}"));
        }

        if (!Locales.Contains(a.Locale))
        {
            errors.Add(new("locale", $"'{a.Locale}' is not a language of the product; expected {string.Join(", ", Locales)}"));
        }

        TimeZone(errors, "timeZone", a.TimeZone);
        if (a.AcdId is { Length: > MaxIdLength * 2 })
        {
            errors.Add(new("acdId", $"is {a.AcdId.Length} characters; at most {MaxIdLength * 2}"));
        }
    }

    public static string List(IEnumerable<string> ids)
    {
        var all = ids.ToList();
        return all.Count == 0 ? "none yet" : string.Join(", ", all.Take(20)) + (all.Count > 20 ? $" and {all.Count - 20} more" : "");
    }
}
