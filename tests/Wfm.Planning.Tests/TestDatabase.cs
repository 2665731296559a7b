using Microsoft.Data.Sqlite;
using Npgsql;
using Wfm.Data;
using Wfm.Data.Storage;

namespace Wfm.Planning.Tests;

/// <summary>
/// A fresh database of either kind for one test, gone when disposed: a SQLite file, or a database of its own on the
/// PostgreSQL server named by <see cref="Variable"/> (`.ci/run` starts one with deploy/postgres-throwaway.sh). Without that
/// server the PostgreSQL cases are skipped, saying why.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>Connection string of a PostgreSQL server where the user may create databases.</summary>
    public const string Variable = "WFM_TEST_POSTGRES";

    private readonly string? _admin;
    private readonly string? _name;

    private TestDatabase(WfmStore store, SqliteDatabase? sqlite, string? admin, string? name) => (Store, Sqlite, _admin, _name) = (store, sqlite, admin, name);

    /// <summary>Both kinds, for a test that must hold on each.</summary>
    public static TheoryData<WfmStoreKind> Kinds => new(WfmStoreKind.Sqlite, WfmStoreKind.Postgres);

    public WfmStore Store { get; }

    /// <summary>The SQLite database (null on PostgreSQL), for the stores not yet in the EF model.</summary>
    public SqliteDatabase? Sqlite { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? Path => Sqlite?.Path;

    /// <param name="before">SQLite only: gets the file's path first (to leave an earlier version's file there).</param>
    public static TestDatabase Create(WfmStoreKind kind, Action<string>? before = null)
    {
        if (kind == WfmStoreKind.Sqlite)
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wfm-test-{Guid.NewGuid():N}.db");
            before?.Invoke(path);
            var sqlite = new SqliteDatabase(path);
            WfmDataExtensions.EnsureSchema(sqlite);
            return new TestDatabase(WfmStore.Sqlite(sqlite), sqlite, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip($"PostgreSQL store tests need {Variable} (a connection string; `deploy/postgres-throwaway.sh` starts a server and prints one, as .ci/run does)");
        }

        var name = $"wfm_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        var store = WfmStore.Postgres(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        WfmDataExtensions.EnsureSchema(store);
        return new TestDatabase(store, null, admin, name);
    }

    public void Dispose()
    {
        if (Path is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            {
                File.Delete(file);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
