using System.Globalization;

namespace Wfm.Core.Wellbeing;

/// <summary>
/// What one agent's working day looked like, as the wellbeing score reads it. Occupancy is the share of
/// logged-in time spent on contacts (talk and wrap-up); a high-occupancy streak is the longest run of minutes
/// above the threshold; back-to-back is the longest run of contacts with under 30 seconds between them;
/// RestHoursBefore is the rest since the previous working day ended (null after a day off).
/// </summary>
public sealed record WellbeingDay(
    DateOnly Date,
    double WorkedHours,
    double ScheduledHours,
    double Occupancy,
    int LongestHighOccupancyMinutes,
    int LongestBackToBack,
    int BreaksMissed,
    int BreaksLate,
    double? Adherence,
    double? RestHoursBefore,
    int AbuseIncidents,
    double? Csat);

/// <summary>Weights (points out of 100) and thresholds of the burnout risk score; every one can be set.</summary>
public sealed record WellbeingOptions
{
    public double OccupancyWeight { get; init; } = 20;
    public double BackToBackWeight { get; init; } = 10;
    public double BreaksWeight { get; init; } = 15;
    public double OvertimeWeight { get; init; } = 15;
    public double AbuseWeight { get; init; } = 15;
    public double AdherenceDriftWeight { get; init; } = 10;
    public double RotationWeight { get; init; } = 10;
    public double CsatWeight { get; init; } = 5;

    /// <summary>A streak above <see cref="HighOccupancy"/> this long marks a hot day.</summary>
    public double HighOccupancy { get; init; } = 0.9;

    public int HotStreakMinutes { get; init; } = 120;

    /// <summary>Hot days in the last 14 that give the full occupancy points.</summary>
    public int HotDaysForFull { get; init; } = 5;

    /// <summary>Contacts back to back that give the full points.</summary>
    public int BackToBackForFull { get; init; } = 12;

    /// <summary>Missed or late breaks in the last 14 days for the full points.</summary>
    public int BreakProblemsForFull { get; init; } = 6;

    /// <summary>Hours over schedule in the last 7 days for the full points (the last 14 count at half).</summary>
    public double OvertimeHoursForFull { get; init; } = 8;

    /// <summary>Abuse incidents in the last 14 days for the full points.</summary>
    public int IncidentsForFull { get; init; } = 3;

    /// <summary>Drop in adherence (a share: 0.10 is ten points) from the three weeks before to the last week for the full points.</summary>
    public double AdherenceDropForFull { get; init; } = 0.10;

    /// <summary>Rest below this between two working days is a late-to-early rotation.</summary>
    public double MinRestHours { get; init; } = 11;

    /// <summary>Working days in a row from which the rotation factor counts.</summary>
    public int ConsecutiveDaysFrom { get; init; } = 6;

    /// <summary>Drop in mean CSAT (1–5) for the full points.</summary>
    public double CsatDropForFull { get; init; } = 0.5;

    /// <summary>Scores from here are a warning on the board; from <see cref="AlertScore"/> an alert.</summary>
    public double WatchScore { get; init; } = 40;

    public double AlertScore { get; init; } = 60;

    public void Validate()
    {
        var weights = new[] { OccupancyWeight, BackToBackWeight, BreaksWeight, OvertimeWeight, AbuseWeight, AdherenceDriftWeight, RotationWeight, CsatWeight };
        if (weights.Any(w => w < 0 || !double.IsFinite(w)) || Math.Abs(weights.Sum() - 100) > 1e-6)
        {
            throw new ArgumentException($"the weights must be non-negative and add up to 100; they add up to {weights.Sum().ToString("0.##", CultureInfo.InvariantCulture)}");
        }

        if (!(WatchScore > 0 && WatchScore < AlertScore && AlertScore <= 100))
        {
            throw new ArgumentException($"expected 0 < watch score < alert score ≤ 100, got {WatchScore} and {AlertScore}");
        }
    }
}

/// <summary>One factor of the score: its name (and a stable code for translations), what was seen, and the points it adds.</summary>
public sealed record BurnoutFactor(string Factor, string Observed, double Points, double MaxPoints, string Code);

public enum BurnoutLevel
{
    Low,
    Watch,
    Alert,
}

/// <summary>An agent's burnout risk on a day: 0–100, the level, and every factor with its contribution.</summary>
public sealed record BurnoutScore(string AgentId, DateOnly Date, double Score, BurnoutLevel Level, IReadOnlyList<BurnoutFactor> Factors);

/// <summary>
/// An explainable burnout risk score from the agent's recent days: each factor is a share of its full
/// condition (e.g. five hot days out of fourteen) times its weight, so the factors add up to the score and
/// a supervisor sees why. The scheduler can read the same factors as constraints.
/// </summary>
public static class BurnoutRisk
{
    private static readonly Dictionary<string, string> Codes = new()
    {
        ["occupancy"] = "occupancy",
        ["back-to-back contacts"] = "backToBack",
        ["breaks"] = "breaks",
        ["overtime"] = "overtime",
        ["abuse"] = "abuse",
        ["adherence drift"] = "adherenceDrift",
        ["rotations and days in a row"] = "rotation",
        ["CSAT"] = "csat",
    };

    /// <summary>The score on <paramref name="asOf"/> from the days up to it (earlier days are ignored beyond four weeks).</summary>
    public static BurnoutScore Score(string agentId, IReadOnlyList<WellbeingDay> days, DateOnly asOf, WellbeingOptions? options = null)
    {
        options ??= new WellbeingOptions();
        options.Validate();
        var window = days.Where(d => d.Date <= asOf && d.Date > asOf.AddDays(-28)).OrderBy(d => d.Date).ToList();
        List<WellbeingDay> Last(int n) => window.Where(d => d.Date > asOf.AddDays(-n)).ToList();
        var week = Last(7);
        var fortnight = Last(14);
        var factors = new List<BurnoutFactor>();

        void Add(string factor, string observed, double share, double weight) =>
            factors.Add(new BurnoutFactor(factor, observed, Math.Round(Math.Clamp(share, 0, 1) * weight, 1), weight, Codes[factor]));

        var hot = fortnight.Count(d => d.LongestHighOccupancyMinutes >= options.HotStreakMinutes);
        Add("occupancy", $"{hot} of the last 14 days with {options.HotStreakMinutes} minutes or more in a row above {options.HighOccupancy:P0} occupancy",
            (double)hot / options.HotDaysForFull, options.OccupancyWeight);

        var backToBack = week.Count == 0 ? 0 : week.Max(d => d.LongestBackToBack);
        Add("back-to-back contacts", $"up to {backToBack} contacts in a row without a pause in the last 7 days",
            backToBack <= 3 ? 0 : (backToBack - 3.0) / (options.BackToBackForFull - 3), options.BackToBackWeight);

        var missed = fortnight.Sum(d => d.BreaksMissed);
        var late = fortnight.Sum(d => d.BreaksLate);
        Add("breaks", $"{missed} breaks missed and {late} taken late in the last 14 days",
            (missed + (late * 0.5)) / options.BreakProblemsForFull, options.BreaksWeight);

        var overtimeWeek = week.Sum(d => Math.Max(0, d.WorkedHours - d.ScheduledHours));
        var overtimeFortnight = fortnight.Sum(d => Math.Max(0, d.WorkedHours - d.ScheduledHours));
        Add("overtime", $"{overtimeWeek:0.#} h over schedule in the last 7 days, {overtimeFortnight:0.#} h in 14",
            Math.Max(overtimeWeek, overtimeFortnight / 2) / options.OvertimeHoursForFull, options.OvertimeWeight);

        var incidents = fortnight.Sum(d => d.AbuseIncidents);
        Add("abuse", $"{incidents} abuse incidents in the last 14 days", (double)incidents / options.IncidentsForFull, options.AbuseWeight);

        var recent = Mean(week.Select(d => d.Adherence));
        var before = Mean(window.Where(d => d.Date <= asOf.AddDays(-7)).Select(d => d.Adherence));
        var drop = recent is { } r && before is { } b ? b - r : 0;
        Add("adherence drift", recent is null || before is null ? "not enough adherence history"
                : $"adherence {recent.Value:P0} in the last 7 days against {before.Value:P0} in the three weeks before",
            drop / options.AdherenceDropForFull, options.AdherenceDriftWeight);

        var lateToEarly = fortnight.Count(d => d.RestHoursBefore is { } rest && rest < options.MinRestHours);
        var run = 0;
        for (var day = asOf; window.Any(d => d.Date == day && d.WorkedHours > 0); day = day.AddDays(-1))
        {
            run++;
        }

        var rotation = (lateToEarly / 3.0) + (run >= options.ConsecutiveDaysFrom ? (run - options.ConsecutiveDaysFrom + 1) / 3.0 : 0);
        Add("rotations and days in a row", $"{lateToEarly} late-to-early turns under {options.MinRestHours:0.#} h rest in 14 days; {run} working days in a row",
            rotation, options.RotationWeight);

        var csatRecent = Mean(week.Select(d => d.Csat));
        var csatBefore = Mean(window.Where(d => d.Date <= asOf.AddDays(-7)).Select(d => d.Csat));
        var csatDrop = csatRecent is { } cr && csatBefore is { } cb ? cb - cr : 0;
        Add("CSAT", csatRecent is null || csatBefore is null ? "not enough survey answers"
                : $"CSAT {csatRecent.Value:0.00} in the last 7 days against {csatBefore.Value:0.00} before",
            csatDrop / options.CsatDropForFull, options.CsatWeight);

        var score = Math.Round(factors.Sum(f => f.Points), 1);
        var level = score >= options.AlertScore ? BurnoutLevel.Alert : score >= options.WatchScore ? BurnoutLevel.Watch : BurnoutLevel.Low;
        return new BurnoutScore(agentId, asOf, score, level, factors.OrderByDescending(f => f.Points).ToList());
    }

    /// <summary>
    /// What the scheduler should keep for an agent at this level: at watch, at least 12 hours between shifts;
    /// at alert also no more than four days in a row. Null where the contract's own rule stands.
    /// </summary>
    public static (int? MaxConsecutiveDays, double? MinRestHours) ScheduleLimits(BurnoutLevel level) => level switch
    {
        BurnoutLevel.Alert => (4, 12),
        BurnoutLevel.Watch => (null, 12),
        _ => (null, null),
    };

    private static double? Mean(IEnumerable<double?> values)
    {
        var list = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return list.Count == 0 ? null : list.Average();
    }
}
