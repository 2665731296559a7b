using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Wfm.Core.Conversations;
using Wfm.Core.Ports;

namespace Wfm.Data.Storage;

/// <summary>Abuse incidents in the embedded SQLite file, one row each (the incident as JSON beside the columns lists filter on).</summary>
public sealed class SqliteIncidentStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema), IIncidentStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS Incidents (
            Id TEXT PRIMARY KEY,
            AtTicks INTEGER NOT NULL,
            Closed INTEGER NOT NULL,
            Json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_Incidents_At ON Incidents (AtTicks);
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<bool> AddAsync(AbuseIncident incident, CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        var json = JsonSerializer.Serialize(incident, Json);
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO Incidents (Id, AtTicks, Closed, Json) VALUES ($id, $at, $closed, $json)";
            Bind(command, incident, json);
            return command.ExecuteNonQuery() == 1;
        });
    }

    public async Task UpdateAsync(AbuseIncident incident, CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        var json = JsonSerializer.Serialize(incident, Json);
        await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE Incidents SET AtTicks = $at, Closed = $closed, Json = $json WHERE Id = $id";
            Bind(command, incident, json);
            return command.ExecuteNonQuery();
        });
    }

    public async Task<AbuseIncident?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        return Read("SELECT Json FROM Incidents WHERE Id = $id", c => c.Parameters.AddWithValue("$id", id)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<AbuseIncident>> ListAsync(bool openOnly, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        return Read("SELECT Json FROM Incidents", c =>
        {
            var where = Where(c, ("Closed = $open", "$open", openOnly ? 0 : null), ("AtTicks >= $since", "$since", since?.UtcTicks));
            c.CommandText += where + " ORDER BY AtTicks DESC, Id LIMIT $limit";
            c.Parameters.AddWithValue("$limit", Math.Max(1, limit));
        });
    }

    public async Task<IReadOnlyList<(string AgentId, DateTimeOffset At)>> AgentTimesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();

        // The agent straight from the stored JSON: no incident (evidence, message text) is built for a count.
        command.CommandText = """
            SELECT json_extract(Json, '$.agentId'), AtTicks FROM Incidents
            WHERE AtTicks >= $since AND json_extract(Json, '$.agentId') IS NOT NULL
            ORDER BY AtTicks, Id
            """;
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        var result = new List<(string, DateTimeOffset)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
        }

        return result;
    }

    private static void Bind(SqliteCommand command, AbuseIncident incident, string json)
    {
        command.Parameters.AddWithValue("$id", incident.Id);
        command.Parameters.AddWithValue("$at", incident.At.UtcTicks);
        command.Parameters.AddWithValue("$closed", incident.Status == IncidentStatus.Closed ? 1 : 0);
        command.Parameters.AddWithValue("$json", json);
    }

    private List<AbuseIncident> Read(string sql, Action<SqliteCommand> bind)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var result = new List<AbuseIncident>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(JsonSerializer.Deserialize<AbuseIncident>(reader.GetString(0), Json)!);
        }

        return result;
    }
}
