using Npgsql;
using NpgsqlTypes;
using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Ports;

namespace Wfm.Data.Storage;

/// <summary>
/// The event journal in PostgreSQL's Events table (the EF model's, shared by every silo of a cluster): unique event ids,
/// sequence = an identity column. A batch is one INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING — one round
/// trip whatever its size — under a transaction lock, so sequences become visible in the order they were given and a
/// reader that goes "after sequence N" never misses an event committed later with a smaller one.
/// </summary>
public sealed class PostgresEventJournal(NpgsqlDataSource dataSource) : IEventJournal
{
    /// <summary>The advisory lock that orders appends (any 64-bit number no other code of the database uses).</summary>
    public const long AppendLock = 0x57464D_4A524E; // "WFM" "JRN"

    /// <summary>The journal's indexes beside the model's unique event id (PostgreSQL only: partial and BRIN indexes).</summary>
    public const string IndexesSql = """
        CREATE INDEX IF NOT EXISTS "IX_Events_Agent" ON "Events" ("AgentId", "Sequence") WHERE "AgentId" IS NOT NULL;
        CREATE INDEX IF NOT EXISTS "IX_Events_Queue" ON "Events" ("QueueId", "Sequence") WHERE "QueueId" IS NOT NULL;
        CREATE INDEX IF NOT EXISTS "IX_Events_At" ON "Events" USING brin ("At");
        """;

    private const string Columns = "\"Sequence\", \"EventId\", \"Type\", \"At\", \"QueueId\", \"AgentId\", \"ContactId\", \"State\", \"WrapUp\", \"CustomerId\", \"Minutes\"";
    private const string AgentTypes = "'ContactAnswered', 'ContactEnded', 'AgentStateChanged', 'StateRequested'";
    private const string QueueTypes = "'ContactArrived', 'ContactAnswered', 'ContactAbandoned', 'ContactEnded'";

    public async Task<IReadOnlySet<string>> FindExistingAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand("SELECT \"EventId\" FROM \"Events\" WHERE \"EventId\" = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    public async Task<IReadOnlyList<SequencedEvent>> AppendAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var n = events.Count;
        var ids = new string[n];
        var types = new string[n];
        var ats = new long[n];
        var queues = new string?[n];
        var agents = new string?[n];
        var contacts = new string?[n];
        var states = new string?[n];
        var wrapUps = new bool?[n];
        var customers = new string?[n];
        var minutes = new int?[n];
        for (var i = 0; i < n; i++)
        {
            var e = events[i];
            (ids[i], types[i], ats[i], queues[i], agents[i], contacts[i]) = (e.Id, Names.Of(e.Type), e.At.UtcTicks, e.QueueId, e.AgentId, e.ContactId);
            (states[i], wrapUps[i], customers[i], minutes[i]) = (e.State is { } s ? Names.Of(s) : null, e.WrapUp, e.CustomerId, e.Minutes);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var sequences = new Dictionary<string, long>(n, StringComparer.Ordinal);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO "Events" ("EventId", "Type", "At", "QueueId", "AgentId", "ContactId", "State", "WrapUp", "CustomerId", "Minutes")
            SELECT id, type, at, queue, agent, contact, state, wrap_up, customer, minutes
            FROM unnest(@ids, @types, @ats, @queues, @agents, @contacts, @states, @wrap_ups, @customers, @minutes)
                WITH ORDINALITY AS t(id, type, at, queue, agent, contact, state, wrap_up, customer, minutes, position)
            ORDER BY position
            ON CONFLICT ("EventId") DO NOTHING
            RETURNING "Sequence", "EventId"
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("types", types));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("ats", ats));
            insert.Parameters.Add(Nullable("queues", queues));
            insert.Parameters.Add(Nullable("agents", agents));
            insert.Parameters.Add(Nullable("contacts", contacts));
            insert.Parameters.Add(Nullable("states", states));
            insert.Parameters.Add(new NpgsqlParameter("wrap_ups", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = wrapUps });
            insert.Parameters.Add(Nullable("customers", customers));
            insert.Parameters.Add(new NpgsqlParameter("minutes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = minutes });
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sequences[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        await transaction.CommitAsync(cancellationToken);

        // In the batch's order; an id given twice in one batch (or recorded before) is recorded once.
        var added = new List<SequencedEvent>(sequences.Count);
        foreach (var e in events)
        {
            if (sequences.Remove(e.Id, out var sequence))
            {
                added.Add(new SequencedEvent(sequence, e));
            }
        }

        added.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return added;
    }

    private static NpgsqlParameter Nullable(string name, string?[] values) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values };

    public Task<IReadOnlyList<SequencedEvent>> ReadForAgentAsync(string agentId, long afterSequence, CancellationToken cancellationToken = default) =>
        QueryAsync($"\"AgentId\" = @key AND \"Sequence\" > @after AND \"Type\" IN ({AgentTypes})", c =>
        {
            c.Parameters.AddWithValue("key", agentId);
            c.Parameters.AddWithValue("after", afterSequence);
        }, cancellationToken);

    public Task<IReadOnlyList<SequencedEvent>> ReadForAgentSinceAsync(string agentId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync($"\"AgentId\" = @key AND \"At\" >= @since AND \"Type\" IN ({AgentTypes})", c =>
        {
            c.Parameters.AddWithValue("key", agentId);
            c.Parameters.AddWithValue("since", since.UtcTicks);
        }, cancellationToken);

    public async Task<IReadOnlyList<SequencedEvent>> ReadAgentEventsAfterAsync(long afterSequence, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        // Lean rows (no ids, queues or customers): a reader of every agent takes millions of them.
        await using var command = dataSource.CreateCommand(
            "SELECT \"Sequence\", \"Type\", \"At\", \"AgentId\", \"ContactId\", \"State\", \"WrapUp\", \"Minutes\" FROM \"Events\" " +
            $"WHERE \"Sequence\" > @after AND \"At\" >= @since AND \"AgentId\" IS NOT NULL AND \"Type\" IN ({AgentTypes}) ORDER BY \"Sequence\" LIMIT @limit");
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("since", since.UtcTicks);
        command.Parameters.AddWithValue("limit", limit);
        var result = new List<SequencedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new SequencedEvent(reader.GetInt64(0), new ContactCenterEvent
            {
                Id = string.Empty,
                Type = Names.EventType(reader.GetString(1)),
                At = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                AgentId = reader.GetString(3),
                ContactId = reader.IsDBNull(4) ? null : reader.GetString(4),
                State = reader.IsDBNull(5) ? null : Names.State(reader.GetString(5)),
                WrapUp = reader.IsDBNull(6) ? null : reader.GetBoolean(6),
                Minutes = reader.IsDBNull(7) ? null : reader.GetInt32(7),
            }));
        }

        return result;
    }

    public Task<IReadOnlyList<SequencedEvent>> ReadRangeAsync(long afterSequence, long throughSequence, CancellationToken cancellationToken = default) =>
        QueryAsync("\"Sequence\" > @after AND \"Sequence\" <= @through", c =>
        {
            c.Parameters.AddWithValue("after", afterSequence);
            c.Parameters.AddWithValue("through", throughSequence);
        }, cancellationToken);

    public Task<IReadOnlyList<SequencedEvent>> ReadForQueueAsync(string queueId, long afterSequence, CancellationToken cancellationToken = default) =>
        QueryAsync($"\"QueueId\" = @key AND \"Sequence\" > @after AND \"Type\" IN ({QueueTypes})", c =>
        {
            c.Parameters.AddWithValue("key", queueId);
            c.Parameters.AddWithValue("after", afterSequence);
        }, cancellationToken);

    public Task<IReadOnlyList<SequencedEvent>> ReadContactEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        QueryAsync("\"Type\" NOT IN ('AgentStateChanged', 'StateRequested') AND \"At\" >= @from AND \"At\" < @to", c =>
        {
            c.Parameters.AddWithValue("from", from.UtcTicks);
            c.Parameters.AddWithValue("to", to.UtcTicks);
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> CountArrivalsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT \"QueueId\", COUNT(*) FROM \"Events\" WHERE \"Type\" = 'ContactArrived' AND \"At\" >= @from AND \"At\" < @to AND \"QueueId\" IS NOT NULL GROUP BY \"QueueId\"");
        command.Parameters.AddWithValue("from", from.UtcTicks);
        command.Parameters.AddWithValue("to", to.UtcTicks);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    private async Task<IReadOnlyList<SequencedEvent>> QueryAsync(string filter, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM \"Events\" WHERE {filter} ORDER BY \"Sequence\"");
        parameters(command);
        var result = new List<SequencedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new SequencedEvent(reader.GetInt64(0), new ContactCenterEvent
            {
                Id = reader.GetString(1),
                Type = Names.EventType(reader.GetString(2)),
                At = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                QueueId = reader.IsDBNull(4) ? null : reader.GetString(4),
                AgentId = reader.IsDBNull(5) ? null : reader.GetString(5),
                ContactId = reader.IsDBNull(6) ? null : reader.GetString(6),
                State = reader.IsDBNull(7) ? null : Names.State(reader.GetString(7)),
                WrapUp = reader.IsDBNull(8) ? null : reader.GetBoolean(8),
                CustomerId = reader.IsDBNull(9) ? null : reader.GetString(9),
                Minutes = reader.IsDBNull(10) ? null : reader.GetInt32(10),
            }));
        }

        return result;
    }

    /// <summary>Event types and states by name both ways, without parsing or formatting an enum per row.</summary>
    private static class Names
    {
        private static readonly Dictionary<Core.Events.EventType, string> TypeNames = Enum.GetValues<Core.Events.EventType>().ToDictionary(t => t, t => t.ToString());
        private static readonly Dictionary<AgentState, string> StateNames = Enum.GetValues<AgentState>().ToDictionary(t => t, t => t.ToString());
        private static readonly Dictionary<string, Core.Events.EventType> Types = TypeNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
        private static readonly Dictionary<string, AgentState> States = StateNames.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

        public static string Of(Core.Events.EventType type) => TypeNames.TryGetValue(type, out var name) ? name : type.ToString();

        public static string Of(AgentState state) => StateNames.TryGetValue(state, out var name) ? name : state.ToString();

        public static Core.Events.EventType EventType(string name) => Types.TryGetValue(name, out var type) ? type : Enum.Parse<Core.Events.EventType>(name);

        public static AgentState State(string name) => States.TryGetValue(name, out var state) ? state : Enum.Parse<AgentState>(name);
    }
}
