namespace Wfm.Server.Api;

/// <summary>Maps every API group under /api and the pages' friendly routes.</summary>
public static class WfmApi
{
    public static WebApplication MapWfmApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapEventsApi();
        api.MapSystemApi();
        api.MapCenterApi();
        api.MapI18nApi();
        api.MapStaffingApi();
        api.MapForecastingApi();
        api.MapSchedulingApi();
        api.MapIncidentsApi();
        api.MapWellbeingApi();
        api.MapConversationsApi();
        api.MapCoachingApi();
        api.MapKpisApi();
        app.MapGet("/board", () => Results.File("board.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/forecast", () => Results.File("forecast.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/schedule", () => Results.File("schedule.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/coaching", () => Results.File("coaching.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/planner", () => Results.File("planner.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}
