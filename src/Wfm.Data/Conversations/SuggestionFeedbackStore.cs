using Wfm.Data.Storage;

namespace Wfm.Data.Conversations;

/// <summary>What agents did with suggested replies, per queue.</summary>
public sealed record SuggestionCounts(string QueueId, int Shown, int Accepted, int Edited, int Dismissed)
{
    /// <summary>Share of shown suggestions that were sent, as they were or edited.</summary>
    public double? AcceptanceRate => Shown == 0 ? null : (double)(Accepted + Edited) / Shown;
}

/// <summary>Suggested replies shown, accepted, edited or dismissed (one row each), for acceptance rates.</summary>
public sealed class SuggestionFeedbackStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema)
{
    public static readonly IReadOnlyList<string> Actions = ["shown", "accepted", "edited", "dismissed"];

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS SuggestionFeedback (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            AtTicks INTEGER NOT NULL,
            ConversationId TEXT NOT NULL,
            QueueId TEXT NOT NULL,
            AgentId TEXT NOT NULL,
            PairId INTEGER NOT NULL,
            Action TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_SuggestionFeedback_At ON SuggestionFeedback (AtTicks);
        """;

    public async Task AddAsync(DateTimeOffset at, string conversationId, string queueId, string agentId, IReadOnlyList<long> pairIds, string action)
    {
        if (!Actions.Contains(action))
        {
            throw new ArgumentException($"action: expected {string.Join(", ", Actions)}, got '{action}'");
        }

        await ReadyAsync();
        await Writer.WriteAsync(c =>
        {
            foreach (var pair in pairIds)
            {
                using var insert = c.CreateCommand();
                insert.CommandText = "INSERT INTO SuggestionFeedback (AtTicks, ConversationId, QueueId, AgentId, PairId, Action) VALUES ($t, $c, $q, $a, $p, $x)";
                insert.Parameters.AddWithValue("$t", at.UtcTicks);
                insert.Parameters.AddWithValue("$c", conversationId);
                insert.Parameters.AddWithValue("$q", queueId);
                insert.Parameters.AddWithValue("$a", agentId);
                insert.Parameters.AddWithValue("$p", pair);
                insert.Parameters.AddWithValue("$x", action);
                insert.ExecuteNonQuery();
            }

            return pairIds.Count;
        });
    }

    public async Task<IReadOnlyList<SuggestionCounts>> CountsAsync(DateTimeOffset since)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueueId, Action, COUNT(*) FROM SuggestionFeedback WHERE AtTicks >= $since GROUP BY QueueId, Action";
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var queue = reader.GetString(0);
            if (!counts.TryGetValue(queue, out var byAction))
            {
                counts[queue] = byAction = [];
            }

            byAction[reader.GetString(1)] = reader.GetInt32(2);
        }

        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new SuggestionCounts(c.Key, c.Value.GetValueOrDefault("shown"), c.Value.GetValueOrDefault("accepted"), c.Value.GetValueOrDefault("edited"), c.Value.GetValueOrDefault("dismissed")))
            .ToList();
    }
}
