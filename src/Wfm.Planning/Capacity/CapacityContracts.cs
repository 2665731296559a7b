using Wfm.Scheduling.Capacity;

namespace Wfm.Planning.Capacity;

/// <summary>
/// A capacity plan's question, the same from the page, the API and the CLI's <c>hiring.json</c>: the weeks, where
/// demand comes from and what changes it, how staff are counted, leave and move, how to hire and what it costs, and
/// the limits the hiring plan must keep.
/// </summary>
public sealed record CapacityRequest
{
    public string? Name { get; init; }

    /// <summary>The plan's first week (its first day moves back to the week's start); default: the week after the newest history.</summary>
    public DateOnly? Start { get; init; }

    public int Weeks { get; init; } = 52;

    /// <summary>Stored history series to plan from (server); default: the newest series of each active queue.</summary>
    public IReadOnlyList<string>? Series { get; init; }

    /// <summary>Public holidays: TR, IR or none; default: the center's.</summary>
    public string? Holidays { get; init; }

    public IReadOnlyList<CapacityEvent>? Events { get; init; }

    public IReadOnlyList<PlannedChange>? Changes { get; init; }

    public CapacityScenario Scenario { get; init; } = new();

    /// <summary>Shrinkage by component (share of paid time off the phones); default: absence 6 %, leave 6 %, training and coaching 4 %.</summary>
    public IReadOnlyDictionary<string, double>? Shrinkage { get; init; }

    public double FullTimeHours { get; init; } = 40;

    public double PatienceSeconds { get; init; } = 180;

    /// <summary>Handle time in seconds for a history that has none.</summary>
    public double? AhtSeconds { get; init; }

    public AttritionInput Attrition { get; init; } = new();

    public IReadOnlyList<HiringInput>? Hiring { get; init; }

    /// <summary>A full-time agent's weekly pay (employer's cost) where a hiring profile gives none.</summary>
    public double WeeklyCostPerFte { get; init; } = 800;

    public int LeadTimeWeeks { get; init; } = 4;

    public int? Trainers { get; init; }

    public double? BudgetPerQuarter { get; init; }

    /// <summary>Turns the question around: the least shortfall (best service) this much added spend over the plan buys.</summary>
    public double? TotalBudget { get; init; }

    public double OvertimeShare { get; init; } = 0.05;

    public double OvertimeCostFactor { get; init; } = 1.5;

    /// <summary>What an FTE-week short is taken to cost; default: twice a full-time agent's weekly pay.</summary>
    public double? ShortPenaltyPerFteWeek { get; init; }

    public bool NoLayoffs { get; init; } = true;

    public double LayoffCostPerHead { get; init; }

    public IReadOnlyList<LeaveInput>? Leave { get; init; }

    public IReadOnlyList<TransferInput>? Transfers { get; init; }

    public double TimeLimitSeconds { get; init; } = 30;

    /// <summary>For a plan without a center (the CLI): each history queue's channel, target and opening hours; the server uses the center's queues.</summary>
    public IReadOnlyDictionary<string, CapacityQueueSetting>? Queues { get; init; }
}

/// <summary>A queue's channel (voice, chat, email…), service-level target and opening hours, for a plan without a center.</summary>
public sealed record CapacityQueueSetting(string Channel = "voice", double TargetPercent = 80, int TargetSeconds = 20, string? Hours = null);

/// <summary>A campaign, launch or other event: <c>Factor</c> × the usual volume on <c>Days</c> days from <c>Date</c> (closed: no contacts that day).</summary>
public sealed record CapacityEvent(DateOnly Date, string Name, double Factor = 1, int Days = 1, bool Closed = false);

/// <summary>A planned change typed in: volume or AHT (<c>What</c>) by <c>Percent</c> from <c>From</c> (to <c>To</c>), on the queues named, the queues of a channel, or all.</summary>
public sealed record PlannedChange(string What, double Percent, DateOnly From, DateOnly? To = null, IReadOnlyList<string>? Queues = null, string? Channel = null, string? Name = null);

/// <summary>A scenario's knobs: volume, AHT and attrition up or down by a percentage, another service-level target for every queue.</summary>
public sealed record CapacityScenario(double VolumePercent = 0, double AhtPercent = 0, double AttritionPercent = 0, double? TargetPercent = null, int? TargetSeconds = null);

/// <summary>Attrition: a monthly rate (and a new hires' one), or — when the center keeps hire and leave dates of enough leavers — the tenure curve they show.</summary>
public sealed record AttritionInput(double MonthlyRate = 0.03, double? NewHireMonthlyRate = null, bool FromTenure = true);

/// <summary>
/// A hiring profile for agents with the skills (queues) named: class sizes, classroom weeks, productivity in each
/// nesting week after (e.g. 0.5, 0.75), cost of a hire and of a classroom week, weekly pay of a full-time agent, weekly hours.
/// </summary>
public sealed record HiringInput(
    IReadOnlyList<string> Skills, int MinClassSize = 5, int MaxClassSize = 20, int ClassroomWeeks = 3, IReadOnlyList<double>? Ramp = null, double HireCost = 1500,
    double TrainingCostPerWeek = 200, double? WeeklyCostPerFte = null, double HoursPerWeek = 40);

/// <summary>Planned leave or training away from the phones: <c>Fte</c> FTE from <c>From</c> to <c>To</c>, of the agents with these skills (none named: all, in proportion).</summary>
public sealed record LeaveInput(DateOnly From, DateOnly To, double Fte, IReadOnlyList<string>? Skills = null, string? Name = null);

/// <summary><c>Heads</c> agents move from the skills <c>From</c> to the skills <c>To</c> in the week of <c>Week</c>.</summary>
public sealed record TransferInput(DateOnly Week, IReadOnlyList<string> From, IReadOnlyList<string> To, double Heads);

/// <summary>Today's headcount: agents with these skills and weekly hours, and their tenures in weeks when known.</summary>
public sealed record HeadcountRow(IReadOnlyList<string> Skills, double Heads, double HoursPerWeek, IReadOnlyList<double>? TenureWeeks = null);

/// <summary>One queue's week: forecast contacts with the band, AHT, hours required on the phones, FTE required through the interval models, and the flat workload ÷ hours figure beside it.</summary>
public sealed record CapacityQueueWeek(DateOnly Week, double Volume, double Low, double High, double AhtSeconds, double RequiredHours, double RequiredFte, double FlatFte, double? ServiceLevel);

/// <summary>A method's accuracy on the queue's own history: WAPE of weekly totals 13 weeks ahead.</summary>
public sealed record CapacityAccuracy(string Method, double Wape, int Weeks);

/// <summary>
/// A queue in the plan: its model, forecast method, whether a yearly season was learned, weeks, backtest and notes;
/// <c>Days</c> the forecast contacts of each day from the plan's start (a page sums them into the months of its calendar).
/// </summary>
public sealed record CapacityQueue(
    string QueueId, string Model, string Method, bool YearlySeason, double TargetPercent, int TargetSeconds, IReadOnlyList<CapacityQueueWeek> Weeks, IReadOnlyList<CapacityAccuracy> Accuracy,
    IReadOnlyList<string> Notes, IReadOnlyList<double>? Days = null);

/// <summary>A staff group: its skills, today's heads, FTE per head and whether it can be hired into.</summary>
public sealed record CapacityGroup(string Id, IReadOnlyList<string> Skills, double Heads, double FtePerHead, bool CanHire);

/// <summary>The center in one week: FTE required (interval models and flat), available, overtime, short, heads, hires starting, and the service level the covered share gives (voice and chat).</summary>
public sealed record CapacityWeek(DateOnly Week, double RequiredFte, double FlatFte, double AvailableFte, double OvertimeFte, double ShortFte, double Heads, int HiresStarting, double? ServiceLevel);

/// <summary>The attrition the plan used, as monthly rates by tenure (first three months, to a year, beyond) and whether the center's hire and leave dates gave them.</summary>
public sealed record CapacityAttrition(double FirstQuarterMonthly, double FirstYearMonthly, double LaterMonthly, bool FromTenure);

/// <summary>A capacity plan: its weeks, shrinkage, attrition (in words and as rates), queues, groups, the optimised hiring plan and the weekly totals.</summary>
public sealed record CapacityPlanResult(
    DateOnly Start, int Weeks, double Shrinkage, string Attrition, IReadOnlyList<CapacityQueue> Queues, IReadOnlyList<CapacityGroup> Groups, HiringPlan Plan,
    IReadOnlyList<CapacityWeek> Totals, IReadOnlyList<string> Notes, CapacityAttrition? Rates = null);
