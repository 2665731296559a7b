using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Data.Schedules;
using Wfm.Planning.Scheduling;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>One day of an agent's coming weeks: the published plan (empty: a day off), and the published schedule it comes from.</summary>
public sealed record MyDayDto(DateOnly Date, IReadOnlyList<PlannedActivity> Activities, long? ScheduleId);

/// <summary>A colleague an agent may ask to swap a day with.</summary>
public sealed record ColleagueDto(string Id, string Name);

/// <summary>The agent's coming weeks, their requests with the planner's decisions, and the colleagues of their team.</summary>
public sealed record MyWeeksDto(string AgentId, string Name, IReadOnlyList<MyDayDto> Days, IReadOnlyList<ScheduleRequestOutDto> Requests, IReadOnlyList<ColleagueDto> Colleagues);

/// <summary>What an agent asks for from their page: time off on a day, a swap of that day with a colleague, or their shift put up for trade.</summary>
public sealed record MyRequestDto(string Kind, DateOnly Date, string? OtherAgentId = null, string? Note = null);

/// <summary>A contact the agent handled recently (what "report abuse" offers).</summary>
public sealed record MyContactDto(string ContactId, string QueueId, DateTimeOffset AnsweredAt, bool Current);

/// <summary>
/// /api/me/*: an agent's own coming weeks (published shifts, breaks and lunch, days off), requests made from their page
/// against the published schedule that covers the day, and their recent contacts. Staff who may see the agent pass agentId.
/// </summary>
public static class MeApi
{
    /// <summary>How far back "recent contacts" go for reporting abuse.</summary>
    public static readonly TimeSpan RecentContacts = TimeSpan.FromHours(24);

    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/weeks", Weeks).WithSummary("The agent's published plan for the coming days (default 14), their requests and their team's colleagues")
            .RequireAccess([WfmRoles.Agent, WfmRoles.Admin, WfmRoles.Supervisor]);
        me.MapPost("/requests", Request).WithSummary("Time off, or a swap with a colleague, on a day of the published schedule; checked and left for a planner")
            .RequireAccess([WfmRoles.Agent]).Audited("me.request");
        me.MapGet("/trades", Trades).WithSummary("Shifts colleagues of the agent's team put up for trade in the coming weeks, with whether the agent offered to take each")
            .RequireAccess([WfmRoles.Agent]);
        me.MapPost("/trades/{requestId:long}/take", Take).WithSummary("Offer to take a colleague's traded shift: granted at once when it breaks no rule, otherwise left for the planner")
            .RequireAccess([WfmRoles.Agent]).Audited("me.trade");
        me.MapGet("/contacts", Contacts).WithSummary("The agent's contacts of the last 24 hours, newest first (the one in hand marked current)")
            .RequireAccess([WfmRoles.Agent]);
        return api;
    }

    private static async Task<Results<Ok<MyWeeksDto>, NotFound, ValidationProblem>> Weeks(
        string? agentId, int? days, AccessScope scope, IContactCenterDirectory directory, IPlanArchive plans, ScheduleStore store, ScheduleRequestStore requests,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var id = agentId ?? scope.AgentId;
        if (id is null)
        {
            return Invalid("agentId", "your user is not linked to an agent; pick one (agentId=) or ask an admin to link you");
        }

        if (!scope.CanSeeAgent(id) || directory.FindAgent(id) is not { } agent)
        {
            return TypedResults.NotFound();
        }

        var count = days ?? 14;
        if (count is < 1 or > 62)
        {
            return Invalid("days", $"1 to 62 days expected, got {count}");
        }

        var today = directory.Clock.LocalDate(time.GetUtcNow());
        var last = today.AddDays(count - 1);
        var planned = await plans.ReadAsync(today, last, id, cancellationToken);
        var schedules = await PublishedForAsync(store, id, today, last);
        var list = new List<MyDayDto>();
        for (var day = today; day <= last; day = day.AddDays(1))
        {
            var covering = schedules.FirstOrDefault(s => s.Start <= day && day < s.Start.AddDays(s.Days));
            list.Add(new MyDayDto(day, planned.GetValueOrDefault((id, day)) ?? [], covering?.Id));
        }

        var mine = new List<ScheduleRequestOutDto>();
        foreach (var schedule in schedules)
        {
            mine.AddRange((await requests.ListAsync(schedule.Id)).Where(r => r.AgentId == id || r.OtherAgentId == id).Select(SchedulingApi.ToDto));
        }

        var colleagues = directory.Agents.Where(a => a.TeamId == agent.TeamId && a.Id != id)
            .OrderBy(a => a.Name, StringComparer.CurrentCulture).Select(a => new ColleagueDto(a.Id, a.Name)).ToList();
        return TypedResults.Ok(new MyWeeksDto(id, agent.Name, list, [.. mine.OrderByDescending(r => r.CreatedAt)], colleagues));
    }

    private static async Task<Results<Created<ScheduleRequestOutDto>, NotFound, ValidationProblem>> Request(
        MyRequestDto body, AccessScope scope, IContactCenterDirectory directory, ScheduleStore store, ScheduleRequestStore requests, TimeProvider time)
    {
        if (scope.AgentId is not { } id)
        {
            return Invalid("agentId", "your user is not linked to an agent; an admin sets it");
        }

        if (body.Date < directory.Clock.LocalDate(time.GetUtcNow()))
        {
            return Invalid("date", $"{body.Date:yyyy-MM-dd} has passed; requests are for today or later");
        }

        var covering = (await PublishedForAsync(store, id, body.Date, body.Date)).FirstOrDefault();
        if (covering is null)
        {
            return Invalid("date", $"no published schedule of yours covers {body.Date:yyyy-MM-dd} yet; ask your planner");
        }

        return await SchedulingApi.AddRequestAsync(covering.Id, new ScheduleRequestInDto(body.Kind, id, body.Date, body.OtherAgentId, body.Note), store, requests);
    }

    /// <summary>A shift a colleague put up for trade: whose, which day and shift, and where the agent stands on it.</summary>
    public sealed record TradeDto(long RequestId, long ScheduleId, string AgentId, string AgentName, DateOnly Date, IReadOnlyList<PlannedActivity> Shift, string? Note, int Offers, bool Offered);

    /// <summary>What offering to take a trade did: granted at once, or left for the planner with what the check found.</summary>
    public sealed record TakeDto(string Status, ScheduleRequestOutDto Request, RequestCheckDto? Check);

    private static async Task<Results<Ok<IReadOnlyList<TradeDto>>, ValidationProblem>> Trades(
        AccessScope scope, IContactCenterDirectory directory, IPlanArchive plans, ScheduleStore store, ScheduleRequestStore requests, ShiftTradeBidStore bids,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (scope.AgentId is not { } id || directory.FindAgent(id) is not { } me)
        {
            return Invalid("agentId", "your user is not linked to an agent; an admin sets it");
        }

        var today = directory.Clock.LocalDate(time.GetUtcNow());
        var open = await OpenTradesAsync(id, me.TeamId, today, directory, store, requests);
        var offers = await bids.ListAsync([.. open.Select(o => o.Request.Id)], cancellationToken);
        var result = new List<TradeDto>();
        foreach (var (scheduleId, r) in open)
        {
            var shift = (await plans.ReadAsync(r.Date, r.Date, r.AgentId, cancellationToken)).GetValueOrDefault((r.AgentId, r.Date)) ?? [];
            result.Add(new TradeDto(r.Id, scheduleId, r.AgentId, directory.FindAgent(r.AgentId)?.Name ?? r.AgentId, r.Date, shift, r.Note,
                offers.Count(o => o.RequestId == r.Id), offers.Any(o => o.RequestId == r.Id && o.AgentId == id)));
        }

        return TypedResults.Ok<IReadOnlyList<TradeDto>>([.. result.OrderBy(t => t.Date)]);
    }

    private static async Task<Results<Ok<TakeDto>, NotFound, ValidationProblem>> Take(
        long requestId, AccessScope scope, IContactCenterDirectory directory, ScheduleStore store, ScheduleRequestStore requests, ShiftTradeBidStore bids,
        ScheduleService schedules, TimeProvider time, CancellationToken cancellationToken)
    {
        if (scope.AgentId is not { } id || directory.FindAgent(id) is not { } me)
        {
            return Invalid("agentId", "your user is not linked to an agent; an admin sets it");
        }

        var today = directory.Clock.LocalDate(time.GetUtcNow());
        if ((await OpenTradesAsync(id, me.TeamId, today, directory, store, requests)).FirstOrDefault(o => o.Request.Id == requestId) is not { Request: not null } trade)
        {
            return TypedResults.NotFound();
        }

        var check = await SchedulingApi.TradeCheckAsync(trade.ScheduleId, trade.Request, id, store);
        if (check is null)
        {
            return Invalid("requestId", "the schedule no longer has this shift to trade");
        }

        await bids.AddAsync(requestId, id, cancellationToken);
        if (check.Violations.Count == 0)
        {
            // Nothing broken for anyone: the trade is granted at once, to this colleague.
            var approved = await SchedulingApi.ApproveAsync(trade.ScheduleId, requestId, false, id, store, requests, bids, schedules, cancellationToken);
            if (approved.Result is Ok<ScheduleRequestOutDto> ok)
            {
                return TypedResults.Ok(new TakeDto("approved", ok.Value!, check));
            }
        }

        var waiting = (await requests.ListAsync(trade.ScheduleId)).Single(r => r.Id == requestId);
        return TypedResults.Ok(new TakeDto("pending", SchedulingApi.ToDto(waiting), check));
    }

    /// <summary>Pending trades from today on, in published schedules that hold the agent, put up by colleagues of their team.</summary>
    private static async Task<List<(long ScheduleId, StoredScheduleRequest Request)>> OpenTradesAsync(
        string agentId, string teamId, DateOnly today, IContactCenterDirectory directory, ScheduleStore store, ScheduleRequestStore requests)
    {
        var open = new List<(long, StoredScheduleRequest)>();
        foreach (var schedule in await PublishedForAsync(store, agentId, today, today.AddDays(62)))
        {
            foreach (var r in await requests.ListAsync(schedule.Id))
            {
                if (r is { Kind: "trade", Status: "pending" } && r.Date >= today && r.AgentId != agentId && directory.FindAgent(r.AgentId)?.TeamId == teamId)
                {
                    open.Add((schedule.Id, r));
                }
            }
        }

        return open;
    }

    private static async Task<Results<Ok<IReadOnlyList<MyContactDto>>, ValidationProblem>> Contacts(
        AccessScope scope, IEventJournal journal, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (scope.AgentId is not { } id)
        {
            return Invalid("agentId", "your user is not linked to an agent; an admin sets it");
        }

        return TypedResults.Ok(await RecentContactsAsync(id, journal, grains, time, cancellationToken));
    }

    /// <summary>The agent's contacts answered in the last 24 hours, newest first; the one in hand is marked.</summary>
    internal static async Task<IReadOnlyList<MyContactDto>> RecentContactsAsync(string agentId, IEventJournal journal, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var events = await journal.ReadForAgentSinceAsync(agentId, time.GetUtcNow() - RecentContacts, cancellationToken);
        var current = (await grains.GetGrain<Wfm.Grains.Abstractions.IAgentGrain>(agentId).GetSnapshotAsync()).ContactId;
        return events.Select(s => s.Event)
            .Where(e => e.Type == EventType.ContactAnswered && e.ContactId is not null && e.QueueId is not null)
            .GroupBy(e => e.ContactId!).Select(g => g.MaxBy(e => e.At)!)
            .OrderByDescending(e => e.At)
            .Take(50)
            .Select(e => new MyContactDto(e.ContactId!, e.QueueId!, e.At, e.ContactId == current))
            .ToList();
    }

    /// <summary>Published schedules that hold the agent and overlap the days, newest first.</summary>
    private static async Task<List<StoredSchedule>> PublishedForAsync(ScheduleStore store, string agentId, DateOnly from, DateOnly to)
    {
        var found = new List<StoredSchedule>();
        foreach (var listed in (await store.ListAsync()).Where(s => s.PublishedAt is not null && s.Start <= to && from < s.Start.AddDays(s.Days)))
        {
            if (await store.GetAsync(listed.Id) is { } full && SchedulingApi.Problem(full).Problem.Agents.Any(a => a.Id == agentId))
            {
                found.Add(full);
            }
        }

        return [.. found.OrderByDescending(s => s.PublishedAt)];
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request was refused; nothing was stored");
}
