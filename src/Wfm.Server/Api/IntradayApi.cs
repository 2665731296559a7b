using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Intraday;
using Wfm.Core.Ports;
using Wfm.Planning;
using Wfm.Planning.Intraday;
using Wfm.Server.Hosting;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>A suggestion to fix the day, with the agent's name and the queues it helps.</summary>
public sealed record DayFixDto(
    string Id, DayFixKind Kind, string AgentId, string AgentName, ActivityKind Activity, DateTimeOffset From, DateTimeOffset To, DateTimeOffset NewFrom, DateTimeOffset NewTo,
    int Gain, int PaidMinutes, IReadOnlyList<string> QueueIds, IReadOnlyList<PlannedActivityDto> NewDay, string? ToQueue);

/// <summary>One stretch of a planned day.</summary>
public sealed record PlannedActivityDto(DateTimeOffset Start, DateTimeOffset End, ActivityKind Kind, string? QueueId);

/// <summary>Offer suggestion <c>SuggestionId</c> (overtime or time off) to up to <c>Needed</c> agents.</summary>
public sealed record OfferRequestDto(string SuggestionId, int Needed = 1);

/// <summary>An open offer as an agent sees it: the offer and what taking it does to their day.</summary>
public sealed record AgentOfferDto(IntradayOffer Offer, DayFixDto Change);

/// <summary>
/// /api/intraday: today per queue and interval — actual vs forecast vs plan, the rest of the day re-forecast — and the
/// suggestions that fix it, accepted for an agent or offered to agents; /api/me/offers: an agent's open offers.
/// </summary>
public static class IntradayApi
{
    public static RouteGroupBuilder MapIntradayApi(this RouteGroupBuilder api)
    {
        api.MapGet("/intraday", DayAsync).WithTags("Intraday")
            .WithSummary("Today (or an earlier day: date=yyyy-MM-dd, up to 62 days back) per queue and interval: day-ahead forecast, re-forecast from the actuals so far (with bands), actuals, agents required and scheduled; a supervisor sees their teams' queues")
            .RequireAccess(Access.Intraday);
        api.MapGet("/intraday/{queue}/service.svg", (string queue, string? lang, DateOnly? date, IntradayService intraday, AccessScope scope, IContactCenterDirectory directory, CancellationToken ct) =>
                ChartAsync(queue, lang, date, intraday, scope, directory, ct, service: true)).WithTags("Intraday")
            .WithSummary("A queue's service level as an SVG chart: the target, what happened so far, and what the simulation expects for the rest of the day with its band")
            .RequireAccess(Access.Intraday);
        api.MapGet("/intraday/{queue}/chart.svg", (string queue, string? lang, DateOnly? date, IntradayService intraday, AccessScope scope, IContactCenterDirectory directory, CancellationToken ct) =>
                ChartAsync(queue, lang, date, intraday, scope, directory, ct)).WithTags("Intraday")
            .WithSummary("A queue's day as an SVG chart: day-ahead forecast, actual, re-forecast with its band; agents required and scheduled")
            .RequireAccess(Access.Intraday);
        api.MapGet("/intraday/alerts", (AccessScope scope, IntradayAlertMonitor monitor) =>
                TypedResults.Ok(monitor.Alerts.Where(a => scope.CanSeeQueue(a.QueueId)).ToArray())).WithTags("Intraday")
            .WithSummary("Queues calling for attention at the last minute's look: volume off the forecast, or a service level expected below the queue's threshold (Wfm:Intraday:Alerts)")
            .RequireAccess(Access.Intraday, WfmScopes.BoardRead);
        api.MapGet("/intraday/suggestions", SuggestionsAsync).WithTags("Intraday")
            .WithSummary("Changes that fix the rest of today, best first: breaks and offline work moved out of short intervals, overtime over them, time off where over-staffed — each within the agent's contract and rules")
            .RequireAccess(Access.Intraday);
        api.MapPost("/intraday/suggestions/{id}/accept", AcceptAsync).WithTags("Intraday")
            .WithSummary("Applies a suggestion as it stands now: the agent's planned day is rewritten (adherence follows)")
            .RequireAccess(Access.Intraday).Audited("intraday.accept");
        api.MapPost("/intraday/offers", OfferAsync).WithTags("Intraday")
            .WithSummary("Offers an overtime or time-off suggestion to the agents of its queue, first come first served up to the number needed")
            .RequireAccess(Access.Intraday).Audited("intraday.offer");
        api.MapGet("/intraday/offers", OffersAsync).WithTags("Intraday").WithSummary("Today's offers and who took or declined them").RequireAccess(Access.Intraday);
        api.MapGet("/me/offers", MyOffersAsync).WithTags("Intraday")
            .WithSummary("The open offers of today that fit the signed-in agent's day and contract, with what taking each does").RequireAccess(Access.Everyone);
        api.MapPost("/me/offers/{id:long}/accept", (long id, ClaimsPrincipal user, AccessScopes scopes, DayFixService fixes, IContactCenterDirectory directory, CancellationToken ct) =>
                AnswerAsync(id, true, user, scopes, fixes, directory, ct))
            .WithTags("Intraday").WithSummary("Takes an offer: the agent's day changes at once").RequireAccess(Access.Everyone).Audited("intraday.offer.accept");
        api.MapPost("/me/offers/{id:long}/decline", (long id, ClaimsPrincipal user, AccessScopes scopes, DayFixService fixes, IContactCenterDirectory directory, CancellationToken ct) =>
                AnswerAsync(id, false, user, scopes, fixes, directory, ct))
            .WithTags("Intraday").WithSummary("Declines an offer").RequireAccess(Access.Everyone).Audited("intraday.offer.decline");
        return api;
    }

    private static IReadOnlyCollection<string>? Queues(AccessScope scope, IContactCenterDirectory directory) =>
        scope.All ? null : [.. directory.Queues.Select(q => q.Id).Where(scope.CanSeeQueue)];

    private static DayFixDto ToDto(DayFix f, IContactCenterDirectory directory) => new(
        f.Id, f.Kind, f.AgentId, directory.FindAgent(f.AgentId)?.Name ?? f.AgentId, f.Activity, f.From, f.To, f.NewFrom, f.NewTo, f.Gain, f.PaidMinutes, f.QueueIds,
        [.. f.NewDay.Select(a => new PlannedActivityDto(a.Start, a.End, a.Kind, a.QueueId))], f.ToQueue);

    private static async Task<DayFixDto[]> SuggestionsAsync(AccessScope scope, IContactCenterDirectory directory, DayFixService fixes, CancellationToken cancellationToken) =>
        [.. (await fixes.SuggestAsync(Queues(scope, directory), cancellationToken)).Fixes.Select(f => ToDto(f, directory))];

    private static async Task<Results<Ok<DayFixDto>, ValidationProblem>> AcceptAsync(
        string id, AccessScope scope, IContactCenterDirectory directory, DayFixService fixes, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(ToDto(await fixes.AcceptAsync(id, Queues(scope, directory), cancellationToken), directory));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<Results<Created<IntradayOffer>, ValidationProblem>> OfferAsync(
        OfferRequestDto body, ClaimsPrincipal user, AccessScope scope, IContactCenterDirectory directory, DayFixService fixes, CancellationToken cancellationToken)
    {
        try
        {
            var offer = await fixes.OfferAsync(body.SuggestionId, body.Needed, user.Identity?.Name ?? "api", Queues(scope, directory), cancellationToken);
            return TypedResults.Created($"/api/intraday/offers/{offer.Id}", offer);
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<IntradayOffer[]> OffersAsync(AccessScope scope, DayFixService fixes, CancellationToken cancellationToken) =>
        [.. (await fixes.OffersAsync(cancellationToken)).Where(o => scope.CanSeeQueue(o.QueueId))];

    private static async Task<Results<Ok<AgentOfferDto[]>, ProblemHttpResult>> MyOffersAsync(
        ClaimsPrincipal user, AccessScopes scopes, DayFixService fixes, IContactCenterDirectory directory, CancellationToken cancellationToken)
    {
        if (scopes.For(user).AgentId is not { } agentId)
        {
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "offers are made to agents; this sign-in is not linked to an agent");
        }

        return TypedResults.Ok((await fixes.OffersForAsync(agentId, cancellationToken)).Select(o => new AgentOfferDto(o.Offer, ToDto(o.Change, directory))).ToArray());
    }

    private static async Task<IResult> AnswerAsync(
        long id, bool accept, ClaimsPrincipal user, AccessScopes scopes, DayFixService fixes, IContactCenterDirectory directory, CancellationToken cancellationToken)
    {
        if (scopes.For(user).AgentId is not { } agentId)
        {
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "offers are made to agents; this sign-in is not linked to an agent");
        }

        try
        {
            var change = await fixes.AnswerAsync(id, agentId, accept, cancellationToken);
            return change is null ? TypedResults.NoContent() : TypedResults.Ok(ToDto(change, directory));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static async Task<IResult> ChartAsync(
        string queue, string? lang, DateOnly? date, IntradayService intraday, AccessScope scope, IContactCenterDirectory directory, CancellationToken cancellationToken,
        bool service = false)
    {
        if (directory.FindQueue(queue) is null)
        {
            return Results.Problem(statusCode: 404, title: "Not found", detail: $"queue '{queue}' is not a queue of this center");
        }

        if (!scope.CanSeeQueue(queue))
        {
            return Results.Problem(statusCode: 403, title: "Forbidden", detail: $"queue '{queue}' is not served by your teams");
        }

        IntradayView view;
        try
        {
            view = await intraday.DayAsync(date, [queue], cancellationToken);
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }

        return view.Queues is [var one]
            ? Results.Text(service ? IntradayChart.RenderService(one, view.AsOf, I18nApi.ChartWords(lang)) : IntradayChart.Render(one, view.AsOf, I18nApi.ChartWords(lang)), "image/svg+xml")
            : Results.Problem(statusCode: 404, title: "Not found", detail: $"queue '{queue}' is not an active queue of this center");
    }

    private static async Task<Results<Ok<IntradayView>, ValidationProblem>> DayAsync(
        string? queue, DateOnly? date, IntradayService intraday, AccessScope scope, CancellationToken cancellationToken)
    {
        try
        {
            var view = await intraday.DayAsync(date, queue is null ? null : [queue], cancellationToken);
            return TypedResults.Ok(view with { Queues = view.Queues.Where(q => scope.CanSeeQueue(q.QueueId)).ToList() });
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }
}
