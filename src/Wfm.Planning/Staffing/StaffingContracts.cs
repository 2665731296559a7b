using Wfm.Core.Staffing;

namespace Wfm.Planning.Staffing;

/// <summary>One interval of offered work: when it starts (local), contacts forecast, mean handle time.</summary>
public sealed record StaffingIntervalDto(DateTime Start, double Contacts, double AhtSeconds);

/// <summary>
/// A staffing calculation over a set of intervals. <c>Model</c>: erlang-c, erlang-a or chat.
/// <c>ServiceLevel</c> in percent (80) or as a fraction (0.8). <c>Agents</c>, when given, asks for the
/// reverse calculation (expected outcomes of that staffing). <c>Simulate</c> &gt; 0 adds a simulation of
/// the day with that many replications. <c>Calibrated</c> uses the queue's kept calibration: agents count as logged in,
/// and each row and the summary carry the formula's own figures beside the calibrated ones.
/// </summary>
public sealed record StaffingRequestDto(
    IReadOnlyList<StaffingIntervalDto> Intervals,
    string? Queue = null,
    int IntervalMinutes = 30,
    string Model = "erlang-a",
    double ServiceLevel = 80,
    double ThresholdSeconds = 20,
    double? PatienceSeconds = null,
    double? MaxAsaSeconds = null,
    double? MaxAbandonRate = null,
    double? MaxOccupancy = null,
    bool AbandonsAreMisses = true,
    double Shrinkage = 0,
    IReadOnlyList<ShrinkageComponent>? ShrinkageComponents = null,
    double AhtFactor = 1,
    IReadOnlyList<double>? Concurrency = null,
    int Simulate = 0,
    IReadOnlyList<int>? Agents = null,
    bool Calibrated = false);

/// <summary>One interval of the result.</summary>
public sealed record StaffingRowDto(
    DateTime Start,
    double Contacts,
    double AhtSeconds,
    double Erlangs,
    double RequiredFractional,
    int Required,
    double ScheduledFractional,
    int Scheduled,
    double ServiceLevel,
    double ServiceLevelAnswered,
    double? AsaSeconds,
    double AbandonRate,
    double Occupancy,
    double ProbabilityOfWait,
    double? SimServiceLevel,
    double? SimServiceLevelLow,
    double? SimServiceLevelHigh,
    double? SimAbandonRate,
    int? UncalibratedRequired = null,
    double? UncalibratedServiceLevel = null,
    double? UncalibratedAbandonRate = null,
    double? TypicalServiceLevel = null);

/// <summary>Totals over the intervals: agent hours (productive, fractional), scheduled hours, peak, contact-weighted SL and abandonment.</summary>
public sealed record StaffingSummaryDto(
    double Contacts,
    double AgentHours,
    double ScheduledHours,
    int PeakAgents,
    int PeakScheduled,
    double ServiceLevel,
    double AbandonRate,
    double? SimServiceLevel,
    double? UncalibratedAgentHours = null,
    double? UncalibratedServiceLevel = null,
    double? UncalibratedAbandonRate = null);

/// <summary>The result of a staffing calculation, with an SVG chart of requirement and volume.</summary>
public sealed record StaffingResultDto(
    string Queue,
    string Model,
    string Targets,
    bool Reverse,
    IReadOnlyList<StaffingRowDto> Rows,
    StaffingSummaryDto Summary,
    string ChartSvg);

/// <summary>
/// Deferred work (email, messaging): <c>Percent</c> of items answered within <c>DeadlineHours</c>, counted
/// on the wall clock or in open time (<c>Clock</c> = wall | business). Intervals not in the list between
/// the first and last are closed. <c>CarriedItems</c> wait already, for <c>CarriedAgeHours</c> on average.
/// </summary>
public sealed record BacklogRequestDto(
    IReadOnlyList<StaffingIntervalDto> Intervals,
    string? Queue = null,
    int IntervalMinutes = 30,
    double Percent = 90,
    double DeadlineHours = 12,
    string Clock = "wall",
    double Utilisation = 0.9,
    double Shrinkage = 0,
    IReadOnlyList<ShrinkageComponent>? ShrinkageComponents = null,
    double AhtFactor = 1,
    double CarriedItems = 0,
    double CarriedAgeHours = 0);

/// <summary>One interval of a backlog plan: items arriving, agents (fractional, whole, scheduled), items handled and waiting at its end.</summary>
public sealed record BacklogRowDto(DateTime Start, double Arrivals, double AgentsFractional, int Agents, int Scheduled, double Handled, double BacklogEnd, bool Open);

/// <summary>The least staffing for the deferred work and what it achieves (FIFO replay with whole agents), with its chart.</summary>
public sealed record BacklogResultDto(
    string Queue,
    string Target,
    IReadOnlyList<BacklogRowDto> Rows,
    double FractionWithinTarget,
    double EndBacklog,
    double Items,
    double AgentHours,
    double ScheduledHours,
    int PeakAgents,
    int PeakScheduled,
    string ChartSvg);
