using Wfm.Data.Storage;

namespace Wfm.Data.Schedules;

/// <summary>An agent's request against a schedule (time off, or a shift swap with a colleague) and the planner's decision.</summary>
public sealed record StoredScheduleRequest(
    long Id, long ScheduleId, string Kind, string AgentId, string? OtherAgentId, DateOnly Date, string Status, string? Note,
    DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string CheckJson);

/// <summary>
/// Time-off, swap and shift-trade requests per schedule: pending until a planner approves or rejects them (a trade a
/// colleague takes without breaking a rule is approved at once).
/// </summary>
public sealed class ScheduleRequestStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ScheduleRequests (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            ScheduleId INTEGER NOT NULL,
            Kind TEXT NOT NULL,
            AgentId TEXT NOT NULL,
            OtherAgentId TEXT NULL,
            Day INTEGER NOT NULL,
            Status TEXT NOT NULL,
            Note TEXT NULL,
            CreatedTicks INTEGER NOT NULL,
            DecidedTicks INTEGER NULL,
            CheckJson TEXT NOT NULL)
        """;

    public async Task<long> AddAsync(long scheduleId, string kind, string agentId, string? otherAgentId, DateOnly date, string? note, string checkJson)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO ScheduleRequests (ScheduleId, Kind, AgentId, OtherAgentId, Day, Status, Note, CreatedTicks, CheckJson)
                VALUES ($s, $k, $a, $o, $d, 'pending', $n, $t, $c); SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$s", scheduleId);
            command.Parameters.AddWithValue("$k", kind);
            command.Parameters.AddWithValue("$a", agentId);
            command.Parameters.AddWithValue("$o", (object?)otherAgentId ?? DBNull.Value);
            command.Parameters.AddWithValue("$d", date.DayNumber);
            command.Parameters.AddWithValue("$n", (object?)note ?? DBNull.Value);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("$c", checkJson);
            return (long)command.ExecuteScalar()!;
        });
    }

    /// <summary>Records the decision on a pending request; false when it is not pending (already decided) or unknown.</summary>
    /// <param name="otherAgentId">For a shift trade: the colleague who takes the shift (kept with the decision).</param>
    public async Task<bool> DecideAsync(long id, string status, string checkJson, string? otherAgentId = null)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE ScheduleRequests SET Status = $st, DecidedTicks = $t, CheckJson = $c, OtherAgentId = COALESCE($o, OtherAgentId) WHERE Id = $id AND Status = 'pending'";
            command.Parameters.AddWithValue("$o", (object?)otherAgentId ?? DBNull.Value);
            command.Parameters.AddWithValue("$st", status);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("$c", checkJson);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        });
    }

    public async Task<IReadOnlyList<StoredScheduleRequest>> ListAsync(long scheduleId)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, ScheduleId, Kind, AgentId, OtherAgentId, Day, Status, Note, CreatedTicks, DecidedTicks, CheckJson FROM ScheduleRequests WHERE ScheduleId = $s ORDER BY Id";
        command.Parameters.AddWithValue("$s", scheduleId);
        var result = new List<StoredScheduleRequest>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredScheduleRequest(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                DateOnly.FromDayNumber((int)reader.GetInt64(5)), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero), reader.IsDBNull(9) ? null : new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero), reader.GetString(10)));
        }

        return result;
    }
}
