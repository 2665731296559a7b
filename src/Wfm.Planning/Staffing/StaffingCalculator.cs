using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Backlog;
using Wfm.Planning.Charts;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Staffing;

/// <summary>The staffing calculation the pages and API ask for: one queue's intervals through the staffing runner the CLI uses, the result shaped with its chart.</summary>
public static class StaffingCalculator
{
    public const int MaxIntervals = 40_000;

    /// <param name="calibration">The queue's kept calibration, required when the request asks for <c>Calibrated</c>.</param>
    public static StaffingResultDto Calculate(StaffingRequestDto dto, ChartText? text = null, Core.Staffing.Calibration.StaffingCalibration? calibration = null)
    {
        if (dto.Intervals is null || dto.Intervals.Count == 0)
        {
            throw new StaffingInputException("intervals", "give at least one interval");
        }

        if (dto.Intervals.Count > MaxIntervals)
        {
            throw new StaffingInputException("intervals", $"{dto.Intervals.Count} intervals; at most {MaxIntervals} per request");
        }

        if (dto.IntervalMinutes is < 1 or > 1440)
        {
            throw new StaffingInputException("intervalMinutes", $"must be 1–1440, got {dto.IntervalMinutes}");
        }

        var queue = string.IsNullOrWhiteSpace(dto.Queue) ? "default" : dto.Queue;
        var points = new List<ForecastPoint>(dto.Intervals.Count);
        for (var i = 0; i < dto.Intervals.Count; i++)
        {
            var p = dto.Intervals[i];
            if (i > 0 && p.Start <= dto.Intervals[i - 1].Start)
            {
                throw new StaffingInputException($"intervals[{i}].start", "interval starts must increase");
            }

            if (!(p.AhtSeconds > 0))
            {
                throw new StaffingInputException($"intervals[{i}].ahtSeconds", $"must be more than 0 seconds, got {p.AhtSeconds}");
            }

            if (!(p.Contacts >= 0))
            {
                throw new StaffingInputException($"intervals[{i}].contacts", $"must be zero or more, got {p.Contacts}");
            }

            points.Add(new ForecastPoint(p.Start, p.Contacts, p.AhtSeconds, i));
        }

        var series = new ForecastSeries(queue, dto.IntervalMinutes, points);
        var request = ToRequest(dto);
        if (dto.Calibrated)
        {
            request = request with { Calibration = calibration ?? throw new StaffingInputException("calibrated", $"queue '{queue}' has no calibration yet: calibrate it first") };
        }

        var reverse = dto.Agents is not null;
        // Errors name the interval's index in the request, not a CSV line.
        StaffingRunner.Locate locate = (_, i) => $"intervals[{i}]";
        IReadOnlyList<StaffingRow> rows;
        if (reverse)
        {
            if (dto.Agents!.Count != points.Count)
            {
                throw new StaffingInputException("agents", $"expected one agent count per interval ({points.Count}), got {dto.Agents.Count}");
            }

            var agents = points.Select((p, i) => (p.Timestamp, dto.Agents[i])).ToDictionary(x => (queue, x.Timestamp), x => (double)x.Item2);
            rows = StaffingRunner.Reverse([series], agents, request, locate);
        }
        else
        {
            rows = StaffingRunner.Requirements([series], request, locate: locate);
        }

        return Shape(queue, request, rows, reverse, text);
    }

    private static StaffingRequest ToRequest(StaffingRequestDto dto)
    {
        var model = dto.Model.ToLowerInvariant() switch
        {
            "erlang-c" => StaffingModelKind.ErlangC,
            "erlang-a" => StaffingModelKind.ErlangA,
            "chat" => StaffingModelKind.Chat,
            _ => throw new StaffingInputException("model", $"expected erlang-c, erlang-a or chat, got '{dto.Model}'"),
        };
        var sl = dto.ServiceLevel > 1 ? dto.ServiceLevel / 100 : dto.ServiceLevel;
        var targets = new ServiceTargets(sl, dto.ThresholdSeconds, dto.MaxAsaSeconds, dto.MaxAbandonRate, dto.MaxOccupancy, dto.AbandonsAreMisses);
        var shrinkage = dto.ShrinkageComponents is { Count: > 0 } parts ? new Shrinkage(parts) : Shrinkage.Of(dto.Shrinkage);
        return new StaffingRequest(
            model, targets, dto.PatienceSeconds, shrinkage, AhtFactor: dto.AhtFactor,
            Concurrency: dto.Concurrency is { Count: > 0 } c ? new ConcurrencyCurve(c) : null,
            Replications: dto.Simulate);
    }

    private static StaffingResultDto Shape(string queue, StaffingRequest request, IReadOnlyList<StaffingRow> rows, bool reverse, ChartText? text)
    {
        var dtoRows = rows.Select(r => new StaffingRowDto(
            r.Timestamp, r.Contacts, r.AhtSeconds, r.Erlangs, r.RequiredFractional, r.Required, r.ScheduledFractional, r.Scheduled,
            r.Outcome.ServiceLevel, r.Outcome.ServiceLevelAnswered, Finite(r.Outcome.AsaSeconds), r.Outcome.AbandonRate, r.Outcome.Occupancy, r.Outcome.ProbabilityOfWait,
            r.SimulatedServiceLevel?.Mean, r.SimulatedServiceLevel?.Low, r.SimulatedServiceLevel?.High, r.SimulatedAbandonRate?.Mean,
            r.Uncalibrated?.Required, r.Uncalibrated?.Outcome.ServiceLevel, r.Uncalibrated?.Outcome.AbandonRate, r.Typical?.ServiceLevel)).ToArray();
        var t = StaffingSummary.Of(rows);
        var summary = new StaffingSummaryDto(
            t.Contacts, t.AgentHours, t.ScheduledHours, t.PeakAgents, t.PeakScheduled, t.ServiceLevel, t.AbandonRate, t.SimulatedServiceLevel,
            t.UncalibratedAgentHours, t.UncalibratedServiceLevel, t.UncalibratedAbandonRate);
        var title = $"{queue}: {Label(request.Model)} {request.Targets}";
        return new StaffingResultDto(queue, Label(request.Model), request.Targets.ToString(), reverse, dtoRows, summary, StaffingReport.Chart(rows, queue, title, reverse, text));
    }

    /// <summary>The least staffing over the intervals for deferred work meeting the response-time target.</summary>
    public static BacklogResultDto Backlog(BacklogRequestDto dto, ChartText? text = null)
    {
        if (dto.Intervals is null || dto.Intervals.Count == 0)
        {
            throw new StaffingInputException("intervals", "give at least one interval");
        }

        if (dto.Intervals.Count > MaxIntervals)
        {
            throw new StaffingInputException("intervals", $"{dto.Intervals.Count} intervals; at most {MaxIntervals} per request");
        }

        if (dto.IntervalMinutes is < 1 or > 1440)
        {
            throw new StaffingInputException("intervalMinutes", $"must be 1–1440, got {dto.IntervalMinutes}");
        }

        if (!(dto.AhtFactor > 0))
        {
            throw new StaffingInputException("ahtFactor", $"must be more than 0, got {dto.AhtFactor}");
        }

        if (!(dto.DeadlineHours > 0))
        {
            throw new StaffingInputException("deadlineHours", $"must be more than 0 hours, got {dto.DeadlineHours}");
        }

        if (!(dto.CarriedItems >= 0) || !(dto.CarriedAgeHours >= 0))
        {
            throw new StaffingInputException("carriedItems", $"carried items and their age must be zero or more, got {dto.CarriedItems} items, {dto.CarriedAgeHours} h");
        }

        var clock = dto.Clock.ToLowerInvariant() switch
        {
            "wall" => DeadlineClock.Wall,
            "business" => DeadlineClock.Business,
            _ => throw new StaffingInputException("clock", $"expected wall or business, got '{dto.Clock}'"),
        };
        var percent = dto.Percent > 1 ? dto.Percent / 100 : dto.Percent;
        var target = new BacklogTarget(percent, dto.DeadlineHours * 3600, clock, dto.Utilisation);
        try
        {
            target.Validate();
        }
        catch (StaffingInputException ex)
        {
            throw new StaffingInputException(ex.Field switch { "target.fraction" => "percent", "target.utilisation" => "utilisation", _ => "deadlineHours" }, ex.Detail);
        }

        var shrinkage = dto.ShrinkageComponents is { Count: > 0 } parts ? new Shrinkage(parts) : Shrinkage.Of(dto.Shrinkage);
        var queue = string.IsNullOrWhiteSpace(dto.Queue) ? "default" : dto.Queue;
        var points = dto.Intervals.Select((p, i) => new ForecastPoint(p.Start, p.Contacts, p.AhtSeconds * dto.AhtFactor, i)).ToArray();
        var day = BacklogReport.Grid(new ForecastSeries(queue, dto.IntervalMinutes, points), locate: p => $"intervals[{p.Line}]");
        var first = day.Intervals.First(i => i.Open);
        var plan = BacklogPlanner.Plan(day.Intervals, dto.IntervalMinutes * 60.0, target, new CarriedBacklog(dto.CarriedItems, first.AhtSeconds, dto.CarriedAgeHours * 3600));
        var hours = dto.IntervalMinutes / 60.0;
        var rows = plan.Intervals.Select(r => new BacklogRowDto(
            day.Starts[r.Index], r.Arrivals, r.AgentsFractional, r.Agents, shrinkage.ScheduledAgents(r.Agents), r.Handled, r.BacklogEnd, day.Intervals[r.Index].Open)).ToArray();
        var described = $"{percent * 100:0.#} % / {dto.DeadlineHours:0.##} h{(clock == DeadlineClock.Business ? " (open time)" : string.Empty)}";
        return new BacklogResultDto(
            queue, described, rows, plan.FractionWithinTarget, plan.EndBacklog, rows.Sum(r => r.Arrivals), plan.AgentHours, rows.Sum(r => r.Scheduled * hours),
            rows.Max(r => r.Agents), rows.Max(r => r.Scheduled), BacklogReport.Chart(day, plan, shrinkage, $"{queue}: {described}", text));
    }

    /// <summary>No steady state (more work than agents, nobody hangs up): no finite ASA to report.</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Label(StaffingModelKind model) => model switch
    {
        StaffingModelKind.ErlangC => "erlang-c",
        StaffingModelKind.ErlangA => "erlang-a",
        _ => "chat",
    };
}
