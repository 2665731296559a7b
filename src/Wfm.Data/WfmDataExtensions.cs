using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
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
        services.AddGrainStorage(GrainStorageName, (sp, _) => new SqliteGrainStorage(database, sp.GetRequiredService<SqliteWriter>()));
        return services.AddWfmStores(() => EnsureSchema(database), defaultTimeZone, defaultInterval);
    }

    /// <summary>
    /// Registers the PostgreSQL store: the same EF model and stores, the journal and grain state in PostgreSQL's own
    /// way, the cluster's ingestion turn and Orleans' membership table in the same database.
    /// </summary>
    public static IServiceCollection AddWfmPostgres(this IServiceCollection services, string connectionString, string defaultTimeZone, int defaultInterval)
    {
        var store = WfmStore.Postgres(connectionString);

        // One pool of connections for the silo (journal, grain state, the EF stores): at most 24 unless the connection
        // string says otherwise, so three silos stay within PostgreSQL's default of 100 connections. Connections go
        // back to the pool as they are: nothing leaves session state behind, and resetting each cost a round trip.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (!HasPoolSize(connectionString))
        {
            pooled.MaxPoolSize = DefaultMaxPoolSize;
        }

        services.AddSingleton(_ => NpgsqlDataSource.Create(pooled.ConnectionString));
        services.AddDbContextFactory<WfmDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<IEventJournal, PostgresEventJournal>();
        services.AddSingleton<PostgresIngestionGate>();
        services.AddSingleton<IIngestionGate>(sp => sp.GetRequiredService<PostgresIngestionGate>());
        services.AddSingleton<IMembershipTable, ClusterMembershipTable>();
        services.AddSingleton(sp => new PostgresWriter(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<PostgresWriter>()));
        services.AddSingleton(sp => new PostgresStateReader(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<PostgresStateReader>()));
        services.AddGrainStorage(GrainStorageName, (sp, _) => new PostgresGrainStorage(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresStateReader>(), sp.GetRequiredService<PostgresWriter>(), sp.GetRequiredService<TimeProvider>()));
        return services.AddWfmStores(() => EnsureSchema(store), defaultTimeZone, defaultInterval);
    }

    /// <summary>The stores of the EF model, the same on every provider; the schema is made before the directory is first read.</summary>
    private static IServiceCollection AddWfmStores(this IServiceCollection services, Action ensureSchema, string defaultTimeZone, int defaultInterval)
    {
        services.AddSingleton<IIncidentStore, Conversations.IncidentStore>();
        services.AddSingleton<IPlanArchive, PlanArchive>();
        services.AddSingleton<Center.EfCenterStore>();
        services.AddSingleton<ICenterStore>(sp => sp.GetRequiredService<Center.EfCenterStore>());
        services.AddSingleton<IStaffingPlanStore, Scenarios.EfStaffingPlanStore>();
        services.AddSingleton<ICapacityPlanStore, Scenarios.EfCapacityPlanStore>();
        services.AddSingleton<IStaffingCalibrationStore, Scenarios.EfStaffingCalibrationStore>();
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
            ensureSchema();

            var center = sp.GetRequiredService<Center.EfCenterStore>().LoadAsync(DefaultSettings(defaultTimeZone, defaultInterval)).GetAwaiter().GetResult();
            return InMemoryDirectory.Of(center);
        });
        services.AddSingleton<IContactCenterDirectory>(sp => sp.GetRequiredService<InMemoryDirectory>());
        return services;
    }

    /// <summary>What a center that has stored no settings yet is: the server's configured time zone and interval.</summary>
    public static CenterSettings DefaultSettings(string timeZone, int intervalMinutes) => new("Contact center", timeZone, intervalMinutes);

    /// <summary>Creates the tables, columns and journal indexes a PostgreSQL database lacks (several silos may do this at once).</summary>
    public static void EnsureSchema(WfmStore store)
    {
        using var connection = new NpgsqlConnection(store.ConnectionString);
        connection.Open();

        // Silos starting together would race to create the same tables: one at a time, the others then find them made.
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaLock})", connection))
        {
            take.ExecuteNonQuery();
        }

        try
        {
            store.EnsureSchema();
            using var indexes = new NpgsqlCommand(PostgresEventJournal.IndexesSql, connection);
            indexes.ExecuteNonQuery();
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchemaLock})", connection);
            release.ExecuteNonQuery();
        }
    }

    /// <summary>A silo's connections to PostgreSQL when its connection string does not say (Max Pool Size).</summary>
    public const int DefaultMaxPoolSize = 24;

    /// <summary>Whether the connection string sets the pool's size itself ("Maximum Pool Size", or "Max Pool Size").</summary>
    public static bool HasPoolSize(string connectionString) =>
        connectionString.Split(';').Select(part => part.Split('=')[0].Replace(" ", "", StringComparison.Ordinal))
            .Any(key => key.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase) || key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase));

    /// <summary>The advisory lock under which a PostgreSQL schema is made.</summary>
    public const long SchemaLock = 0x57464D_534348; // "WFM" "SCH"

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
