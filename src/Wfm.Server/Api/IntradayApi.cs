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
        return api;
    }

    private static async Task<IntradayView> TodayAsync(string? queue, IntradayService intraday, AccessScope scope, CancellationToken cancellationToken)
    {
        var view = await intraday.TodayAsync(queue is null ? null : [queue], cancellationToken);
        return view with { Queues = view.Queues.Where(q => scope.CanSeeQueue(q.QueueId)).ToList() };
    }
}
