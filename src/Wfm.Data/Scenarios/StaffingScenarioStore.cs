using Microsoft.Data.Sqlite;
using Wfm.Data.Storage;

namespace Wfm.Data.Scenarios;

/// <summary>A saved staffing scenario: its request and computed result as JSON, with a name and time.</summary>
public sealed record StoredScenario(long Id, string Name, string Queue, DateTimeOffset CreatedAt, string RequestJson, string ResultJson);

/// <summary>
/// Staffing scenarios in the embedded SQLite store. The table is created on first use (an existing
/// database from an earlier version gains it without losing anything); writes go through the single writer.
/// </summary>
public sealed class StaffingScenarioStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS StaffingScenarios (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            Name TEXT NOT NULL,
            Queue TEXT NOT NULL,
            CreatedTicks INTEGER NOT NULL,
            RequestJson TEXT NOT NULL,
            ResultJson TEXT NOT NULL)
        """;

    public async Task<long> SaveAsync(string name, string queue, string requestJson, string resultJson)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "INSERT INTO StaffingScenarios (Name, Queue, CreatedTicks, RequestJson, ResultJson) VALUES ($n, $q, $t, $req, $res); SELECT last_insert_rowid();";
            command.Parameters.AddWithValue("$n", name);
            command.Parameters.AddWithValue("$q", queue);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("$req", requestJson);
            command.Parameters.AddWithValue("$res", resultJson);
            return (long)command.ExecuteScalar()!;
        });
    }

    public async Task<IReadOnlyList<StoredScenario>> ListAsync(bool withJson = false)
    {
        await ReadyAsync();
        return Query($"SELECT Id, Name, Queue, CreatedTicks, {(withJson ? "RequestJson, ResultJson" : "'', ''")} FROM StaffingScenarios ORDER BY Id DESC", null);
    }

    public async Task<StoredScenario?> GetAsync(long id)
    {
        await ReadyAsync();
        return Query("SELECT Id, Name, Queue, CreatedTicks, RequestJson, ResultJson FROM StaffingScenarios WHERE Id = $id", id).SingleOrDefault();
    }

    public Task<bool> DeleteAsync(long id) => DeleteRowAsync("StaffingScenarios", id);

    private List<StoredScenario> Query(string sql, long? id)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is { } value)
        {
            command.Parameters.AddWithValue("$id", value);
        }

        var result = new List<StoredScenario>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredScenario(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), reader.GetString(4), reader.GetString(5)));
        }

        return result;
    }
}
