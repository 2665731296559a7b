using Wfm.Data.Storage;

namespace Wfm.Data.Coaching;

/// <summary>A wow moment: found in a conversation, then confirmed (into the library, with tags) or dismissed by a trainer.</summary>
public sealed record StoredWow(
    long Id, string AgentId, string ConversationId, string Kind, string Text, string Status, IReadOnlyList<string> Tags, string? Note,
    DateTimeOffset CreatedAt, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>Wow-moment candidates and the library of confirmed ones, searchable by text, tag and agent.</summary>
public sealed class WowStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS WowMoments (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            AgentId TEXT NOT NULL,
            ConversationId TEXT NOT NULL,
            Kind TEXT NOT NULL,
            Text TEXT NOT NULL,
            Status TEXT NOT NULL,
            Tags TEXT NOT NULL,
            Note TEXT NULL,
            CreatedTicks INTEGER NOT NULL,
            DecidedBy TEXT NULL,
            DecidedTicks INTEGER NULL,
            UNIQUE (ConversationId, Kind, Text));
        """;

    /// <summary>Adds candidates; one already known (same conversation, kind and text) is left as it is. Returns the ids, new or known.</summary>
    public async Task<IReadOnlyList<long>> AddCandidatesAsync(string agentId, string conversationId, IEnumerable<(string Kind, string Text)> candidates)
    {
        await ReadyAsync();
        var list = candidates.ToList();
        return await Writer.WriteAsync<IReadOnlyList<long>>(c =>
        {
            var ids = new List<long>();
            foreach (var (kind, text) in list)
            {
                using var insert = c.CreateCommand();
                insert.CommandText = """
                    INSERT OR IGNORE INTO WowMoments (AgentId, ConversationId, Kind, Text, Status, Tags, CreatedTicks) VALUES ($a, $c, $k, $t, 'candidate', '', $now);
                    SELECT Id FROM WowMoments WHERE ConversationId = $c AND Kind = $k AND Text = $t;
                    """;
                insert.Parameters.AddWithValue("$a", agentId);
                insert.Parameters.AddWithValue("$c", conversationId);
                insert.Parameters.AddWithValue("$k", kind);
                insert.Parameters.AddWithValue("$t", text);
                insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.UtcTicks);
                ids.Add((long)insert.ExecuteScalar()!);
            }

            return ids;
        });
    }

    /// <summary>Confirms (with tags) or dismisses a candidate; false when it is unknown or already decided.</summary>
    public async Task<bool> DecideAsync(long id, bool confirm, string by, IReadOnlyList<string> tags, string? note)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE WowMoments SET Status = $s, Tags = $tags, Note = $n, DecidedBy = $by, DecidedTicks = $t WHERE Id = $id AND Status = 'candidate'";
            command.Parameters.AddWithValue("$s", confirm ? "confirmed" : "dismissed");
            command.Parameters.AddWithValue("$tags", string.Join(',', tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct()));
            command.Parameters.AddWithValue("$n", (object?)note ?? DBNull.Value);
            command.Parameters.AddWithValue("$by", by);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        });
    }

    /// <summary>Wow moments newest first, narrowed by status, agent, tag and words in the text or note.</summary>
    public async Task<IReadOnlyList<StoredWow>> SearchAsync(string? status = null, string? agentId = null, string? tag = null, string? text = null, long? id = null)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, AgentId, ConversationId, Kind, Text, Status, Tags, Note, CreatedTicks, DecidedBy, DecidedTicks FROM WowMoments"
            + Where(command,
                ("Status = $s", "$s", status),
                ("AgentId = $a", "$a", agentId),
                ("(',' || Tags || ',') LIKE $tag", "$tag", tag is null ? null : $"%,{tag.Trim().ToLowerInvariant()},%"),
                ("(Text LIKE $q OR Note LIKE $q)", "$q", text is null ? null : $"%{text}%"),
                ("Id = $id", "$id", id))
            + " ORDER BY Id DESC";
        var result = new List<StoredWow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredWow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries), reader.IsDBNull(7) ? null : reader.GetString(7),
                new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero)));
        }

        return result;
    }
}
