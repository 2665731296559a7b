using Microsoft.Data.Sqlite;
using Wfm.Core.Conversations;
using Wfm.Core.Ports;
using Wfm.Data.Storage;

namespace Wfm.Data.Conversations;

/// <summary>The team's past answers in the ReplyLibrary table (one row per agent reply that followed a customer's message).</summary>
public sealed class SqliteReplyLibrary(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema), IReplyLibrary
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ReplyLibrary (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            AtTicks INTEGER NOT NULL,
            Language TEXT NOT NULL,
            QueueId TEXT NOT NULL,
            AgentId TEXT NOT NULL,
            Question TEXT NOT NULL,
            Reply TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_ReplyLibrary_At ON ReplyLibrary (AtTicks);
        """;

    private const string Columns = "Id, AtTicks, Language, QueueId, AgentId, Question, Reply";

    public async Task AddAsync(ReplyPair pair, CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        await Writer.WriteAsync(c =>
        {
            using var insert = c.CreateCommand();
            insert.CommandText = "INSERT INTO ReplyLibrary (AtTicks, Language, QueueId, AgentId, Question, Reply) VALUES ($t, $l, $q, $a, $question, $reply)";
            insert.Parameters.AddWithValue("$t", pair.At.UtcTicks);
            insert.Parameters.AddWithValue("$l", pair.Language);
            insert.Parameters.AddWithValue("$q", pair.QueueId);
            insert.Parameters.AddWithValue("$a", pair.AgentId);
            insert.Parameters.AddWithValue("$question", pair.Question);
            insert.Parameters.AddWithValue("$reply", pair.Reply);
            return insert.ExecuteNonQuery();
        });
    }

    public async Task<IReadOnlyList<ReplyPair>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM ReplyLibrary WHERE Id > $id ORDER BY Id LIMIT $limit";
        command.Parameters.AddWithValue("$id", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        return Read(command);
    }

    public async Task<IReadOnlyList<ReplyPair>> ReadRecentAsync(DateTimeOffset since, int atLeast, int atMost = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM ReplyLibrary
            WHERE (AtTicks >= $since OR Id >= COALESCE((SELECT Id FROM ReplyLibrary ORDER BY Id DESC LIMIT 1 OFFSET $n), 0))
              AND Id >= COALESCE((SELECT Id FROM ReplyLibrary ORDER BY Id DESC LIMIT 1 OFFSET $m), 0)
            ORDER BY Id
            """;
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        command.Parameters.AddWithValue("$n", Math.Max(0, atLeast - 1));
        command.Parameters.AddWithValue("$m", Math.Max(0, atMost - 1));
        return Read(command);
    }

    private static List<ReplyPair> Read(SqliteCommand command)
    {
        var pairs = new List<ReplyPair>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pairs.Add(new ReplyPair(reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        return pairs;
    }
}
