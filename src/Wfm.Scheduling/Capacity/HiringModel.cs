namespace Wfm.Scheduling.Capacity;

/// <summary>Required FTE of one queue, one figure per planning week.</summary>
public sealed record QueueNeed(string QueueId, IReadOnlyList<double> RequiredFte);

/// <summary>
/// How a group can be hired into: class sizes, weeks in the classroom (paid, not on the floor), productivity in each
/// nesting week after it (then full), and what a hire costs once and per classroom week.
/// </summary>
public sealed record HiringProfile(int MinClassSize, int MaxClassSize, int ClassroomWeeks, IReadOnlyList<double> Ramp, double HireCost, double TrainingCostPerHeadWeek)
{
    /// <summary>Share of an FTE a new hire gives <paramref name="weeksSinceStart"/> weeks after the class starts.</summary>
    public double Productivity(int weeksSinceStart) =>
        weeksSinceStart < ClassroomWeeks ? 0 : weeksSinceStart - ClassroomWeeks < Ramp.Count ? Ramp[weeksSinceStart - ClassroomWeeks] : 1;

    /// <summary>Weeks from a class's start until its hires work at full productivity.</summary>
    public int WeeksToFull => ClassroomWeeks + Ramp.Count;
}

/// <summary>
/// Agents who share one set of skills (the queues they can take) and one contract shape: today's heads, FTE per head
/// (contract hours over full-time hours), weekly cost per head, the share of today's heads still employed each week
/// ahead, the share of a new class still employed k weeks after its start, FTE added or taken in given weeks (planned
/// leave, training, transfers in and out), and how to hire into the group (none: it cannot grow).
/// </summary>
public sealed record StaffGroup(
    string Id, IReadOnlyList<string> Queues, double Heads, double FtePerHead, double WeeklyCostPerHead, IReadOnlyList<double> Survival,
    IReadOnlyList<double> NewHireSurvival, IReadOnlyList<double>? FteChange = null, HiringProfile? Hiring = null);

/// <summary>
/// The plan's limits and prices. <c>LeadTimeWeeks</c>: the earliest week a class can start. <c>Trainers</c>: classes in
/// the classroom at once. <c>BudgetPerQuarter</c>: added spend (new hires' pay, hiring and training, overtime, layoffs)
/// in each 13 weeks. Overtime up to <c>OvertimeShare</c> of a group's productive FTE at <c>OvertimeCostFactor</c> × pay.
/// <c>ShortPenaltyPerFteWeek</c>: what an FTE-week short is taken to cost. With <c>TotalBudget</c> the direction turns:
/// the least shortfall that much added spend buys.
/// </summary>
public sealed record HiringRules
{
    public int LeadTimeWeeks { get; init; } = 4;

    public int? Trainers { get; init; }

    public double? BudgetPerQuarter { get; init; }

    public double OvertimeShare { get; init; } = 0.05;

    public double OvertimeCostFactor { get; init; } = 1.5;

    public double ShortPenaltyPerFteWeek { get; init; } = 3000;

    public bool NoLayoffs { get; init; } = true;

    public double LayoffCostPerHead { get; init; }

    public double? TotalBudget { get; init; }

    /// <summary>Stop when the plan is proven within this share of the best possible.</summary>
    public double Gap { get; init; } = 0.01;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Everything the optimiser plans over: the weeks (their first days), the queues' needs and the staff groups.</summary>
public sealed record CapacityProblem(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<QueueNeed> Queues, IReadOnlyList<StaffGroup> Groups, HiringRules Rules);

/// <summary>A class to start: its group, first week, size, first week on the floor and at full productivity, and what it costs over the plan.</summary>
public sealed record HiringClass(string GroupId, int StartWeek, DateOnly Start, int Size, DateOnly OnFloor, DateOnly FullyProductive, double Cost);

/// <summary>A group in one week: heads employed (trainees included), productive FTE, overtime FTE, heads released.</summary>
public sealed record GroupWeek(string GroupId, int Week, double Heads, double ProductiveFte, double OvertimeFte, double Released);

/// <summary>A queue in one week: FTE required, FTE the groups give it, and what stays short.</summary>
public sealed record QueueWeek(string QueueId, int Week, double Required, double Covered, double Short);

/// <summary>
/// A week that stays short, by how much, and why the plan did not close the gap: in English (<c>Why</c>), and as a
/// reason code with its one figure or date (<c>Detail</c>) for pages that say it in their own language.
/// </summary>
public sealed record ShortWeek(DateOnly Week, string QueueId, double ShortFte, string Why, string Reason, string Detail);

/// <summary>The plan's money: today's staff, new hires' pay, hiring, training, overtime, layoffs; the shortfall's penalty apart (not spent).</summary>
public sealed record CapacityCost(double ExistingPay, double NewHirePay, double Hiring, double Training, double Overtime, double Layoffs, double ShortPenalty)
{
    public double Total => ExistingPay + NewHirePay + Hiring + Training + Overtime + Layoffs;

    public double Added => NewHirePay + Hiring + Training + Overtime + Layoffs;
}

/// <summary>
/// The optimiser's answer. <c>Status</c>: optimal, within-gap (proven within <c>Gap</c> of the best possible),
/// feasible (the time limit came first) or infeasible (no plan meets the hard limits; <c>Why</c> says which).
/// </summary>
public sealed record HiringPlan(
    string Status, double Gap, double Objective, double BestBound, TimeSpan Took, CapacityCost Cost, IReadOnlyList<HiringClass> Classes,
    IReadOnlyList<GroupWeek> Groups, IReadOnlyList<QueueWeek> Queues, IReadOnlyList<ShortWeek> ShortWeeks, string? Why = null);
