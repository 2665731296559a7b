namespace Wfm.Scheduling;

/// <summary>A break placed in a shift: which rule, and its start and end on the horizon's grid.</summary>
public sealed record PlacedBreak(string Name, int StartSlot, int EndSlot, bool Paid);

/// <summary>One agent's shift: the day, the skill worked, start and end slots on the horizon grid, its breaks.</summary>
public sealed record ScheduledShift(string AgentId, int Day, string Skill, ShiftOption Option, IReadOnlyList<PlacedBreak> Breaks)
{
    public int StartSlot => Option.StartSlot;

    public int EndSlot => Option.EndSlot;

    public double PaidHours => Option.PaidHours;

    /// <summary>True when the agent is at work (not on a break) in <paramref name="slot"/>.</summary>
    public bool Working(int slot) => slot >= StartSlot && slot < EndSlot && !Breaks.Any(b => slot >= b.StartSlot && slot < b.EndSlot);
}

/// <summary>Coverage of one skill in one interval: agents required and working, and the difference.</summary>
public readonly record struct CoverageSlot(int Slot, double Required, int Working)
{
    public double Under => Math.Max(0, Required - Working);

    public double Over => Math.Max(0, Working - Required);

    public bool Unmet => Working + 1e-9 < Required;
}

/// <summary>An interval short of agents and why, as far as the rules tell.</summary>
/// <remarks><c>Code</c> says the reason for a page to translate: noTemplate, fewAgents (<c>Available</c> can work then) or contracts.</remarks>
public sealed record UnmetInterval(string Skill, int Slot, double Required, int Working, string Reason, string? Code = null, int? Available = null);

/// <summary>A rule the schedule could not keep for an agent (e.g. the contract's minimum hours).</summary>
public sealed record RuleViolation(string AgentId, string Rule, string Detail);

/// <summary>
/// How good the schedule is and how far it may be from the best possible: paid hours against the lower bound these
/// agents' contracts allow (<c>LowerBoundPaidHours</c>) and against the least that covers the whole demand
/// (<c>DemandBoundPaidHours</c>, 0 when unknown), and the most paid hours the contracts allow (<c>CapacityPaidHours</c>).
/// </summary>
public sealed record ScheduleQuality(
    double ScheduledPaidHours,
    double UnderStaffHours,
    double OverStaffHours,
    double RequiredStaffHours,
    double LowerBoundPaidHours,
    int UnmetIntervals,
    string SolverStatus,
    double SolveSeconds,
    double DemandBoundPaidHours = 0,
    double CapacityPaidHours = 0)
{
    /// <summary>Whether the schedule leaves demand uncovered (then <see cref="GapToBound"/> says nothing: the relaxation trades paid hours against cover).</summary>
    public bool Short => UnderStaffHours > 1e-6;

    /// <summary>Paid hours above the LP lower bound under the contracts, as a share of the bound (how far from the best schedule these agents allow).</summary>
    public double GapToBound => LowerBoundPaidHours > 0 ? (ScheduledPaidHours - LowerBoundPaidHours) / LowerBoundPaidHours : 0;

    /// <summary>Required staff-hours the schedule covers.</summary>
    public double CoveredStaffHours => RequiredStaffHours - UnderStaffHours;

    /// <summary>
    /// Paid hours against the least that covers the whole demand (<see cref="DemandBoundPaidHours"/>), as a share of it:
    /// negative when the schedule pays for fewer hours than the demand needs. Null when the bound is unknown.
    /// </summary>
    public double? GapToDemand => DemandBoundPaidHours > 0 ? (ScheduledPaidHours - DemandBoundPaidHours) / DemandBoundPaidHours : null;
}

/// <summary>The schedule: shifts with breaks, coverage per skill and interval, what is unmet and why, rules broken, quality.</summary>
public sealed record ScheduleResult(
    ScheduleProblem Problem,
    IReadOnlyList<ScheduledShift> Shifts,
    IReadOnlyDictionary<string, IReadOnlyList<CoverageSlot>> Coverage,
    IReadOnlyList<UnmetInterval> Unmet,
    IReadOnlyList<RuleViolation> Violations,
    ScheduleQuality Quality)
{
    public DateTime SlotTime(int slot) => Problem.Start.ToDateTime(TimeOnly.MinValue).AddMinutes(slot * Problem.IntervalMinutes);
}

/// <summary>
/// Solver settings: time limit, workers and a seed (the same seed and input give the same schedule with
/// one worker). <c>SplitByContract</c> also decides how many of each shift every contract type (weekly
/// hours and days) works; it suits centers whose contracts differ a lot, but makes the shift-count model
/// slower — on the benchmark center it gave no better schedules, so it is off by default.
/// </summary>
public sealed record SchedulerOptions(double TimeLimitSeconds = 30, int Workers = 0, int Seed = 20261125, bool SplitByContract = false);
