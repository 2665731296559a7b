using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Data.Storage;

namespace Wfm.Data;

/// <summary>Registers the embedded SQLite store: schema, journal, directory and the "wfm" grain storage.</summary>
public static class WfmDataExtensions
{
    public const string GrainStorageName = "wfm";

    public static IServiceCollection AddWfmSqlite(this IServiceCollection services, string path, string defaultTimeZone, int defaultInterval)
    {
        var database = new SqliteDatabase(path);
        services.AddSingleton(database);
        services.AddDbContextFactory<WfmDbContext>(o => o.UseSqlite(database.ConnectionString));
        services.AddSingleton<SqliteWriter>();
        services.AddSingleton<IEventJournal, SqliteEventJournal>();
        services.AddSingleton<IIncidentStore, Conversations.IncidentStore>();
        services.AddSingleton<IPlanArchive, PlanArchive>();
        services.AddSingleton<Center.EfCenterStore>();
        services.AddSingleton<ICenterStore>(sp => sp.GetRequiredService<Center.EfCenterStore>());
        services.AddSingleton<IStaffingPlanStore, Scenarios.EfStaffingPlanStore>();
        services.AddSingleton<ICapacityPlanStore, Scenarios.EfCapacityPlanStore>();
        services.AddSingleton<IIntradayOfferStore, Scenarios.EfIntradayOfferStore>();
        services.AddSingleton<IAnalyzedConversationStore, Coaching.EfAnalyzedConversationStore>();
        services.AddSingleton<Schedules.ShiftTradeBidStore>();
        services.AddSingleton<Scenarios.StaffingScenarioStore>();
        services.AddSingleton<History.HistoryStore>();
        services.AddSingleton<IHistoryStore>(sp => sp.GetRequiredService<History.HistoryStore>());
        services.AddSingleton<Forecasts.ForecastStore>();
        services.AddSingleton<IForecastStore>(sp => sp.GetRequiredService<Forecasts.ForecastStore>());
        services.AddSingleton<Schedules.ScheduleStore>();
        services.AddSingleton<IScheduleStore>(sp => sp.GetRequiredService<Schedules.ScheduleStore>());
        services.AddSingleton<Schedules.ScheduleRequestStore>();
        services.AddSingleton<Coaching.ReviewStore>();
        services.AddSingleton<Coaching.WowStore>();
        services.AddSingleton<Coaching.SessionStore>();
        services.AddSingleton<Coaching.SurveyStore>();
        services.AddSingleton<Privacy.PersonalDataStore>();
        services.AddSingleton<IReplyLibrary, Conversations.ReplyLibrary>();
        services.AddSingleton<Conversations.SuggestionFeedbackStore>();
        services.AddSingleton(sp =>
        {
            // The schema must exist before anything reads the directory or a grain activates.
            EnsureSchema(database);

            var center = sp.GetRequiredService<Center.EfCenterStore>().LoadAsync(DefaultSettings(defaultTimeZone, defaultInterval)).GetAwaiter().GetResult();
            return InMemoryDirectory.Of(center);
        });
        services.AddSingleton<IContactCenterDirectory>(sp => sp.GetRequiredService<InMemoryDirectory>());
        services.AddGrainStorage(GrainStorageName, (sp, _) => new SqliteGrainStorage(database, sp.GetRequiredService<SqliteWriter>()));
        return services;
    }

    /// <summary>What a center that has stored no settings yet is: the server's configured time zone and interval.</summary>
    public static CenterSettings DefaultSettings(string timeZone, int intervalMinutes) => new("Contact center", timeZone, intervalMinutes);

    /// <summary>Creates the tables and columns a database lacks (a new one, or one made by an earlier version) and brings an older journal up to date.</summary>
    public static void EnsureSchema(SqliteDatabase database)
    {
        WfmStore.Sqlite(database).EnsureSchema();
        using var db = new WfmDbContext(WfmStore.Sqlite(database).Options());
        UpgradeJournal(db);
    }

    /// <summary>
    /// The journal's agent and queue indexes are made (a journal from before they were by sequence block has its old
    /// ones replaced); columns added to the journal later (customer ids, minutes) come from the model like any other.
    /// </summary>
    private static void UpgradeJournal(WfmDbContext db)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        connection.Open();
        try
        {
            using var indexes = connection.CreateCommand();
            indexes.CommandText = Storage.SqliteEventJournal.IndexesSql;
            indexes.ExecuteNonQuery();
        }
        finally
        {
            connection.Close();
        }
    }
}
