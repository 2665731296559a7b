using System.Text.Json;
using Wfm.Data.Storage;

namespace Wfm.Data.Coaching;

/// <summary>An action item agreed in a coaching session, with its due date and whether it was done.</summary>
public sealed record ActionItem(string Text, DateOnly Due, bool Done = false);

/// <summary>A coaching session: agent, trainer, date, focus, the conversations it used as evidence, notes, action items and the follow-up.</summary>
public sealed record StoredSession(
    long Id, string AgentId, string Trainer, DateOnly Date, string Focus, IReadOnlyList<string> ConversationIds, string? Notes,
    IReadOnlyList<ActionItem> ActionItems, string? FollowUp, DateTimeOffset CreatedAt);

/// <summary>The log of coaching sessions.</summary>
public sealed class SessionStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS CoachingSessions (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            AgentId TEXT NOT NULL,
            Trainer TEXT NOT NULL,
            Day INTEGER NOT NULL,
            Focus TEXT NOT NULL,
            ConversationsJson TEXT NOT NULL,
            Notes TEXT NULL,
            ActionItemsJson TEXT NOT NULL,
            FollowUp TEXT NULL,
            CreatedTicks INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_CoachingSessions_Agent ON CoachingSessions (AgentId);
        """;

    public async Task<long> AddAsync(string agentId, string trainer, DateOnly date, string focus, IReadOnlyList<string> conversationIds, string? notes, IReadOnlyList<ActionItem> items)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO CoachingSessions (AgentId, Trainer, Day, Focus, ConversationsJson, Notes, ActionItemsJson, CreatedTicks)
                VALUES ($a, $t, $d, $f, $c, $n, $i, $now); SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$a", agentId);
            command.Parameters.AddWithValue("$t", trainer);
            command.Parameters.AddWithValue("$d", date.DayNumber);
            command.Parameters.AddWithValue("$f", focus);
            command.Parameters.AddWithValue("$c", JsonSerializer.Serialize(conversationIds, Json));
            command.Parameters.AddWithValue("$n", (object?)notes ?? DBNull.Value);
            command.Parameters.AddWithValue("$i", JsonSerializer.Serialize(items, Json));
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.UtcTicks);
            return (long)command.ExecuteScalar()!;
        });
    }

    /// <summary>Records the follow-up outcome and which action items were done; false for an unknown session.</summary>
    public async Task<bool> FollowUpAsync(long id, string outcome, IReadOnlyList<ActionItem> items)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE CoachingSessions SET FollowUp = $o, ActionItemsJson = $i WHERE Id = $id";
            command.Parameters.AddWithValue("$o", outcome);
            command.Parameters.AddWithValue("$i", JsonSerializer.Serialize(items, Json));
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        });
    }

    /// <summary>Sessions newest first, of one agent or all.</summary>
    public async Task<IReadOnlyList<StoredSession>> ListAsync(string? agentId = null, long? id = null)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, AgentId, Trainer, Day, Focus, ConversationsJson, Notes, ActionItemsJson, FollowUp, CreatedTicks FROM CoachingSessions"
            + Where(command, ("AgentId = $a", "$a", agentId), ("Id = $id", "$id", id)) + " ORDER BY Day DESC, Id DESC";
        var result = new List<StoredSession>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredSession(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), DateOnly.FromDayNumber((int)reader.GetInt64(3)), reader.GetString(4),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(5), Json)!, reader.IsDBNull(6) ? null : reader.GetString(6),
                JsonSerializer.Deserialize<List<ActionItem>>(reader.GetString(7), Json)!, reader.IsDBNull(8) ? null : reader.GetString(8),
                new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero)));
        }

        return result;
    }
}
