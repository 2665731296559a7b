using Microsoft.EntityFrameworkCore;
using Wfm.Data;
using Wfm.Data.Storage;

namespace Wfm.Server.Security;

/// <summary>
/// Makes the tables the security database lacks (a new one, or one from before a table was added) before anything
/// reads them — the keys that protect sign-in cookies are read as the host starts, so this runs first.
/// </summary>
public sealed class SecuritySchema(IDbContextFactory<SecurityDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await UnderSchemaLockAsync(db, () =>
        {
            ModelSchema.Apply(db, IsPostgres(db) ? ModelSchema.PostgresColumns : ModelSchema.SqliteColumns);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static bool IsPostgres(DbContext db) => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Runs <paramref name="work"/> while holding the database's schema lock on PostgreSQL (silos of a cluster starting
    /// together take turns); on SQLite (one process) it simply runs.
    /// </summary>
    public static async Task UnderSchemaLockAsync(DbContext db, Func<Task> work, CancellationToken cancellationToken)
    {
        if (!IsPostgres(db))
        {
            await work();
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({WfmDataExtensions.SchemaLock})", cancellationToken);
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({WfmDataExtensions.SchemaLock})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
