using System.Globalization;
using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Staffing;
using Wfm.Data.Schedules;
using Wfm.Grains.Abstractions;
using Wfm.Planning.Center;
using Wfm.Planning.Csv;
using Wfm.Planning.Scheduling;
using Wfm.Planning.Staffing;
using Wfm.Planning;
using Wfm.Scheduling;
using Wfm.Server.Demo;
using Wfm.Server.Security;
using Wfm.Server.Wellbeing;
using Wfm.Simulation;

namespace Wfm.Server.Api;

/// <summary>
/// A schedule to make from the same three files as <c>wfm schedule</c>: the requirement CSV, the agents
/// CSV and rules.json, given as text.
/// </summary>
public sealed record ScheduleRequestDto(
    string RequirementsCsv, string AgentsCsv, string RulesJson, string? Name = null, int Weeks = 1, double TimeLimitSeconds = 20, string RequirementColumn = "required_agents",
    string ServiceLevel = "80/20", double? PatienceSeconds = null, IReadOnlyList<string>? Notes = null, bool Calibrated = false);

/// <summary>Agents needed per interval of the horizon for one queue (skill), from the start day's midnight on the center's clock.</summary>
public sealed record SkillRequirementDto(string Skill, IReadOnlyList<double> Agents);

/// <summary>
/// A schedule for the center's own agents (all, or those of <c>TeamIds</c>) under one of its rule sets: no files.
/// <c>Notes</c> say what was taken into account beyond the contracts (e.g. more rest for agents at risk of burnout).
/// </summary>
/// <remarks>The requirement is <c>Requirements</c> from <c>Start</c>, or a stored staffing plan's agents to schedule (<c>StaffingPlanId</c>; its period then).</remarks>
public sealed record CenterScheduleRequestDto(
    DateOnly Start, IReadOnlyList<SkillRequirementDto>? Requirements, string RuleSetId, IReadOnlyList<string>? TeamIds = null, int Weeks = 1,
    double TimeLimitSeconds = 20, string? Name = null, IReadOnlyList<string>? Notes = null, long? StaffingPlanId = null);

/// <summary>A stored schedule; <c>Result</c> is left out of lists.</summary>
public sealed record ScheduleDto(
    long Id, string Name, DateTimeOffset CreatedAt, DateOnly Start, int Days, int IntervalMinutes, int Shifts, double PaidHours, int Unmet,
    DateTimeOffset? PublishedAt, ScheduleResultDto? Result);

/// <summary>A break placed by hand: which rule and its start ("HH:mm").</summary>
public sealed record BreakEditDto(string Name, string Start);

/// <summary>
/// A planner's edit of one agent-day: move or resize the shift (start "HH:mm", length in minutes, skill),
/// place its breaks, or remove it. Rules and coverage are checked again; what the edit breaks is reported.
/// </summary>
public sealed record ScheduleEditDto(string AgentId, DateOnly Date, string? Start = null, int? LengthMinutes = null, string? Skill = null, IReadOnlyList<BreakEditDto>? Breaks = null, bool Remove = false);

/// <summary>
/// An agent's request: <c>Kind</c> "time-off" (the day off), "swap" (exchange the day's shifts with <c>OtherAgentId</c>) or
/// "trade" (the day's shift put up for a colleague to take; <c>OtherAgentId</c> is who takes it, once someone does).
/// </summary>
public sealed record ScheduleRequestInDto(string Kind, string AgentId, DateOnly Date, string? OtherAgentId = null, string? Note = null);

/// <summary>What granting a request would do: rules it would break for the agents involved, and the intervals it would leave short.</summary>
public sealed record RequestCheckDto(IReadOnlyList<RuleViolation> Violations, int UnmetBefore, int UnmetAfter, IReadOnlyList<ScheduleUnmetDto> NewlyShort);

public sealed record ScheduleRequestOutDto(
    long Id, string Kind, string AgentId, string? OtherAgentId, DateOnly Date, string Status, string? Note, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, RequestCheckDto Check);

/// <summary>What publishing did: agent-days whose plan was replaced.</summary>
public sealed record PublishDto(long Id, int AgentDays, DateTimeOffset PublishedAt);

/// <summary>/api/schedules: make a schedule (OR-Tools), list and fetch it, its CSV, chart and iCalendar files, and publish it to the shifts.</summary>
public static class SchedulingApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapSchedulingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/schedules").WithTags("Schedules");
        var planners = group.MapGroup("").RequireAccess(Access.Planners);
        planners.MapGet("/demo-inputs", DemoInputs).WithSummary("The demo center's next full week for its own agents and rule set: a staffing plan of its queues' forecasts (Erlang A / chat / e-mail backlog)");
        planners.MapPost("/", Create).WithSummary("Makes a schedule from a requirement CSV, an agents CSV and rules.json (as text) and stores it").Audited("schedule.create");
        planners.MapPost("/center", CreateForCenter).WithSummary("Makes a schedule for the center's own agents (all or chosen teams), their contracts and a rule set, and stores it").Audited("schedule.create");
        planners.MapGet("/", List);
        planners.MapGet("/{id:long}", Get);
        planners.MapGet("/{id:long}/schedule.csv", Csv).WithSummary("One row per shift with its breaks");
        planners.MapGet("/{id:long}/coverage.svg", Chart).WithSummary("Coverage against requirement per skill (all, or one with skill=)");
        group.MapGet("/{id:long}/agents/{agentId}.ics", Calendar).WithSummary("An agent's shifts and breaks as iCalendar").RequireAccess(Access.Everyone).ForAgent();
        planners.MapPost("/{id:long}/edits", Edit).WithSummary("Moves, resizes or removes one agent-day's shift or its breaks; coverage and rules are checked again").Audited("schedule.edit");
        group.MapPost("/{id:long}/requests", AddRequest).WithSummary("An agent asks for time off, a shift swap or puts a shift up for trade; rules and coverage impact are checked, the request waits for a planner")
            .RequireAccess([WfmRoles.Admin, WfmRoles.Planner, WfmRoles.Supervisor, WfmRoles.Agent]).ForBodyAgent().Audited("schedule.request");
        group.MapGet("/{id:long}/requests", ListRequests).RequireAccess(Access.Everyone);
        planners.MapPost("/{id:long}/requests/{requestId:long}/approve", Approve).WithSummary("Grants a pending request (checked again; refused when it breaks a rule unless force=true) and applies it to the schedule; a trade goes to agentId, or the first colleague who offered to take it").Audited("schedule.approve");
        planners.MapPost("/{id:long}/requests/{requestId:long}/reject", Reject).Audited("schedule.reject");
        planners.MapPost("/{id:long}/publish", Publish).WithSummary("Writes the schedule into the agents' shift plans (live adherence uses them)").Audited("schedule.publish");
        planners.MapDelete("/{id:long}", Delete).Audited("schedule.delete");
    }

    private static async Task<Results<Created<ScheduleDto>, ValidationProblem, ProblemHttpResult>> Create(
        ScheduleRequestDto request, ScheduleService schedules, HttpContext http, IHostApplicationLifetime lifetime, CenterCalibrationService calibrations)
    {
        if (request.Weeks is < 1 or > 4)
        {
            return Invalid("weeks", $"must be 1 to 4, got {request.Weeks}");
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            // Calibrated: the expected service level of the skills with a kept calibration counts the scheduled agents as logged in.
            var calibration = request.Calibrated
                ? await calibrations.AllAsync(stop.Token) ?? throw new PlanningException("calibrated", "no queue has a calibration yet: calibrate a voice queue first")
                : null;
            var stored = await schedules.SolveAndStoreAsync(
                Problem(request), request.Name, request.TimeLimitSeconds, JsonSerializer.Serialize(request, Json), r => ToDto(r, request, calibration), stop.Token);
            return TypedResults.Created($"/api/schedules/{stored.Id}", ToDto(stored, full: true));
        }
        catch (InputFileException ex)
        {
            return Invalid(ex.Column ?? "file", ex.Message);
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
        catch (PlanningBusyException ex)
        {
            return Busy(ex, http);
        }
    }

    /// <summary>Solves within the time limit (stopping early when the planner leaves or the server stops) and stores the schedule with its problem.</summary>
    private static async Task<Results<Created<ScheduleDto>, ValidationProblem, ProblemHttpResult>> CreateForCenter(
        CenterScheduleRequestDto request, ScheduleService schedules, InMemoryDirectory directory, WellbeingService wellbeing, HttpContext http, IHostApplicationLifetime lifetime)
    {
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            var (limits, _) = await wellbeing.ScheduleLimitsAsync(stop.Token);
            var order = new CenterScheduleOrder(
                request.Start, request.Weeks, request.Requirements?.Select(r => new SkillRequirement(r.Skill, r.Agents ?? [])).ToList(), request.RuleSetId ?? "", request.TeamIds,
                request.TimeLimitSeconds, request.Name, request.StaffingPlanId);
            var stored = await schedules.CreateForCenterAsync(order, JsonSerializer.Serialize(request, Json), limits, stop.Token);
            return TypedResults.Created($"/api/schedules/{stored.Id}", ToDto(stored, full: true));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
        catch (PlanningBusyException ex)
        {
            return Busy(ex, http);
        }
    }

    /// <summary>429 with when to try again: the most schedules are being solved at once.</summary>
    private static ProblemHttpResult Busy(PlanningBusyException ex, HttpContext http)
    {
        http.Response.Headers.RetryAfter = "15";
        return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many schedules at once");
    }

    /// <summary>
    /// The demo center's next Monday-to-Sunday week for its own agents, contracts and rule set, the way a planner makes it:
    /// its queues' forecasts staffed for the week (a stored staffing plan: Erlang A for voice, the chat model for chat, the
    /// backlog plan for e-mail, nobody while a queue is closed). Agents running hot get more rest and fewer days in a row
    /// (the burnout score as a constraint source).
    /// </summary>
    private static async Task<Results<Ok<CenterScheduleRequestDto>, ValidationProblem>> DemoInputs(
        DemoPlanner planner, InMemoryDirectory directory, WellbeingService wellbeing, CancellationToken cancellationToken)
    {
        var today = directory.Clock.LocalDate(DateTimeOffset.UtcNow);
        var monday = DemoPlanner.MondayOf(today).AddDays(7);
        try
        {
            var plan = await planner.StaffingPlanAsync(monday, 1, cancellationToken);
            var (_, notes) = await wellbeing.ScheduleLimitsAsync(cancellationToken);
            return TypedResults.Ok(new CenterScheduleRequestDto(monday, null, DemoCenterSetup.Standard.Id, Name: $"Demo week of {monday:yyyy-MM-dd}", Notes: notes, StaffingPlanId: plan.Id));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    /// <summary>
    /// The problem a stored schedule solved, and the files it came from when it came from files (their requirement
    /// may carry forecasts for the expected service level). Schedules stored before problems were kept come from files.
    /// </summary>
    internal static (ScheduleProblem Problem, ScheduleRequestDto? Files) Problem(StoredSchedule stored)
    {
        var files = JsonSerializer.Deserialize<ScheduleRequestDto>(stored.RequestJson, Json);
        files = files?.RequirementsCsv is null ? null : files;
        return stored.ProblemJson is { } json ? (JsonSerializer.Deserialize<ScheduleProblem>(json, Json)!, files) : (Problem(files!), files);
    }

    private static ScheduleProblem Problem(ScheduleRequestDto request)
    {
        var days = request.Weeks * 7;
        var (start, interval, requirements) = ScheduleFiles.ReadRequirements(new StringReader(request.RequirementsCsv ?? string.Empty), "requirements.csv", days, request.RequirementColumn);
        var agents = ScheduleFiles.ReadAgents(new StringReader(request.AgentsCsv ?? string.Empty), "agents.csv");
        var rules = ScheduleFiles.ReadRules(request.RulesJson ?? string.Empty, "rules.json");
        return new ScheduleProblem(start, days, interval, requirements, agents, rules.Templates, rules.Breaks, rules.Weights, rules.MaxMinutesWithoutBreak);
    }

    private static async Task<Results<Ok<ScheduleDto>, NotFound, ValidationProblem>> Edit(long id, ScheduleEditDto edit, ScheduleStore store, CenterCalibrationService calibrations)
    {
        try
        {
            return await EditAsync(id, edit, store, calibrations);
        }
        catch (StaffingInputException ex)
        {
            return Invalid(ex.Field, ex.Detail);
        }
    }

    private static async Task<Results<Ok<ScheduleDto>, NotFound, ValidationProblem>> EditAsync(long id, ScheduleEditDto edit, ScheduleStore store, CenterCalibrationService calibrations)
    {
        if (await Load(id, store) is not { } loaded)
        {
            return TypedResults.NotFound();
        }

        var (problem, original) = Problem(loaded.Stored);
        var options = ShiftOption.Enumerate(problem);
        var agent = problem.Agents.FirstOrDefault(a => a.Id == edit.AgentId);
        if (agent is null)
        {
            return Invalid("agentId", $"'{edit.AgentId}' is not an agent of this schedule");
        }

        var day = edit.Date.DayNumber - problem.Start.DayNumber;
        if (day < 0 || day >= problem.Days)
        {
            return Invalid("date", $"{edit.Date:yyyy-MM-dd} is outside the schedule ({problem.Start:yyyy-MM-dd} to {problem.Start.AddDays(problem.Days - 1):yyyy-MM-dd})");
        }

        var shifts = loaded.Result.Shifts.Select(s => Domain(problem, options, s)).ToList();
        var old = shifts.FirstOrDefault(s => s.AgentId == edit.AgentId && s.Day == day);
        if (old is not null)
        {
            shifts.Remove(old);
        }

        if (!edit.Remove)
        {
            var startMinute = edit.Start is null ? old?.Option.StartMinute : Minutes(edit.Start);
            var length = edit.LengthMinutes ?? old?.Option.LengthMinutes;
            if (startMinute is null || length is null)
            {
                return Invalid("start", "the agent has no shift that day: give its start (HH:mm) and length in minutes");
            }

            var option = options.FirstOrDefault(o => o.Day == day && o.StartMinute == startMinute && o.LengthMinutes == length);
            if (option is null)
            {
                return Invalid("start", $"no shift template allows a {length}-minute shift at {TimeSpan.FromMinutes(startMinute.Value):hh\\:mm}");
            }

            var skill = edit.Skill ?? old?.Skill ?? agent.Skills.Keys.First();
            if (!agent.Skills.ContainsKey(skill))
            {
                return Invalid("skill", $"{agent.Id} does not have skill '{skill}'; they have {string.Join(", ", agent.Skills.Keys)}");
            }

            if (edit.Breaks?.FirstOrDefault(b => option.BreakWindows.All(w => w.Break.Name != b.Name)) is { } unknown)
            {
                var names = option.BreakWindows.Count == 0 ? "none" : string.Join(", ", option.BreakWindows.Select(w => w.Break.Name));
                return Invalid("breaks", $"'{unknown.Name}' is not a break of this shift; its breaks are: {names}");
            }

            var breaks = new List<PlacedBreak>();
            foreach (var window in option.BreakWindows)
            {
                var given = edit.Breaks?.FirstOrDefault(b => b.Name == window.Break.Name);
                var kept = old?.Breaks.FirstOrDefault(b => b.Name == window.Break.Name);
                int? givenSlots = null;
                if (given is not null)
                {
                    // A break after midnight belongs to the shift that started the evening before.
                    var minute = Minutes(given.Start);
                    var offset = minute >= option.StartMinute ? minute - option.StartMinute : minute + 1440 - option.StartMinute;
                    if (offset % problem.IntervalMinutes != 0 || offset / problem.IntervalMinutes + window.LengthSlots > option.LengthSlots)
                    {
                        return Invalid("breaks", $"{window.Break.Name} at {given.Start} must start on a {problem.IntervalMinutes}-minute boundary and end within the shift ({TimeSpan.FromMinutes(option.StartMinute):hh\\:mm}, {option.LengthMinutes} min)");
                    }

                    givenSlots = offset / problem.IntervalMinutes;
                }

                var relative = givenSlots is { } g ? g
                    : kept is not null && old is not null && window.Starts.Contains(kept.StartSlot - old.StartSlot) ? kept.StartSlot - old.StartSlot
                    : window.Starts[window.Starts.Count / 2];
                breaks.Add(new PlacedBreak(window.Break.Name, option.StartSlot + relative, option.StartSlot + relative + window.LengthSlots, window.Break.Paid));
            }

            shifts.Add(new ScheduledShift(agent.Id, day, skill, option, breaks));
        }

        var quality = loaded.Result.Quality;
        var result = ShiftScheduler.Review(problem, shifts.OrderBy(s => s.StartSlot).ThenBy(s => s.AgentId, StringComparer.Ordinal).ToArray(),
            quality.LowerBoundPaidHours, "edited by hand", quality.DemandBoundPaidHours);
        var dto = ToDto(result, original, original?.Calibrated == true ? await calibrations.AllAsync() : null);
        await store.UpdateAsync(id, result.Shifts.Count, result.Quality.ScheduledPaidHours, result.Unmet.Count, JsonSerializer.Serialize(dto, Json));
        return TypedResults.Ok(ToDto((await store.GetAsync(id))!, full: true));
    }

    private static Task<Results<Created<ScheduleRequestOutDto>, NotFound, ValidationProblem>> AddRequest(long id, ScheduleRequestInDto body, ScheduleStore store, ScheduleRequestStore requests) =>
        AddRequestAsync(id, body, store, requests);

    /// <summary>A request checked against the schedule (rules, coverage) and stored to wait for a planner; also what an agent's own page sends.</summary>
    internal static async Task<Results<Created<ScheduleRequestOutDto>, NotFound, ValidationProblem>> AddRequestAsync(long id, ScheduleRequestInDto body, ScheduleStore store, ScheduleRequestStore requests)
    {
        if (await Load(id, store) is not { } loaded)
        {
            return TypedResults.NotFound();
        }

        var (problem, _) = Problem(loaded.Stored);
        if (Check(problem, loaded.Result, body) is not { } check)
        {
            return Invalid("request", Problem(problem, body) ?? "not a request this schedule can take");
        }

        var requestId = await requests.AddAsync(id, body.Kind, body.AgentId, body.OtherAgentId, body.Date, body.Note, JsonSerializer.Serialize(check.Dto, Json));
        var stored = (await requests.ListAsync(id)).Single(r => r.Id == requestId);
        return TypedResults.Created($"/api/schedules/{id}/requests/{requestId}", ToDto(stored));
    }

    private static async Task<Ok<ScheduleRequestOutDto[]>> ListRequests(long id, ScheduleRequestStore requests, AccessScope scope) =>
        TypedResults.Ok(scope.Visible((await requests.ListAsync(id)).Select(ToDto), r => r.AgentId).ToArray());

    private static Task<Results<Ok<ScheduleRequestOutDto>, NotFound, ValidationProblem>> Approve(
        long id, long requestId, bool? force, string? agentId, ScheduleStore store, ScheduleRequestStore requests, ShiftTradeBidStore bids, ScheduleService schedules,
        CancellationToken cancellationToken) =>
        ApproveAsync(id, requestId, force, agentId, store, requests, bids, schedules, cancellationToken);

    /// <summary>
    /// Grants a pending request (checked again; refused when it breaks a rule unless <paramref name="force"/>) and applies it
    /// to the schedule — and, when the schedule is published, to the agents' plans at once. A trade goes to
    /// <paramref name="taker"/>, or to the first colleague who offered to take it whose taking breaks no rule (else the first).
    /// </summary>
    internal static async Task<Results<Ok<ScheduleRequestOutDto>, NotFound, ValidationProblem>> ApproveAsync(
        long id, long requestId, bool? force, string? taker, ScheduleStore store, ScheduleRequestStore requests, ShiftTradeBidStore bids, ScheduleService schedules,
        CancellationToken cancellationToken)
    {
        if (await Load(id, store) is not { } loaded || (await requests.ListAsync(id)).FirstOrDefault(r => r.Id == requestId) is not { } request)
        {
            return TypedResults.NotFound();
        }

        if (request.Status != "pending")
        {
            return Invalid("status", $"request {requestId} is already {request.Status}");
        }

        var (problem, original) = Problem(loaded.Stored);
        var other = request.OtherAgentId;
        if (request.Kind == "trade")
        {
            var offers = (await bids.ListAsync([requestId], cancellationToken)).Select(b => b.AgentId).ToList();
            if (taker is not null && !offers.Contains(taker))
            {
                return Invalid("agentId", $"'{taker}' has not offered to take this shift; offers: {(offers.Count == 0 ? "none yet" : string.Join(", ", offers))}");
            }

            other = taker
                ?? offers.FirstOrDefault(o => Check(problem, loaded.Result, new ScheduleRequestInDto("trade", request.AgentId, request.Date, o)) is { Dto.Violations.Count: 0 })
                ?? offers.FirstOrDefault();
            if (other is null)
            {
                return Invalid("agentId", "nobody has offered to take this shift yet");
            }
        }

        var body = new ScheduleRequestInDto(request.Kind, request.AgentId, request.Date, other, request.Note);
        if (Check(problem, loaded.Result, body) is not { } check)
        {
            return Invalid("request", Problem(problem, body) ?? "the schedule no longer allows this request");
        }

        if (check.Dto.Violations.Count > 0 && force != true)
        {
            return Invalid("rules", $"granting it breaks: {string.Join("; ", check.Dto.Violations.Select(v => $"{v.AgentId} {v.Rule} ({v.Detail})"))}; approve with force=true to grant it anyway");
        }

        var dto = ToDto(check.After, original);
        await store.UpdateAsync(id, check.After.Shifts.Count, check.After.Quality.ScheduledPaidHours, check.After.Unmet.Count, JsonSerializer.Serialize(dto, Json));
        await requests.DecideAsync(requestId, "approved", JsonSerializer.Serialize(check.Dto, Json), other);
        if (loaded.Stored.PublishedAt is not null)
        {
            // A granted request on a published schedule reaches the agents' plans at once: their day off, or the swapped or traded shifts.
            await store.MarkPublishedAsync(id);
            await schedules.RepublishAsync(id, new[] { request.AgentId, other }.OfType<string>().ToArray(), request.Date, cancellationToken);
        }

        return TypedResults.Ok(ToDto((await requests.ListAsync(id)).Single(r => r.Id == requestId)));
    }

    /// <summary>What taking a traded shift would do for <paramref name="taker"/>: null when the request is not a pending trade of that schedule.</summary>
    internal static async Task<RequestCheckDto?> TradeCheckAsync(long id, StoredScheduleRequest request, string taker, ScheduleStore store) =>
        await Load(id, store) is { } loaded && Check(Problem(loaded.Stored).Problem, loaded.Result, new ScheduleRequestInDto("trade", request.AgentId, request.Date, taker)) is { } check
            ? check.Dto
            : null;

    private static async Task<Results<Ok<ScheduleRequestOutDto>, NotFound, ValidationProblem>> Reject(long id, long requestId, ScheduleRequestStore requests)
    {
        if ((await requests.ListAsync(id)).FirstOrDefault(r => r.Id == requestId) is not { } request)
        {
            return TypedResults.NotFound();
        }

        if (!await requests.DecideAsync(requestId, "rejected", request.CheckJson))
        {
            return Invalid("status", $"request {requestId} is already {request.Status}");
        }

        return TypedResults.Ok(ToDto((await requests.ListAsync(id)).Single(r => r.Id == requestId)));
    }

    /// <summary>Why a request cannot be taken at all (unknown agent, date outside the schedule, nothing to swap), or null.</summary>
    private static string? Problem(ScheduleProblem problem, ScheduleRequestInDto body)
    {
        if (body.Kind is not ("time-off" or "swap" or "trade"))
        {
            return $"kind must be time-off, swap or trade, got '{body.Kind}'";
        }

        if (problem.Agents.All(a => a.Id != body.AgentId))
        {
            return $"'{body.AgentId}' is not an agent of this schedule";
        }

        if (body.Date.DayNumber < problem.Start.DayNumber || body.Date.DayNumber >= problem.Start.DayNumber + problem.Days)
        {
            return $"{body.Date:yyyy-MM-dd} is outside the schedule";
        }

        if (body.Kind == "swap" && (body.OtherAgentId is null || body.OtherAgentId == body.AgentId || problem.Agents.All(a => a.Id != body.OtherAgentId)))
        {
            return "a swap needs otherAgentId: another agent of this schedule";
        }

        if (body.Kind == "trade" && body.OtherAgentId is not null && (body.OtherAgentId == body.AgentId || problem.Agents.All(a => a.Id != body.OtherAgentId)))
        {
            return "a shift is traded to another agent of this schedule";
        }

        return null;
    }

    /// <summary>
    /// The schedule with the request granted and what that costs: rules the involved agents would newly
    /// break (a swapped shift whose skill the receiver lacks counts too) and intervals newly short.
    /// </summary>
    private static (RequestCheckDto Dto, ScheduleResult After)? Check(ScheduleProblem problem, ScheduleResultDto current, ScheduleRequestInDto body)
    {
        if (Problem(problem, body) is not null)
        {
            return null;
        }

        var options = ShiftOption.Enumerate(problem);
        var day = body.Date.DayNumber - problem.Start.DayNumber;
        var shifts = current.Shifts.Select(s => Domain(problem, options, s)).ToList();
        var mine = shifts.Where(s => s.AgentId == body.AgentId && s.Day == day).ToList();
        var extra = new List<RuleViolation>();
        if (body.Kind == "trade" && mine.Count == 0)
        {
            return null; // nothing to trade that day
        }

        if (body.Kind == "time-off" || (body.Kind == "trade" && body.OtherAgentId is null))
        {
            // Time off; or a shift put up for trade that nobody has taken yet: what the day would lack without it.
            shifts.RemoveAll(mine.Contains);
        }
        else if (body.Kind == "trade")
        {
            shifts.RemoveAll(mine.Contains);
            foreach (var shift in mine)
            {
                shifts.Add(shift with { AgentId = body.OtherAgentId! });
                if (!problem.Agents.First(a => a.Id == body.OtherAgentId).Skills.ContainsKey(shift.Skill))
                {
                    extra.Add(new RuleViolation(body.OtherAgentId!, "skill", $"does not have skill '{shift.Skill}' that the traded shift works"));
                }
            }
        }
        else
        {
            var theirs = shifts.Where(s => s.AgentId == body.OtherAgentId && s.Day == day).ToList();
            if (mine.Count == 0 && theirs.Count == 0)
            {
                return null;
            }

            shifts.RemoveAll(s => mine.Contains(s) || theirs.Contains(s));
            foreach (var (shift, to) in mine.Select(s => (s, body.OtherAgentId!)).Concat(theirs.Select(s => (s, body.AgentId))))
            {
                shifts.Add(shift with { AgentId = to });
                if (!problem.Agents.First(a => a.Id == to).Skills.ContainsKey(shift.Skill))
                {
                    extra.Add(new RuleViolation(to, "skill", $"does not have skill '{shift.Skill}' that the swapped shift works"));
                }
            }
        }

        // The stored result is the schedule as it stands: compare against it instead of reviewing it again.
        var after = ShiftScheduler.Review(problem, shifts.OrderBy(s => s.StartSlot).ThenBy(s => s.AgentId, StringComparer.Ordinal).ToArray(), current.Quality.LowerBoundPaidHours, current.Quality.SolverStatus, current.Quality.DemandBoundPaidHours);
        var involved = new[] { body.AgentId, body.OtherAgentId }.Where(a => a is not null).ToHashSet();
        var newViolations = after.Violations.Where(v => involved.Contains(v.AgentId) && !current.Violations.Contains(v)).Concat(extra).ToArray();
        var shortBefore = current.Unmet.Select(u => (u.Skill, u.Start)).ToHashSet();
        var newlyShort = after.Unmet.Select(u => new ScheduleUnmetDto(u.Skill, after.SlotTime(u.Slot), u.Required, u.Working, u.Reason, u.Code, u.Available))
            .Where(u => !shortBefore.Contains((u.Skill, u.Start))).ToArray();
        return (new RequestCheckDto(newViolations, current.Unmet.Count, after.Unmet.Count, newlyShort), after);
    }

    internal static ScheduleRequestOutDto ToDto(StoredScheduleRequest r) => new(
        r.Id, r.Kind, r.AgentId, r.OtherAgentId, r.Date, r.Status, r.Note, r.CreatedAt, r.DecidedAt, JsonSerializer.Deserialize<RequestCheckDto>(r.CheckJson, Json)!);

    private static int Minutes(string hhmm) =>
        TimeOnly.TryParseExact(hhmm, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? (int)t.ToTimeSpan().TotalMinutes
            : throw new StaffingInputException("start", $"expected a time such as 09:30, got '{hhmm}'");

    /// <summary>A stored shift back on the problem's grid.</summary>
    private static ScheduledShift Domain(ScheduleProblem problem, IReadOnlyList<ShiftOption> options, ScheduleShiftDto s)
    {
        var day = s.Date.DayNumber - problem.Start.DayNumber;
        var option = options.First(o => o.Day == day && o.StartMinute == (int)s.Start.TimeOfDay.TotalMinutes && o.LengthMinutes == (int)(s.End - s.Start).TotalMinutes);
        int Slot(DateTime at) => (int)((at - problem.Start.ToDateTime(TimeOnly.MinValue)).TotalMinutes / problem.IntervalMinutes);
        return new ScheduledShift(s.AgentId, day, s.Skill, option, s.Breaks.Select(b => new PlacedBreak(b.Name, Slot(b.Start), Slot(b.End), b.Paid)).ToArray());
    }

    private static ScheduleResultDto ToDto(ScheduleResult r, ScheduleRequestDto? files, Wfm.Core.Staffing.Calibration.StaffingCalibration? calibration = null)
    {
        if (files is null)
        {
            return ToDto(r);
        }

        var expected = ExpectedServiceLevel.Of(new StringReader(files.RequirementsCsv ?? string.Empty), "requirements.csv", r, files.ServiceLevel, files.PatienceSeconds, calibration);
        return ToDto(r) with { ExpectedServiceLevel = expected?.PerSkill };
    }

    private static ScheduleResultDto ToDto(ScheduleResult r) => ScheduleResultDto.From(r);

    private static async Task<Ok<ScheduleDto[]>> List(ScheduleStore store) =>
        TypedResults.Ok((await store.ListAsync()).Select(s => ToDto(s, full: false)).ToArray());

    private static async Task<Results<Ok<ScheduleDto>, NotFound>> Get(long id, ScheduleStore store) =>
        await store.GetAsync(id) is { } s ? TypedResults.Ok(ToDto(s, full: true)) : TypedResults.NotFound();

    private static async Task<IResult> Csv(long id, ScheduleStore store) =>
        await Load(id, store) is { } r
            ? Results.File(Encoding.UTF8.GetBytes(r.Result.ScheduleCsv), "text/csv; charset=utf-8", $"schedule-{id}.csv")
            : Results.NotFound();

    /// <summary>The coverage chart in a language, of every skill or of one (a chart a person can read for a center with many queues).</summary>
    private static async Task<IResult> Chart(long id, string? lang, string? skill, ScheduleStore store)
    {
        if (await Load(id, store) is not { } r)
        {
            return Results.NotFound();
        }

        if (lang is null or "en" && string.IsNullOrEmpty(skill))
        {
            return Results.Text(r.Result.ChartSvg, "image/svg+xml");
        }

        var coverage = r.Result.Coverage.Where(c => string.IsNullOrEmpty(skill) || c.Skill == skill).ToList();
        if (coverage.Count == 0)
        {
            return Results.Problem(statusCode: 404, detail: $"skill '{skill}' is not in schedule {id}; it has {string.Join(", ", r.Result.Coverage.Select(c => c.Skill))}");
        }

        var start = r.Stored.Start.ToDateTime(TimeOnly.MinValue);
        var svg = ScheduleFiles.Chart(start, r.Stored.IntervalMinutes, coverage.Select(c => (c.Skill, c.Required, c.Scheduled)), I18nApi.ChartWords(lang));
        return Results.Text(svg, "image/svg+xml");
    }

    private static async Task<IResult> Calendar(long id, string agentId, ScheduleStore store)
    {
        if (await Load(id, store) is not { } r)
        {
            return Results.NotFound();
        }

        var mine = r.Result.Shifts.Where(s => s.AgentId == agentId).ToArray();
        if (mine.Length == 0)
        {
            return Results.NotFound($"agent '{agentId}' has no shifts in schedule {id}");
        }

        var events = mine.SelectMany(s => s.Breaks.Select(b => (b.Start, b.End, b.Name)).Prepend((s.Start, s.End, $"Shift ({s.Skill})")));
        return Results.File(Encoding.UTF8.GetBytes(ScheduleFiles.Calendar(agentId, events)), "text/calendar; charset=utf-8", $"{agentId}.ics");
    }

    /// <summary>Writes the schedule into the agents' planned days (the board's adherence measures against them).</summary>
    private static async Task<Results<Ok<PublishDto>, NotFound, ValidationProblem>> Publish(long id, ScheduleService schedules, HttpContext http)
    {
        try
        {
            return await schedules.PublishAsync(id, cancellationToken: http.RequestAborted) is { } done
                ? TypedResults.Ok(new PublishDto(done.ScheduleId, done.AgentDays, done.PublishedAt))
                : TypedResults.NotFound();
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<Results<NoContent, NotFound>> Delete(long id, ScheduleStore store) =>
        await store.DeleteAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<(StoredSchedule Stored, ScheduleResultDto Result)?> Load(long id, ScheduleStore store) =>
        await store.GetAsync(id) is { } s ? (s, JsonSerializer.Deserialize<ScheduleResultDto>(s.ResultJson, Json)!) : null;

    private static ScheduleDto ToDto(StoredSchedule s, bool full) => new(
        s.Id, s.Name, s.CreatedAt, s.Start, s.Days, s.IntervalMinutes, s.Shifts, s.PaidHours, s.Unmet, s.PublishedAt,
        full ? JsonSerializer.Deserialize<ScheduleResultDto>(s.ResultJson, Json) : null);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
