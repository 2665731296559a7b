using Wfm.Data.Storage;

namespace Wfm.Data.Coaching;

/// <summary>A QA form as stored: its name and its sections and questions as JSON.</summary>
public sealed record StoredScorecard(long Id, string Name, string Json, DateTimeOffset CreatedAt);

/// <summary>A review of one conversation against a scorecard: who reviewed whom, the answers and the score.</summary>
public sealed record StoredReview(
    long Id, long ScorecardId, string ConversationId, string AgentId, string Reviewer, string AnswersJson, double Score, bool AutoFailed,
    string ResultJson, string? Notes, DateTimeOffset CreatedAt);

/// <summary>QA scorecards and the reviews made with them.</summary>
public sealed class ReviewStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS Scorecards (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            Name TEXT NOT NULL,
            Json TEXT NOT NULL,
            CreatedTicks INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS Reviews (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            ScorecardId INTEGER NOT NULL,
            ConversationId TEXT NOT NULL,
            AgentId TEXT NOT NULL,
            Reviewer TEXT NOT NULL,
            AnswersJson TEXT NOT NULL,
            Score REAL NOT NULL,
            AutoFailed INTEGER NOT NULL,
            ResultJson TEXT NOT NULL,
            Notes TEXT NULL,
            CreatedTicks INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_Reviews_Agent ON Reviews (AgentId);
        CREATE INDEX IF NOT EXISTS IX_Reviews_Conversation ON Reviews (ConversationId);
        """;

    public async Task<long> AddScorecardAsync(string name, string json)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "INSERT INTO Scorecards (Name, Json, CreatedTicks) VALUES ($n, $j, $t); SELECT last_insert_rowid();";
            command.Parameters.AddWithValue("$n", name);
            command.Parameters.AddWithValue("$j", json);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            return (long)command.ExecuteScalar()!;
        });
    }

    public async Task<IReadOnlyList<StoredScorecard>> ScorecardsAsync(long? id = null)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Name, Json, CreatedTicks FROM Scorecards" + Where(command, ("Id = $id", "$id", id)) + " ORDER BY Id";

        var result = new List<StoredScorecard>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredScorecard(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)));
        }

        return result;
    }

    public async Task<long> AddReviewAsync(long scorecardId, string conversationId, string agentId, string reviewer, string answersJson, double score, bool autoFailed, string resultJson, string? notes)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO Reviews (ScorecardId, ConversationId, AgentId, Reviewer, AnswersJson, Score, AutoFailed, ResultJson, Notes, CreatedTicks)
                VALUES ($s, $c, $a, $r, $ans, $score, $f, $res, $n, $t); SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$s", scorecardId);
            command.Parameters.AddWithValue("$c", conversationId);
            command.Parameters.AddWithValue("$a", agentId);
            command.Parameters.AddWithValue("$r", reviewer);
            command.Parameters.AddWithValue("$ans", answersJson);
            command.Parameters.AddWithValue("$score", score);
            command.Parameters.AddWithValue("$f", autoFailed ? 1 : 0);
            command.Parameters.AddWithValue("$res", resultJson);
            command.Parameters.AddWithValue("$n", (object?)notes ?? DBNull.Value);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            return (long)command.ExecuteScalar()!;
        });
    }

    /// <summary>Reviews newest first, of an agent and/or a conversation and/or a scorecard.</summary>
    public async Task<IReadOnlyList<StoredReview>> ReviewsAsync(string? agentId = null, string? conversationId = null, long? scorecardId = null)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, ScorecardId, ConversationId, AgentId, Reviewer, AnswersJson, Score, AutoFailed, ResultJson, Notes, CreatedTicks FROM Reviews"
            + Where(command, ("AgentId = $a", "$a", agentId), ("ConversationId = $c", "$c", conversationId), ("ScorecardId = $s", "$s", scorecardId)) + " ORDER BY Id DESC";
        var result = new List<StoredReview>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredReview(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetDouble(6), reader.GetInt64(7) != 0, reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero)));
        }

        return result;
    }
}
