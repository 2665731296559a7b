using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Core.Wellbeing;
using Wfm.Data;
using Wfm.Data.Storage;
using Wfm.Grains;
using Wfm.Planning.Capacity;
using Wfm.Planning.Center;
using Wfm.Planning.Forecasting;
using Wfm.Planning.Intraday;
using Wfm.Planning.Scheduling;
using Wfm.Planning.Staffing;
using Wfm.Server.Board;
using Wfm.Server.Demo;
using Wfm.Server.Inbox;
using Wfm.Server.Security;
using Wfm.Server.Wellbeing;

namespace Wfm.Server.Hosting;

/// <summary>Everything the server registers: options, the co-hosted silo, storage, board, demo and web stack.</summary>
public static class WfmHostingExtensions
{
    public static WebApplicationBuilder AddWfmServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WfmServerOptions>().BindConfiguration(WfmServerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(WfmServerOptions.Section).Get<WfmServerOptions>() ?? new WfmServerOptions();

        var postgres = options.Store == WfmStoreKind.Postgres;
        if (postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("Wfm:Store is Postgres: give Wfm:ConnectionString (--connection \"Host=…;Port=5432;Username=…;Password=…;Database=…\")");
            }

            builder.Services.AddWfmPostgres(options.ConnectionString, options.TimeZone, options.IntervalMinutes);
        }
        else
        {
            builder.Services.AddWfmSqlite(options.DataPath, options.TimeZone, options.IntervalMinutes);
        }

        builder.Services.AddWfmGrainServices();
        builder.UseOrleans(silo =>
        {
            if (postgres)
            {
                // A cluster: silos find each other in the database's membership table (ClusterMembershipTable).
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, "wfm"));
                silo.ConfigureEndpoints(IPAddress.Parse(options.SiloAddress), options.SiloPort, options.GatewayPort);
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    // A silo that stops answering is declared dead after two missed probes of two seconds (about
                    // five seconds with the votes), so the board is live again within seconds of a lost silo.
                    o.ProbeTimeout = TimeSpan.FromSeconds(2);
                    o.NumMissedProbesLimit = 2;
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                });

                // A call to a silo that died waits at most this long (Orleans' default is 30 s): an event batch holds
                // the cluster's ingestion turn while it applies, so a call that hangs holds up every silo's batches.
                silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, clusterId: options.ClusterId);
            }

            // One silo: the directory cache only saves a local lookup, and its default (a million entries, made up
            // front) costs ~20 MB; room for the agents, queues and open conversations of a large center is enough.
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = options.DirectoryCacheSize);
            silo.AddDashboard();
        });

        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Body and parameter binding failures become exceptions the handler above turns into field-named problem details.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new OffsetRequiredConverter());
        });
        builder.Services.AddSingleton(new EventBounds(options.LateEvents));
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Order matters: hosted services start in registration order, after the silo registered above.
        builder.Services.AddSingleton<SupervisorRequests>();
        builder.Services.AddSingleton<ContactRecordReader>();
        builder.Services.AddSingleton<BoardCache>();
        builder.Services.AddSingleton<BoardAudience>();
        builder.Services.Configure<WellbeingOptions>(builder.Configuration.GetSection("Wfm:Wellbeing"));
        builder.Services.AddSingleton<WellbeingService>();
        builder.Services.AddHostedService<WellbeingMonitor>();
        builder.Services.AddSingleton<CenterService>();
        builder.Services.AddSingleton<StaffingPlanService>();
        builder.Services.AddSingleton<CapacityService>();
        builder.Services.AddSingleton<HistoryService>();
        builder.Services.AddSingleton<ForecastService>();
        builder.Services.AddSingleton<IShiftPlanWriter, GrainShiftPlanWriter>();
        builder.Services.AddSingleton<ScheduleService>();
        builder.Services.AddSingleton<IIntradayFeed, GrainIntradayFeed>();
        builder.Services.AddSingleton<IntradayService>();
        builder.Services.AddSingleton<CenterCalibrationService>();
        builder.Services.AddSingleton<DayFixService>();
        builder.Services.Configure<IntradayAlertOptions>(builder.Configuration.GetSection(IntradayAlertOptions.Section));
        builder.Services.AddSingleton<IntradayAlertMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IntradayAlertMonitor>());
        builder.Services.AddSingleton<IBurnoutWatch, WellbeingBurnoutWatch>();
        builder.Services.AddSingleton<DemoPlanner>();
        builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddSingleton<BoardBridge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BoardBridge>());
        builder.Services.AddHostedService<DemoTrafficService>();
        builder.Services.Configure<SuggestionOptions>(builder.Configuration.GetSection(SuggestionOptions.Section));
        builder.Services.AddSingleton<ReplySuggestionService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReplySuggestionService>());
        builder.Services.AddSingleton<InboxBridge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboxBridge>());
        builder.Services.AddSingleton<ConversationAnalysisService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConversationAnalysisService>());
        builder.AddWfmSecurity(options.DataPath, postgres ? options.ConnectionString : null);
        return builder;
    }

    public static WebApplication UseWfmPipeline(this WebApplication app)
    {
        // Adherence judges time from here on: pin the moment the server began observing now, not at the first grain's activation.
        app.Services.GetRequiredService<ObservationStart>();
        app.UseExceptionHandler();
        app.UseWfmSecurityHeaders();
        app.UseStatusCodePages();

        // Scripts, styles and images only: every page is an endpoint with its roles (see WfmApi).
        app.UseStaticFiles();
        app.UseRouting();
        app.UseWfmAuthentication();
        app.MapOpenApi().RequireAccess(Access.Everyone, [.. WfmScopes.All]);
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAccess(Access.Admins);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Wfm");
            var wfm = app.Services.GetRequiredService<IOptions<WfmServerOptions>>().Value;
            foreach (var url in app.Urls)
            {
                logger.LogInformation("Wfm: {Url}/ (sign in)  board: {Url}/board  API: {Url}/openapi/v1.json  Orleans dashboard: {Url}/dashboard  data: {Path}",
                    url, url, url, url, Path.GetFullPath(wfm.DataPath));
            }
        });
        return app;
    }
}
