using System.Text.Json;
using Microsoft.Data.Sqlite;
using Wfm.Data.Storage;

namespace Wfm.Data.Privacy;

/// <summary>One agent's rows in the tables that hold what was said or decided about them.</summary>
public sealed record AgentRows(
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Reviews,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Sessions,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> WowMoments,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> ScheduleRequests,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Answers);

/// <summary>
/// Reads and erases one agent's personal rows in one place. Erasure runs as one write transaction: the agent's
/// name becomes "(erased)" (the id stays, so interval and queue statistics still add up), and their reviews,
/// coaching sessions, wow moments, schedule requests, answers in the reply library and suggestion feedback are deleted. The event journal keeps only ids, states
/// and times, never words, so it stays as it is.
/// </summary>
public sealed class PersonalDataStore(SqliteDatabase database, SqliteWriter writer)
{
    public const string ErasedName = "(erased)";

    private static readonly (string Table, string Column)[] AgentTables =
    [
        ("Reviews", "AgentId"),
        ("CoachingSessions", "AgentId"),
        ("WowMoments", "AgentId"),
        ("ScheduleRequests", "AgentId"),
        ("ReplyLibrary", "AgentId"),
        ("SuggestionFeedback", "AgentId"),
    ];

    public Task<AgentRows> ReadAgentAsync(string agentId)
    {
        using var connection = database.Open();
        var rows = new AgentRows(
            Rows(connection, "Reviews", "AgentId", agentId),
            Rows(connection, "CoachingSessions", "AgentId", agentId),
            Rows(connection, "WowMoments", "AgentId", agentId),
            Rows(connection, "ScheduleRequests", "AgentId", agentId),
            Rows(connection, "ReplyLibrary", "AgentId", agentId));
        return Task.FromResult(rows);
    }

    /// <summary>Erases the agent's personal rows; returns how many rows of each kind went.</summary>
    public Task<IReadOnlyDictionary<string, int>> EraseAgentAsync(string agentId) =>
        writer.WriteAsync(c =>
        {
            var removed = new Dictionary<string, int>();
            var existing = Tables(c);
            foreach (var (table, column) in AgentTables)
            {
                // A store makes its table on first use: none yet means nothing of the agent's is there.
                if (!existing.Contains(table))
                {
                    removed[table] = 0;
                    continue;
                }

                using var delete = c.CreateCommand();
                delete.CommandText = $"DELETE FROM {table} WHERE {column} = $id";
                delete.Parameters.AddWithValue("$id", agentId);
                removed[table] = delete.ExecuteNonQuery();
            }

            // A swap request names the other agent too: that agent's requests lose the name, not the row.
            if (existing.Contains("ScheduleRequests"))
            {
                using var other = c.CreateCommand();
                other.CommandText = "UPDATE ScheduleRequests SET OtherAgentId = NULL WHERE OtherAgentId = $id";
                other.Parameters.AddWithValue("$id", agentId);
                other.ExecuteNonQuery();
            }

            using var rename = c.CreateCommand();
            rename.CommandText = "UPDATE Agents SET Name = $name WHERE Id = $id";
            rename.Parameters.AddWithValue("$name", ErasedName);
            rename.Parameters.AddWithValue("$id", agentId);
            removed["AgentName"] = rename.ExecuteNonQuery();
            return (IReadOnlyDictionary<string, int>)removed;
        });

    /// <summary>The journal's events that name the customer (ids, types, times, queues, contacts — the journal keeps no words).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> CustomerEvents(string customerId)
    {
        using var connection = database.Open();
        return Rows(connection, "Events", "CustomerId", customerId);
    }

    /// <summary>
    /// Replaces the customer's id in the journal by one new random pseudonym: the link to the person goes, while
    /// their contacts still count as one customer's (repeat contacts, first-contact resolution stay as they were).
    /// </summary>
    public Task<int> PseudonymizeCustomerAsync(string customerId) => writer.WriteAsync(c =>
    {
        using var update = c.CreateCommand();
        update.CommandText = "UPDATE Events SET CustomerId = $pseudonym WHERE CustomerId = $id";
        update.Parameters.AddWithValue("$pseudonym", "erased-" + Guid.NewGuid().ToString("N"));
        update.Parameters.AddWithValue("$id", customerId);
        return update.ExecuteNonQuery();
    });

    /// <summary>Ids of the stored conversations of a customer (grain states that name the customer).</summary>
    public async Task<IReadOnlyList<string>> ConversationsOfCustomerAsync(string customerId)
    {
        await Task.Yield();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainKey FROM GrainStates WHERE GrainType = 'conversation' AND instr(Json, $needle) > 0";
        command.Parameters.AddWithValue("$needle", "\"customerId\":" + JsonSerializer.Serialize(customerId));
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.GetString(0);
            ids.Add(key[(key.IndexOf('/') + 1)..]);
        }

        return ids;
    }

    private static HashSet<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static List<IReadOnlyDictionary<string, object?>> Rows(SqliteConnection connection, string table, string column, string value)
    {
        if (!Tables(connection).Contains(table))
        {
            return [];
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE {column} = $v ORDER BY rowid";
        command.Parameters.AddWithValue("$v", value);
        using var reader = command.ExecuteReader();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
