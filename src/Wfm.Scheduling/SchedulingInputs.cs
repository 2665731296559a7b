using Wfm.Core.Staffing;

namespace Wfm.Scheduling;

/// <summary>Agents needed per interval for one skill (queue) over the horizon, on the center's wall clock.</summary>
public sealed record SkillRequirement(string Skill, IReadOnlyList<double> Agents);

/// <summary>A contract: weekly hours, working days, consecutive days and the rest between shifts.</summary>
public sealed record Contract(
    double MinHoursPerWeek = 0,
    double MaxHoursPerWeek = 40,
    int MaxDaysPerWeek = 5,
    int MaxConsecutiveDays = 6,
    double MinRestHours = 11);

/// <summary>When an agent can start and must have finished on a weekday (wall clock; End may pass midnight as 24:00+).</summary>
public sealed record AvailabilityWindow(DayOfWeek Day, TimeSpan From, TimeSpan To);

/// <summary>Approved time off: whole days from <c>From</c> to <c>To</c> inclusive.</summary>
public sealed record TimeOff(DateOnly From, DateOnly To, string Reason = "time off");

/// <summary>What an agent would like: a start time and days off; honoured where coverage allows.</summary>
public sealed record Preferences(TimeSpan? PreferredStart = null, IReadOnlyList<DayOfWeek>? PreferredDaysOff = null);

/// <summary>
/// One agent to schedule: skills with proficiency (0–1, used to prefer the stronger agent), contract,
/// availability (none = any time), approved time off and preferences. <c>Row</c> is where it came from.
/// </summary>
public sealed record ScheduleAgent(
    string Id,
    IReadOnlyDictionary<string, double> Skills,
    Contract Contract,
    IReadOnlyList<AvailabilityWindow>? Availability = null,
    IReadOnlyList<TimeOff>? TimeOff = null,
    Preferences? Preferences = null,
    string? Name = null,
    long Row = 0);

/// <summary>A kind of shift: allowed paid lengths, start window and increment; <c>UnpaidMinutes</c> adds an unpaid lunch to the length.</summary>
public sealed record ShiftTemplate(
    string Name,
    IReadOnlyList<int> LengthsMinutes,
    TimeSpan EarliestStart,
    TimeSpan LatestStart,
    int StartIncrementMinutes = 30,
    IReadOnlyList<DayOfWeek>? Days = null);

/// <summary>
/// A break every shift of at least <c>MinShiftMinutes</c> takes: its length, whether it is paid, and the
/// window it must start in, in minutes after the shift starts (e.g. a lunch 180–300 min in).
/// </summary>
public sealed record BreakRule(string Name, int Minutes, int WindowFromMinutes, int WindowToMinutes, bool Paid = true, int MinShiftMinutes = 0);

/// <summary>How the objective trades under-coverage, over-coverage, paid hours and what agents care about.</summary>
public sealed record ScheduleWeights(
    double UnderPerAgentInterval = 1000,
    double OverPerAgentInterval = 20,
    double PerPaidHour = 1,
    double Fairness = 50,
    double Preference = 10,
    double StartStability = 5,
    double PairedDaysOff = 20);

/// <summary>Everything the scheduler needs. The horizon starts at <c>Start</c> 00:00 and runs <c>Days</c> days.</summary>
public sealed record ScheduleProblem(
    DateOnly Start,
    int Days,
    int IntervalMinutes,
    IReadOnlyList<SkillRequirement> Requirements,
    IReadOnlyList<ScheduleAgent> Agents,
    IReadOnlyList<ShiftTemplate> Templates,
    IReadOnlyList<BreakRule> Breaks,
    ScheduleWeights? Weights = null,
    int MaxMinutesWithoutBreak = 0)
{
    public int SlotsPerDay => 1440 / IntervalMinutes;

    public int Slots => Days * SlotsPerDay;

    public ScheduleWeights EffectiveWeights => Weights ?? new ScheduleWeights();

    /// <summary>Refuses what cannot be scheduled, naming the agent's row, the template or the rule.</summary>
    public void Validate()
    {
        if (IntervalMinutes is not (15 or 30))
        {
            throw new StaffingInputException("intervalMinutes", $"must be 15 or 30, got {IntervalMinutes}");
        }

        if (Days is < 1 or > 28)
        {
            throw new StaffingInputException("days", $"the horizon must be 1 to 28 days (four weeks), got {Days}");
        }

        if (Requirements.Count == 0)
        {
            throw new StaffingInputException("requirements", "give the requirement of at least one skill");
        }

        foreach (var r in Requirements)
        {
            if (r.Agents.Count != Slots)
            {
                throw new StaffingInputException($"requirements[{r.Skill}]", $"expected {Slots} intervals ({Days} days × {SlotsPerDay}), got {r.Agents.Count}");
            }

            var bad = r.Agents.Select((v, i) => (v, i)).FirstOrDefault(p => !(p.v >= 0) || double.IsInfinity(p.v));
            if (bad != default)
            {
                throw new StaffingInputException($"requirements[{r.Skill}]", $"interval {bad.i}: agents must be zero or more, got {bad.v}");
            }
        }

        if (Templates.Count == 0)
        {
            throw new StaffingInputException("templates", "give at least one shift template");
        }

        foreach (var t in Templates)
        {
            ValidateTemplate(t);
        }

        var skills = Requirements.Select(r => r.Skill).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in Agents)
        {
            ValidateAgent(a, skills, ids);
        }

        foreach (var b in Breaks)
        {
            if (b.Minutes <= 0 || b.Minutes % IntervalMinutes != 0)
            {
                throw new StaffingInputException($"breaks[{b.Name}]", $"length must be a positive multiple of {IntervalMinutes} minutes, got {b.Minutes}");
            }

            if (b.WindowFromMinutes < 0 || b.WindowToMinutes < b.WindowFromMinutes)
            {
                throw new StaffingInputException($"breaks[{b.Name}]", $"window {b.WindowFromMinutes}–{b.WindowToMinutes} minutes after the start is not a window");
            }

            var longest = Templates.Max(t => t.LengthsMinutes.Max());
            if (b.WindowToMinutes + b.Minutes > longest)
            {
                throw new StaffingInputException($"breaks[{b.Name}]", $"a {b.Minutes}-minute break starting up to {b.WindowToMinutes} minutes in is longer than the longest shift ({longest} minutes)");
            }
        }

        if (MaxMinutesWithoutBreak is < 0)
        {
            throw new StaffingInputException("maxMinutesWithoutBreak", $"must be zero (no cap) or more, got {MaxMinutesWithoutBreak}");
        }
    }

    private void ValidateTemplate(ShiftTemplate t)
    {
        var field = $"templates[{t.Name}]";
        if (t.LengthsMinutes.Count == 0 || t.LengthsMinutes.Any(l => l <= 0 || l > 16 * 60 || l % IntervalMinutes != 0))
        {
            throw new StaffingInputException(field, $"lengths must be multiples of {IntervalMinutes} minutes up to 16 hours, got {string.Join(", ", t.LengthsMinutes)}");
        }

        if (t.EarliestStart < TimeSpan.Zero || t.LatestStart >= TimeSpan.FromDays(1) || t.LatestStart < t.EarliestStart)
        {
            throw new StaffingInputException(field, $"start window {t.EarliestStart:hh\\:mm}–{t.LatestStart:hh\\:mm} must lie within one day, earliest first");
        }

        if (t.StartIncrementMinutes <= 0 || t.StartIncrementMinutes % IntervalMinutes != 0 || t.EarliestStart.TotalMinutes % IntervalMinutes != 0)
        {
            throw new StaffingInputException(field, $"starts must fall on the {IntervalMinutes}-minute grid (increment {t.StartIncrementMinutes})");
        }
    }

    private static void ValidateAgent(ScheduleAgent a, HashSet<string> skills, HashSet<string> ids)
    {
        var field = a.Row > 0 ? $"agents row {a.Row}" : $"agents[{a.Id}]";
        if (string.IsNullOrWhiteSpace(a.Id) || !ids.Add(a.Id))
        {
            throw new StaffingInputException(field, string.IsNullOrWhiteSpace(a.Id) ? "give the agent an id" : $"agent '{a.Id}' appears twice");
        }

        if (a.Contract is null)
        {
            throw new StaffingInputException(field, $"agent '{a.Id}' has no contract");
        }

        if (a.Skills.Count == 0)
        {
            throw new StaffingInputException(field, $"agent '{a.Id}' has no skills");
        }

        foreach (var (skill, proficiency) in a.Skills)
        {
            if (!skills.Contains(skill))
            {
                throw new StaffingInputException(field, $"unknown skill '{skill}'; the requirement has {string.Join(", ", skills.Order())}");
            }

            if (!(proficiency is > 0 and <= 1))
            {
                throw new StaffingInputException(field, $"proficiency of '{skill}' must be in (0, 1], got {proficiency}");
            }
        }

        var c = a.Contract;
        if (c.MinHoursPerWeek < 0 || c.MaxHoursPerWeek < c.MinHoursPerWeek || c.MaxHoursPerWeek > 84)
        {
            throw new StaffingInputException(field, $"weekly hours {c.MinHoursPerWeek}–{c.MaxHoursPerWeek} must satisfy 0 ≤ min ≤ max ≤ 84");
        }

        if (c.MaxDaysPerWeek is < 0 or > 7 || c.MaxConsecutiveDays < 1 || c.MinRestHours is < 0 or > 24)
        {
            throw new StaffingInputException(field, $"days per week 0–7, consecutive days ≥ 1 and rest 0–24 h, got {c.MaxDaysPerWeek}, {c.MaxConsecutiveDays}, {c.MinRestHours}");
        }

        var off = (a.TimeOff ?? []).OrderBy(t => t.From).ToList();
        for (var i = 0; i < off.Count; i++)
        {
            if (off[i].To < off[i].From)
            {
                throw new StaffingInputException(field, $"time off {off[i].From:yyyy-MM-dd}–{off[i].To:yyyy-MM-dd} ends before it starts");
            }

            if (i > 0 && off[i].From <= off[i - 1].To)
            {
                throw new StaffingInputException(field, $"time off {off[i].From:yyyy-MM-dd}–{off[i].To:yyyy-MM-dd} overlaps {off[i - 1].From:yyyy-MM-dd}–{off[i - 1].To:yyyy-MM-dd}");
            }
        }

        foreach (var w in a.Availability ?? [])
        {
            if (w.From < TimeSpan.Zero || w.To <= w.From || w.To > TimeSpan.FromHours(36))
            {
                throw new StaffingInputException(field, $"availability on {w.Day} {w.From:hh\\:mm}–{w.To:hh\\:mm} is not a window");
            }
        }
    }
}
