using System.Text.Json;
using Wfm.Core.Adherence;
using Wfm.Core.Ports;
using Wfm.Core.Time;
using Wfm.Planning.Center;
using Wfm.Planning.Staffing;
using Wfm.Scheduling;

namespace Wfm.Planning.Scheduling;

/// <summary>
/// A schedule for the center's own agents: the requirement is per queue from <c>Start</c> (<c>Requirements</c>), or a
/// stored staffing plan's agents to schedule (<c>StaffingPlanId</c>, its period then); all active agents or those of
/// <c>TeamIds</c>; one rule set; a time limit the solver keeps.
/// </summary>
public sealed record CenterScheduleOrder(
    DateOnly Start, int Weeks, IReadOnlyList<SkillRequirement>? Requirements, string RuleSetId, IReadOnlyCollection<string>? TeamIds = null,
    double TimeLimitSeconds = 20, string? Name = null, long? StaffingPlanId = null);

/// <summary>What publishing did: agent-days whose plan was replaced.</summary>
public sealed record Publication(long ScheduleId, int AgentDays, DateTimeOffset PublishedAt);

/// <summary>
/// Schedules as the planner makes them: solved within a time limit (stopping early when the caller leaves), stored with
/// the problem they solved, published into the agents' planned days. The server, the CLI and the demo all come here.
/// </summary>
public sealed class ScheduleService(IScheduleStore store, CenterService center, StaffingPlanService plans, IShiftPlanWriter shifts) : IDisposable
{
    /// <summary>Most agents one schedule takes (a larger center schedules its teams separately).</summary>
    public const int MaxAgents = 5_000;

    /// <summary>Most agent-intervals (agents × intervals of the horizon) one schedule takes.</summary>
    public const long MaxAgentSlots = 5_000L * 7 * 96;

    /// <summary>Schedules solved at once; another request meanwhile is told to wait (each solve takes the cores it is given).</summary>
    public const int MaxConcurrentSolves = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _solves = new(MaxConcurrentSolves, MaxConcurrentSolves);

    public void Dispose() => _solves.Dispose();

    /// <summary>Builds the problem for the center's agents, solves it and stores the schedule.</summary>
    public async Task<StoredSchedule> CreateForCenterAsync(
        CenterScheduleOrder order, string requestJson, IReadOnlyDictionary<string, CenterSchedule.AgentLimits>? limits = null, CancellationToken cancellationToken = default)
    {
        var (start, weeks, requirements) = (order.Start, order.Weeks, order.Requirements ?? []);
        if (order.StaffingPlanId is { } planId)
        {
            var plan = await plans.GetAsync(planId, cancellationToken) ?? throw new PlanningException("staffingPlanId", $"there is no staffing plan {planId}");
            (start, weeks) = (plan.Result.Start, plan.Result.Days / 7);
            requirements = [.. plan.Result.Queues.Select(q => new SkillRequirement(q.QueueId, q.Scheduled.Select(a => (double)a).ToArray()))];
        }

        var problem = CenterSchedule.Problem(await center.GetAsync(cancellationToken), start, weeks, requirements, order.RuleSetId ?? "", order.TeamIds, limits);
        return await SolveAndStoreAsync(problem, order.Name, order.TimeLimitSeconds, requestJson, null, cancellationToken);
    }

    /// <summary>
    /// Solves within the time limit and stores the schedule with its problem; <paramref name="describe"/> turns the result
    /// into what is stored when the caller has more to say (e.g. the expected service level of a file's forecast).
    /// </summary>
    public async Task<StoredSchedule> SolveAndStoreAsync(
        ScheduleProblem problem, string? name, double timeLimitSeconds, string requestJson, Func<ScheduleResult, ScheduleResultDto>? describe = null,
        CancellationToken cancellationToken = default)
    {
        if (!(timeLimitSeconds is >= 1 and <= 600))
        {
            throw new PlanningException("timeLimitSeconds", $"must be 1 to 600 seconds, got {timeLimitSeconds}");
        }

        if (problem.Agents.Count > MaxAgents || (long)problem.Agents.Count * problem.Slots > MaxAgentSlots)
        {
            throw new PlanningException("agents", $"{problem.Agents.Count} agents over {problem.Days} days is more than one schedule takes " +
                $"(at most {MaxAgents} agents, {MaxAgentSlots / 96 / 7} agent-weeks of 15-minute intervals): schedule teams or weeks separately");
        }

        if (!await _solves.WaitAsync(0, cancellationToken))
        {
            throw new PlanningBusyException($"{MaxConcurrentSolves} schedules are being made already; try again when one is done");
        }

        ScheduleResult result;
        try
        {
            result = await Task.Run(() => ShiftScheduler.Solve(problem, new SchedulerOptions(timeLimitSeconds), cancellationToken: cancellationToken), CancellationToken.None);
        }
        catch (Core.Staffing.StaffingInputException ex)
        {
            throw new PlanningException(ex.Field, ex.Detail);
        }
        finally
        {
            _solves.Release();
        }

        cancellationToken.ThrowIfCancellationRequested(); // the caller left: nothing is stored

        var dto = (describe ?? ScheduleResultDto.From)(result);
        var title = string.IsNullOrWhiteSpace(name) ? $"{result.Problem.Start:yyyy-MM-dd}, {problem.Days / 7} week(s)" : name.Trim();
        var id = await store.SaveAsync(title, result.Problem.Start, result.Problem.Days, result.Problem.IntervalMinutes, result.Shifts.Count, result.Quality.ScheduledPaidHours,
            result.Unmet.Count, JsonSerializer.Serialize(dto, Json), requestJson, JsonSerializer.Serialize(problem, Json));
        return (await store.GetAsync(id))!;
    }

    public Task<StoredSchedule?> GetAsync(long id) => store.GetAsync(id);

    public Task<IReadOnlyList<StoredSchedule>> ListAsync() => store.ListAsync();

    public Task<bool> DeleteAsync(long id) => store.DeleteAsync(id);

    /// <summary>The stored result of a schedule.</summary>
    public static ScheduleResultDto Result(StoredSchedule stored) => JsonSerializer.Deserialize<ScheduleResultDto>(stored.ResultJson, Json)!;

    /// <summary>
    /// Replaces each scheduled agent's plan for every day of the horizon with the schedule's shift (work on the shift's queue
    /// around its breaks and lunch), so the board's adherence and the wellbeing factors measure against it and the intraday
    /// view counts each agent on the queue they were scheduled for; days off get an empty plan.
    /// Days before <paramref name="from"/> are left as they are (what was planned for a day gone stays what it was). Null when
    /// there is no such schedule.
    /// </summary>
    public async Task<Publication?> PublishAsync(long id, DateOnly? from = null, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(id) is not { } stored)
        {
            return null;
        }

        var result = Result(stored);
        var setup = await center.GetAsync(cancellationToken);
        var known = setup.Agents.Where(a => a.IsActive).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = result.Shifts.Select(s => s.AgentId).Distinct().Where(a => !known.Contains(a)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new PlanningException("agents", $"not active agents of the center, so they have no shifts to publish to: {string.Join(", ", unknown)}");
        }

        var clock = CenterClock.For(setup.Settings.TimeZone, setup.Settings.IntervalMinutes);
        var agentDays = 0;
        // Every agent of the schedule, those left without a shift too (their days become days off).
        var scheduled = result.Shifts.Select(s => s.AgentId);
        if (stored.ProblemJson is { } problemJson && JsonSerializer.Deserialize<ScheduleProblem>(problemJson, Json) is { } problem)
        {
            scheduled = scheduled.Concat(problem.Agents.Select(a => a.Id).Where(known.Contains));
        }

        foreach (var agent in scheduled.Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var d = 0; d < stored.Days; d++)
            {
                var day = stored.Start.AddDays(d);
                if (from is { } first && day < first)
                {
                    continue;
                }

                await shifts.SetPlanAsync(agent, day, PlanOf(result, agent, day, clock));
                agentDays++;
            }
        }

        await store.MarkPublishedAsync(id);
        return new Publication(id, agentDays, (await store.GetAsync(id))!.PublishedAt!.Value);
    }

    /// <summary>
    /// After a granted request changed a published schedule: the plans of the agents involved on that day are written
    /// again (a day off becomes an empty plan) and the schedule stays published.
    /// </summary>
    public async Task RepublishAsync(long id, IReadOnlyCollection<string> agents, DateOnly day, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(id) is not { PublishedAt: not null } stored)
        {
            return;
        }

        var result = Result(stored);
        var setup = await center.GetAsync(cancellationToken);
        var clock = CenterClock.For(setup.Settings.TimeZone, setup.Settings.IntervalMinutes);
        foreach (var agent in agents)
        {
            await shifts.SetPlanAsync(agent, day, PlanOf(result, agent, day, clock));
        }
    }

    /// <summary>An agent's day of a schedule as planned activities: work on the shift's queue around its breaks and lunch.</summary>
    private static List<PlannedActivity> PlanOf(ScheduleResultDto result, string agent, DateOnly day, CenterClock clock)
    {
        DateTimeOffset At(DateTime local) => clock.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        var activities = new List<PlannedActivity>();
        foreach (var shift in result.Shifts.Where(s => s.AgentId == agent && s.Date == day))
        {
            var cursor = shift.Start;
            foreach (var b in shift.Breaks.OrderBy(b => b.Start))
            {
                if (b.Start > cursor)
                {
                    activities.Add(new PlannedActivity(At(cursor), At(b.Start), ActivityKind.Work, shift.Skill));
                }

                activities.Add(new PlannedActivity(At(b.Start), At(b.End), b.Paid ? ActivityKind.Break : ActivityKind.Lunch));
                cursor = b.End;
            }

            if (shift.End > cursor)
            {
                activities.Add(new PlannedActivity(At(cursor), At(shift.End), ActivityKind.Work, shift.Skill));
            }
        }

        return activities;
    }
}
