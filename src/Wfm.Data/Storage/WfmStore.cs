using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Wfm.Data.Storage;

/// <summary>The database kinds the server's tables can live in.</summary>
public enum WfmStoreKind
{
    /// <summary>The embedded default: one SQLite file.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (several servers of a cluster share it).</summary>
    Postgres,
}

/// <summary>
/// Where the EF model's tables live: one model for both providers. The schema is made or brought up to date by the
/// provider's own migrations SQL (<see cref="ModelSchema"/>), so a database made by an earlier version gains what it lacks.
/// </summary>
public sealed record WfmStore(WfmStoreKind Kind, string ConnectionString)
{
    public static WfmStore Sqlite(SqliteDatabase database) => new(WfmStoreKind.Sqlite, database.ConnectionString);

    /// <summary>A PostgreSQL database by its connection string (Host, Port, Username, Password, Database).</summary>
    public static WfmStore Postgres(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"the PostgreSQL connection string cannot be read: {ex.Message} (expected for example Host=db;Port=5432;Username=wfm;Password=…;Database=wfm)", nameof(connectionString), ex);
        }

        return new(WfmStoreKind.Postgres, connectionString);
    }

    /// <summary>Sets the provider on <paramref name="builder"/>.</summary>
    public DbContextOptionsBuilder<WfmDbContext> Configure(DbContextOptionsBuilder<WfmDbContext> builder) =>
        Kind == WfmStoreKind.Postgres ? builder.UseNpgsql(ConnectionString) : builder.UseSqlite(ConnectionString);

    public DbContextOptions<WfmDbContext> Options() => Configure(new DbContextOptionsBuilder<WfmDbContext>()).Options;

    /// <summary>Creates the tables and columns the database lacks.</summary>
    public void EnsureSchema()
    {
        using var db = new WfmDbContext(Options());
        ModelSchema.Apply(db, Kind == WfmStoreKind.Postgres ? ModelSchema.PostgresColumns : ModelSchema.SqliteColumns);
    }
}
