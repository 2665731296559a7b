using Wfm.Server.Board;
using Wfm.Server.Inbox;
using Wfm.Server.Security;

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
        api.MapCenterSetupApi();
        api.MapI18nApi();
        api.MapStaffingApi();
        api.MapStaffingPlansApi();
        api.MapCapacityApi();
        api.MapForecastingApi();
        api.MapSchedulingApi();
        api.MapIntradayApi();
        api.MapIncidentsApi();
        api.MapMeApi();
        api.MapWellbeingApi();
        api.MapConversationsApi();
        api.MapCoachingApi();
        api.MapKpisApi();
        api.MapAdminApi();
        api.MapPrivacyApi();
        api.MapInboxApi();
        app.MapAccountApi();
        Page(app, "/board", "board.html", Access.Supervisors);
        Page(app, "/forecast", "forecast.html", Access.Planners);
        Page(app, "/schedule", "schedule.html", Access.Planners);
        Page(app, "/intraday", "intraday.html", Access.Intraday);
        Page(app, "/planner", "planner.html", Access.Planners);
        Page(app, "/capacity", "capacity.html", Access.Planners);
        Page(app, "/coaching", "coaching.html", Access.Trainers);
        Page(app, "/me", "me.html", [WfmRoles.Agent, WfmRoles.Admin]);
        Page(app, "/inbox", "inbox.html", [WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Agent]);
        Page(app, "/admin", "admin.html", Access.Admins);
        Page(app, "/center", "center.html", Access.Planners);
        app.MapHub<InboxHub>("/hubs/inbox").RequireAccess([WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Trainer, WfmRoles.Agent]);
        app.MapHub<BoardHub>("/hubs/board").RequireAccess([WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Agent], WfmScopes.BoardRead);
        return app;
    }

    private static void Page(WebApplication app, string route, string file, string[] roles) =>
        app.MapGet(route, (HttpContext context) => PageFiles.Page(context, file)).RequireAccess(roles).ExcludeFromDescription();
}
