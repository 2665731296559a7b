using Wfm.Core.Directory;

namespace Wfm.Simulation;

/// <summary>
/// The demo center as a planner would describe it: the generated teams, queues and agents, plus the contracts,
/// shift templates and rule set a center open around the clock works under, and the holidays of its country.
/// </summary>
public static class DemoCenterSetup
{
    /// <summary>A full-time contract: 32–40 paid hours, at most 5 days a week and 6 in a row, 11 hours' rest.</summary>
    public static readonly ContractProfile FullTime = new("full-time", "Full time", 32, 40, 5, 6, 11);

    /// <summary>A part-time contract: 16–30 paid hours on at most 5 days, no night shifts.</summary>
    public static readonly ContractProfile PartTime = new("part-time", "Part time", 16, 30, 5, 6, 11, NightShifts: false);

    public static readonly IReadOnlyList<ShiftTemplateProfile> Templates =
    [
        new("full", "Full day (8 h 30 with lunch)", [510], new TimeOnly(0, 0), new TimeOnly(23, 0), 60),
        new("part", "Part day (4 or 6 h)", [240, 360], new TimeOnly(7, 0), new TimeOnly(18, 0), 60),
    ];

    /// <summary>Two 15-minute breaks and an unpaid half-hour lunch, at most three hours of work without a break.</summary>
    public static readonly RuleSetProfile Standard = new("standard", "Standard 24/7", ["full", "part"],
    [
        new BreakProfile("break 1", 15, 60, 150, Paid: true, MinShiftMinutes: 360),
        new BreakProfile("lunch", 30, 180, 300, Paid: false, MinShiftMinutes: 420),
        new BreakProfile("break 2", 15, 330, 420, Paid: true, MinShiftMinutes: 480),
    ], MaxMinutesWithoutBreak: 180);

    public static CenterData Of(DemoCenter generated, int intervalMinutes)
    {
        var holidays = generated.TimeZone switch
        {
            "Europe/Istanbul" => "TR",
            "Asia/Tehran" => "IR",
            _ => "none",
        };
        var settings = new CenterSettings("Demo contact center", generated.TimeZone, intervalMinutes, holidays, Demo: true);

        // Every fourth agent works part time; hire dates spread over the last five years, the same for the same seed.
        var agents = generated.Agents.Select((a, i) => a with
        {
            ContractId = i % 4 == 3 ? PartTime.Id : FullTime.Id,
            HireDate = new DateOnly(2021, 1, 4).AddDays(i * 37 % 1800),
        }).ToList();
        return new CenterData(settings, generated.Teams, [.. generated.Queues.Select(q => q.Profile)], agents,
            [FullTime, PartTime], Templates, [Standard], []);
    }
}
