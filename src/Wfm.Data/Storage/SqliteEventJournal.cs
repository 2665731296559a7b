using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Ports;

namespace Wfm.Data.Storage;

/// <summary>The event journal in the Events table: unique event ids, sequence = row id.</summary>
public sealed class SqliteEventJournal(SqliteDatabase database, SqliteWriter writer) : IEventJournal
{
    /// <summary>
    /// Bits of the sequence that make a block of the agent and queue indexes: their key is (block, agent or queue,
    /// sequence), so a batch's inserts land in the newest block's few pages instead of one page per agent across
    /// an index of the whole journal (which rewrote about 1,500 pages per 2,000 events).
    /// </summary>
    public const int BlockShift = 12;

    /// <summary>
    /// The agent and queue indexes (made at start: EF cannot describe an index on an expression); a journal made before
    /// events were unique by (time, id) gets that index in place of the one on the id alone.
    /// </summary>
    public static readonly string IndexesSql = $"""
        CREATE UNIQUE INDEX IF NOT EXISTS IX_Events_At_EventId ON Events (At, EventId);
        DROP INDEX IF EXISTS IX_Events_EventId;
        DROP INDEX IF EXISTS IX_Events_AgentId_Sequence;
        DROP INDEX IF EXISTS IX_Events_QueueId_Sequence;
        CREATE INDEX IF NOT EXISTS IX_Events_Block_Agent ON Events ((Sequence >> {BlockShift}), AgentId, Sequence) WHERE AgentId IS NOT NULL;
        CREATE INDEX IF NOT EXISTS IX_Events_Block_Queue ON Events ((Sequence >> {BlockShift}), QueueId, Sequence) WHERE QueueId IS NOT NULL;
        """;

    private const string Columns = "Sequence, EventId, Type, At, QueueId, AgentId, ContactId, State, WrapUp, CustomerId, Minutes";
    private static readonly string JoinedColumns = string.Join(", ", Columns.Split(", ").Select(c => "e." + c));
    private const string AgentTypes = "'ContactAnswered', 'ContactEnded', 'AgentStateChanged', 'StateRequested'";
    private static readonly string TypeNumber = "CASE Type " + string.Join(" ", Enum.GetValues<EventType>().Select(t => $"WHEN '{t}' THEN {(int)t}")) + " END";
    private static readonly string StateNumber = "CASE State " + string.Join(" ", Enum.GetValues<AgentState>().Select(t => $"WHEN '{t}' THEN {(int)t}")) + " END";

    public async Task<IReadOnlySet<EventKey>> FindExistingAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellationToken = default)
    {
        var found = new HashSet<EventKey>();
        await using var connection = database.Open();
        foreach (var chunk in keys.Chunk(400))
        {
            await using var command = connection.CreateCommand();
            var pairs = chunk.Select((key, i) =>
            {
                command.Parameters.AddWithValue($"@a{i}", key.At.UtcTicks);
                command.Parameters.AddWithValue($"@p{i}", key.Id);
                return $"(@a{i}, @p{i})";
            });
            command.CommandText = $"SELECT EventId, At FROM Events WHERE (At, EventId) IN (VALUES {string.Join(',', pairs)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(new EventKey(reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
            }
        }

        return found;
    }

    public Task<IReadOnlyList<SequencedEvent>> AppendAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken = default) =>
        writer.WriteAsync<IReadOnlyList<SequencedEvent>>(connection => Insert(connection, events));

    /// <summary>
    /// Inserts through SQLite's own statement API (<see cref="SqliteRaw"/>): through ADO.NET parameters each row
    /// cost nine binder objects and a UTF-8 copy of every string — a tenth of the server's allocations under load.
    /// </summary>
    private static List<SequencedEvent> Insert(SqliteConnection connection, IReadOnlyList<ContactCenterEvent> events)
    {
        const string sql = "INSERT OR IGNORE INTO Events (EventId, Type, At, QueueId, AgentId, ContactId, State, WrapUp, CustomerId, Minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
        var db = connection.Handle!;
        using var statement = SqliteRaw.Prepare(db, sql);
        var added = new List<SequencedEvent>(events.Count);
        foreach (var e in events)
        {
            SqliteRaw.Check(raw.sqlite3_reset(statement), db);
            SqliteRaw.Text(statement, 1, e.Id);
            SqliteRaw.Text(statement, 2, Name(EventTypeNames, e.Type));
            raw.sqlite3_bind_int64(statement, 3, e.At.UtcTicks);
            SqliteRaw.Text(statement, 4, e.QueueId);
            SqliteRaw.Text(statement, 5, e.AgentId);
            SqliteRaw.Text(statement, 6, e.ContactId);
            SqliteRaw.Text(statement, 7, e.State is { } state ? Name(StateNames, state) : null);
            if (e.WrapUp is { } wrapUp)
            {
                raw.sqlite3_bind_int(statement, 8, wrapUp ? 1 : 0);
            }
            else
            {
                raw.sqlite3_bind_null(statement, 8);
            }

            SqliteRaw.Text(statement, 9, e.CustomerId);
            if (e.Minutes is { } minutes)
            {
                raw.sqlite3_bind_int(statement, 10, minutes);
            }
            else
            {
                raw.sqlite3_bind_null(statement, 10);
            }

            // Sequence is the table's rowid: a row written (not ignored as a repeat) has the last inserted rowid.
            if (SqliteRaw.Execute(db, statement) == 1)
            {
                added.Add(new SequencedEvent(raw.sqlite3_last_insert_rowid(db), e));
            }
        }

        return added;
    }

    private static readonly string[] EventTypeNames = Names<EventType>();
    private static readonly string[] StateNames = Names<AgentState>();

    private static string[] Names<T>() where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new string[values.Max(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)) + 1];
        foreach (var v in values)
        {
            names[Convert.ToInt32(v, CultureInfo.InvariantCulture)] = v.ToString();
        }

        return names;
    }

    private static string Name(string[] names, EventType value) => (uint)value < (uint)names.Length && names[(int)value] is { } name ? name : value.ToString();

    private static string Name(string[] names, AgentState value) => (uint)value < (uint)names.Length && names[(int)value] is { } name ? name : value.ToString();

    public Task<IReadOnlyList<SequencedEvent>> ReadForAgentAsync(string agentId, long afterSequence, CancellationToken cancellationToken = default) =>
        ReadBlocksAsync("AgentId", agentId, AgentTypes, afterSequence, null, cancellationToken);

    public Task<IReadOnlyList<SequencedEvent>> ReadForAgentSinceAsync(string agentId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ReadBlocksAsync("AgentId", agentId, AgentTypes, 0, since, cancellationToken);

    public async Task<IReadOnlyList<SequencedEvent>> ReadAgentEventsAfterAsync(long afterSequence, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        // Lean rows (types and states as numbers, no ids, queues or customers): a reader of every agent takes
        // millions of them, and each string read is an allocation.
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Sequence, {TypeNumber}, At, AgentId, ContactId, {StateNumber}, WrapUp, Minutes FROM Events " +
            $"WHERE Sequence > @after AND At >= @since AND AgentId IS NOT NULL AND Type IN ({AgentTypes}) ORDER BY Sequence LIMIT {limit}";
        command.Parameters.AddWithValue("@after", afterSequence);
        command.Parameters.AddWithValue("@since", since.UtcTicks);
        var result = new List<SequencedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new SequencedEvent(reader.GetInt64(0), new ContactCenterEvent
            {
                Id = string.Empty,
                Type = (EventType)reader.GetInt32(1),
                At = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                AgentId = reader.GetString(3),
                ContactId = reader.IsDBNull(4) ? null : reader.GetString(4),
                State = reader.IsDBNull(5) ? null : (AgentState)reader.GetInt32(5),
                WrapUp = reader.IsDBNull(6) ? null : reader.GetInt64(6) != 0,
                Minutes = reader.IsDBNull(7) ? null : reader.GetInt32(7),
            }));
        }

        return result;
    }

    public Task<IReadOnlyList<SequencedEvent>> ReadForQueueAsync(string queueId, long afterSequence, CancellationToken cancellationToken = default) =>
        ReadBlocksAsync("QueueId", queueId, "'ContactArrived', 'ContactAnswered', 'ContactAbandoned', 'ContactEnded'", afterSequence, null, cancellationToken);

    public Task<IReadOnlyList<SequencedEvent>> ReadRangeAsync(long afterSequence, long throughSequence, CancellationToken cancellationToken = default) =>
        QueryAsync("Sequence > @after AND Sequence <= @through", c =>
        {
            c.Parameters.AddWithValue("@after", afterSequence);
            c.Parameters.AddWithValue("@through", throughSequence);
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> CountArrivalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueueId, COUNT(*) FROM Events WHERE Type = 'ContactArrived' AND At >= @from AND At < @to AND QueueId IS NOT NULL GROUP BY QueueId";
        command.Parameters.AddWithValue("@from", from.UtcTicks);
        command.Parameters.AddWithValue("@to", to.UtcTicks);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    public Task<IReadOnlyList<SequencedEvent>> ReadContactEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        QueryAsync("Type NOT IN ('AgentStateChanged', 'StateRequested') AND At >= @from AND At < @to", c =>
        {
            c.Parameters.AddWithValue("@from", from.UtcTicks);
            c.Parameters.AddWithValue("@to", to.UtcTicks);
        }, cancellationToken);

    /// <summary>
    /// One agent's or queue's events after a sequence: the index is by block of <see cref="BlockShift"/> bits of
    /// the sequence first, so the statement walks the blocks from the one holding <paramref name="afterSequence"/>
    /// to the last and seeks the key in each (a few thousand blocks for millions of events).
    /// </summary>
    private async Task<IReadOnlyList<SequencedEvent>> ReadBlocksAsync(
        string keyColumn, string key, string types, long afterSequence, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        long last;
        await using (var head = connection.CreateCommand())
        {
            head.CommandText = "SELECT IFNULL(MAX(Sequence), 0) FROM Events";
            last = (long)(await head.ExecuteScalarAsync(cancellationToken))!;
        }

        if (last <= afterSequence)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText =
            $"WITH RECURSIVE Blocks(Block) AS (SELECT @first UNION ALL SELECT Block + 1 FROM Blocks WHERE Block < @last) " +
            $"SELECT {JoinedColumns} FROM Blocks JOIN Events e " +
            $"ON (e.Sequence >> {BlockShift}) = Blocks.Block AND e.{keyColumn} = @key AND e.Sequence > @after " +
            $"WHERE e.Type IN ({types})" + (since is null ? "" : " AND e.At >= @since") + " ORDER BY e.Sequence";
        command.Parameters.AddWithValue("@first", afterSequence >> BlockShift);
        command.Parameters.AddWithValue("@last", last >> BlockShift);
        command.Parameters.AddWithValue("@key", key);
        command.Parameters.AddWithValue("@after", afterSequence);
        if (since is { } s)
        {
            command.Parameters.AddWithValue("@since", s.UtcTicks);
        }

        return await ReadEventsAsync(command, cancellationToken);
    }

    private async Task<IReadOnlyList<SequencedEvent>> QueryAsync(string filter, Action<SqliteCommand> parameters, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM Events WHERE {filter} ORDER BY Sequence";
        parameters(command);
        return await ReadEventsAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<SequencedEvent>> ReadEventsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var result = new List<SequencedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new SequencedEvent(reader.GetInt64(0), new ContactCenterEvent
            {
                Id = reader.GetString(1),
                Type = Enum.Parse<EventType>(reader.GetString(2)),
                At = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                QueueId = reader.IsDBNull(4) ? null : reader.GetString(4),
                AgentId = reader.IsDBNull(5) ? null : reader.GetString(5),
                ContactId = reader.IsDBNull(6) ? null : reader.GetString(6),
                State = reader.IsDBNull(7) ? null : Enum.Parse<AgentState>(reader.GetString(7)),
                WrapUp = reader.IsDBNull(8) ? null : reader.GetInt64(8) != 0,
                CustomerId = reader.IsDBNull(9) ? null : reader.GetString(9),
                Minutes = reader.IsDBNull(10) ? null : reader.GetInt32(10),
            }));
        }

        return result;
    }
}
