using Wfm.Scheduling;

namespace Wfm.Planning.Scheduling;

public sealed record ScheduleBreakDto(string Name, DateTime Start, DateTime End, bool Paid);

public sealed record ScheduleShiftDto(string AgentId, DateOnly Date, string Skill, DateTime Start, DateTime End, double PaidHours, IReadOnlyList<ScheduleBreakDto> Breaks);

/// <summary>Agents required and scheduled (at work, not on a break) per interval of the horizon for one skill.</summary>
public sealed record ScheduleCoverageDto(string Skill, IReadOnlyList<double> Required, IReadOnlyList<int> Scheduled);

/// <summary>An interval left short and why: <c>Reason</c> in English, <c>Code</c> for a page to translate (noTemplate, fewAgents with <c>Available</c>, contracts).</summary>
public sealed record ScheduleUnmetDto(string Skill, DateTime Start, double Required, int Scheduled, string Reason, string? Code = null, int? Available = null);

/// <summary>
/// A schedule's result. <c>ExpectedServiceLevel</c> (per skill, contact-weighted) is there when the
/// requirement carried forecast contacts and handle times (as <c>wfm staff</c> writes them); <c>AgentNames</c>
/// names the agents whose name is known (the center's, or a file's name column).
/// </summary>
public sealed record ScheduleResultDto(
    IReadOnlyList<ScheduleShiftDto> Shifts, IReadOnlyList<ScheduleCoverageDto> Coverage, IReadOnlyList<ScheduleUnmetDto> Unmet,
    IReadOnlyList<RuleViolation> Violations, ScheduleQuality Quality, string ScheduleCsv, string ChartSvg,
    IReadOnlyDictionary<string, double>? ExpectedServiceLevel = null, IReadOnlyDictionary<string, string>? AgentNames = null)
{
    /// <summary>A schedule as it is stored and shown: wall-clock shifts and breaks, coverage, what is unmet, its CSV and chart, the agents' names.</summary>
    public static ScheduleResultDto From(ScheduleResult r)
    {
        var shifts = r.Shifts.Select(s => new ScheduleShiftDto(
            s.AgentId, r.Problem.Start.AddDays(s.Day), s.Skill, r.SlotTime(s.StartSlot), r.SlotTime(s.EndSlot), s.PaidHours,
            s.Breaks.Select(b => new ScheduleBreakDto(b.Name, r.SlotTime(b.StartSlot), r.SlotTime(b.EndSlot), b.Paid)).ToArray())).ToArray();
        var coverage = r.Coverage.Select(c => new ScheduleCoverageDto(c.Key, c.Value.Select(x => x.Required).ToArray(), c.Value.Select(x => x.Working).ToArray())).ToArray();
        var unmet = r.Unmet.Select(u => new ScheduleUnmetDto(u.Skill, r.SlotTime(u.Slot), u.Required, u.Working, u.Reason, u.Code, u.Available)).ToArray();
        var csv = new StringWriter();
        ScheduleFiles.WriteSchedule(csv, r);
        var names = r.Problem.Agents.Where(a => !string.IsNullOrWhiteSpace(a.Name)).ToDictionary(a => a.Id, a => a.Name!, StringComparer.Ordinal);
        return new ScheduleResultDto(shifts, coverage, unmet, r.Violations, r.Quality, csv.ToString(), ScheduleFiles.Chart(r), AgentNames: names);
    }
}
