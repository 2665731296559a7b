using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Wfm.Data;
using Wfm.Data.Storage;

namespace Wfm.Server.Tests;

/// <summary>A fresh SQLite file with the server's schema and a writer, deleted (with its WAL) when disposed.</summary>
public sealed class TempSqlite : IAsyncDisposable
{
    private TempSqlite(string path, SqliteDatabase database, SqliteWriter writer) => (Path, Database, Writer) = (path, database, writer);

    public string Path { get; }

    public SqliteDatabase Database { get; }

    public SqliteWriter Writer { get; }

    public static TempSqlite Create(string name) => CreateAsync(name).GetAwaiter().GetResult();

    /// <summary>As <see cref="Create"/>; <paramref name="before"/> gets the file's path first (to leave an earlier version's file there).</summary>
    public static async Task<TempSqlite> CreateAsync(string name, Func<string, Task>? before = null)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wfm-{name}-{Guid.NewGuid():N}.db");
        if (before is not null)
        {
            await before(path);
        }

        var database = new SqliteDatabase(path);
        WfmDataExtensions.EnsureSchema(database);
        return new TempSqlite(path, database, new SqliteWriter(database, NullLogger<SqliteWriter>.Instance));
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
