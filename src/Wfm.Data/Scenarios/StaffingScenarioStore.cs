using Microsoft.Data.Sqlite;
using Wfm.Data.Storage;

namespace Wfm.Data.Scenarios;

/// <summary>A saved staffing scenario: its request and computed result as JSON, with a name and time, and the stored forecast it was computed from (if any).</summary>
public sealed record StoredScenario(long Id, string Name, string Queue, DateTimeOffset CreatedAt, string RequestJson, string ResultJson, long? ForecastId = null);

/// <summary>
/// Staffing scenarios in the embedded SQLite store. The table is created on first use (an existing
/// database from an earlier version gains it without losing anything); writes go through the single writer.
/// </summary>
public sealed class StaffingScenarioStore(SqliteDatabase database, SqliteWriter writer)
    : SqliteStore(database, writer, Schema, ("StaffingScenarios", "ForecastId", "INTEGER NULL"))
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS StaffingScenarios (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            Name TEXT NOT NULL,
            Queue TEXT NOT NULL,
            CreatedTicks INTEGER NOT NULL,
            RequestJson TEXT NOT NULL,
            ResultJson TEXT NOT NULL,
            ForecastId INTEGER NULL)
        """;

    private const string Columns = "Id, Name, Queue, CreatedTicks, RequestJson, ResultJson, ForecastId";

    public async Task<long> SaveAsync(string name, string queue, string requestJson, string resultJson, long? forecastId = null)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "INSERT INTO StaffingScenarios (Name, Queue, CreatedTicks, RequestJson, ResultJson, ForecastId) VALUES ($n, $q, $t, $req, $res, $f); SELECT last_insert_rowid();";
            command.Parameters.AddWithValue("$n", name);
            command.Parameters.AddWithValue("$q", queue);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("$req", requestJson);
            command.Parameters.AddWithValue("$res", resultJson);
            command.Parameters.AddWithValue("$f", (object?)forecastId ?? DBNull.Value);
            return (long)command.ExecuteScalar()!;
        });
    }

    /// <summary>Saved scenarios, newest first; with <paramref name="forecastId"/> only those computed from that forecast.</summary>
    public async Task<IReadOnlyList<StoredScenario>> ListAsync(bool withJson = false, long? forecastId = null)
    {
        await ReadyAsync();
        return Query(
            $"SELECT Id, Name, Queue, CreatedTicks, {(withJson ? "RequestJson, ResultJson" : "'', ''")}, ForecastId FROM StaffingScenarios",
            " ORDER BY Id DESC",
            ("ForecastId = $f", "$f", forecastId));
    }

    public async Task<StoredScenario?> GetAsync(long id)
    {
        await ReadyAsync();
        return Query($"SELECT {Columns} FROM StaffingScenarios", string.Empty, ("Id = $id", "$id", id)).SingleOrDefault();
    }

    public Task<bool> DeleteAsync(long id) => DeleteRowAsync("StaffingScenarios", id);

    private List<StoredScenario> Query(string select, string order, params (string Condition, string Parameter, object? Value)[] filters)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = select + Where(command, filters) + order;

        var result = new List<StoredScenario>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredScenario(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6)));
        }

        return result;
    }
}
