using Wfm.Core.Directory;
using Wfm.Planning.Intraday;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>GET /api/intraday: today per queue and interval — actual vs forecast vs plan, and the rest of the day re-forecast.</summary>
public static class IntradayApi
{
    public static RouteGroupBuilder MapIntradayApi(this RouteGroupBuilder api)
    {
        api.MapGet("/intraday", TodayAsync).WithTags("Intraday")
            .WithSummary("Today per queue and interval: day-ahead forecast, re-forecast from the actuals so far (with bands), actuals, agents required and scheduled; a supervisor sees their teams' queues")
            .RequireAccess(Access.Intraday);
        api.MapGet("/intraday/{queue}/chart.svg", ChartAsync).WithTags("Intraday")
            .WithSummary("A queue's day as an SVG chart: day-ahead forecast, actual, re-forecast with its band; agents required and scheduled")
            .RequireAccess(Access.Intraday);
        return api;
    }

    private static async Task<IResult> ChartAsync(
        string queue, string? lang, IntradayService intraday, AccessScope scope, IContactCenterDirectory directory, CancellationToken cancellationToken)
    {
        if (directory.FindQueue(queue) is null)
        {
            return Results.Problem(statusCode: 404, title: "Not found", detail: $"queue '{queue}' is not a queue of this center");
        }

        if (!scope.CanSeeQueue(queue))
        {
            return Results.Problem(statusCode: 403, title: "Forbidden", detail: $"queue '{queue}' is not served by your teams");
        }

        var view = await intraday.TodayAsync([queue], cancellationToken);
        return view.Queues is [var one]
            ? Results.Text(IntradayChart.Render(one, view.AsOf, I18nApi.ChartWords(lang)), "image/svg+xml")
            : Results.Problem(statusCode: 404, title: "Not found", detail: $"queue '{queue}' is not an active queue of this center");
    }

    private static async Task<IntradayView> TodayAsync(string? queue, IntradayService intraday, AccessScope scope, CancellationToken cancellationToken)
    {
        var view = await intraday.TodayAsync(queue is null ? null : [queue], cancellationToken);
        return view with { Queues = view.Queues.Where(q => scope.CanSeeQueue(q.QueueId)).ToList() };
    }
}
