using Wfm.Core.Directory;
using Wfm.Scheduling;

namespace Wfm.Planning.Scheduling;

/// <summary>
/// The scheduling problem for a center's own people: its active agents (all, or those of chosen teams) with the
/// skills the requirement asks for, their contracts (a contract without night shifts keeps them between 06:00 and
/// 24:00) and a rule set's shift templates and breaks. No file is involved.
/// </summary>
public static class CenterSchedule
{
    /// <summary>Limits a person's schedule should keep beyond their contract (e.g. from their burnout risk): days in a row, hours of rest.</summary>
    public sealed record AgentLimits(int? MaxConsecutiveDays, double? MinRestHours);

    public static ScheduleProblem Problem(
        CenterData center, DateOnly start, int weeks, IReadOnlyList<SkillRequirement> requirements, string ruleSetId,
        IReadOnlyCollection<string>? teamIds = null, IReadOnlyDictionary<string, AgentLimits>? limits = null)
    {
        var errors = new List<PlanningError>();
        if (weeks is < 1 or > 4)
        {
            errors.Add(new("weeks", $"must be 1 to 4, got {weeks}"));
        }

        var ruleSet = center.RuleSets.FirstOrDefault(r => r.Id == ruleSetId && r.IsActive);
        if (ruleSet is null)
        {
            errors.Add(new("ruleSetId", $"'{ruleSetId}' is not an active rule set; the center has {Center.CenterRules.List(center.RuleSets.Where(r => r.IsActive).Select(r => r.Id))}"));
        }

        foreach (var team in teamIds ?? [])
        {
            if (center.Teams.All(t => t.Id != team || !t.IsActive))
            {
                errors.Add(new("teamIds", $"'{team}' is not an active team"));
            }
        }

        var skills = requirements.Select(r => r.Skill).ToHashSet(StringComparer.Ordinal);
        var people = center.Agents
            .Where(a => a.IsActive && (teamIds is null || teamIds.Count == 0 || teamIds.Contains(a.TeamId)) && a.Skills.Any(s => skills.Contains(s.QueueId)))
            .ToList();
        if (people.Count == 0 && errors.All(e => e.Field != "teamIds"))
        {
            errors.Add(new("teamIds", $"no active agent of {(teamIds is { Count: > 0 } ? "these teams" : "the center")} serves {string.Join(", ", skills.Order())}"));
        }

        var contracts = center.Contracts.Where(c => c.IsActive).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var without = people.Where(a => a.ContractId is null || !contracts.ContainsKey(a.ContractId)).Select(a => a.Id).ToList();
        if (without.Count > 0)
        {
            errors.Add(new("agents", $"{without.Count} agents have no active contract, so their hours cannot be planned: {Center.CenterRules.List(without)}; give them one on the Center page"));
        }

        if (errors.Count > 0)
        {
            throw new PlanningException(errors);
        }

        var templates = ruleSet!.TemplateIds
            .Select(id => center.Templates.First(t => t.Id == id))
            .Select(t => new ShiftTemplate(t.Id, t.LengthsMinutes, t.EarliestStart.ToTimeSpan(), t.LatestStart.ToTimeSpan(), t.StartIncrementMinutes, t.Days))
            .ToList();
        var breaks = ruleSet.Breaks.Select(b => new BreakRule(b.Name, b.Minutes, b.WindowFromMinutes, b.WindowToMinutes, b.Paid, b.MinShiftMinutes)).ToList();
        var agents = people.Select(a => Agent(a, contracts[a.ContractId!], skills, limits?.GetValueOrDefault(a.Id))).ToList();
        return new ScheduleProblem(start, weeks * 7, center.Settings.IntervalMinutes, requirements, agents, templates, breaks,
            MaxMinutesWithoutBreak: ruleSet.MaxMinutesWithoutBreak);
    }

    private static ScheduleAgent Agent(AgentProfile a, ContractProfile c, HashSet<string> skills, AgentLimits? limits)
    {
        var contract = new Contract(c.MinHoursPerWeek, c.MaxHoursPerWeek, c.MaxDaysPerWeek,
            Math.Min(c.MaxConsecutiveDays, limits?.MaxConsecutiveDays ?? int.MaxValue), Math.Max(c.MinRestHours, limits?.MinRestHours ?? 0));
        // Without night work a shift starts at 06:00 or later and ends by midnight.
        IReadOnlyList<AvailabilityWindow>? availability = c.NightShifts
            ? null
            : [.. Enum.GetValues<DayOfWeek>().Select(d => new AvailabilityWindow(d, TimeSpan.FromHours(6), TimeSpan.FromHours(24)))];
        var skillLevels = a.Skills.Where(s => skills.Contains(s.QueueId)).ToDictionary(s => s.QueueId, s => s.Proficiency / 5.0, StringComparer.Ordinal);
        return new ScheduleAgent(a.Id, skillLevels, contract, availability, Name: a.Name);
    }
}
