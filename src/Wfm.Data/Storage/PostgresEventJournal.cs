using Npgsql;
using NpgsqlTypes;
using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Ports;

namespace Wfm.Data.Storage;

/// <summary>
/// The event journal in PostgreSQL's Events table (the EF model's, shared by every silo of a cluster): events unique
/// by (time, id) (<see cref="EventKey"/>), sequence = an identity column. A batch is one binary COPY with sequences reserved before it (or, when it holds an
/// event recorded before, one INSERT … ON CONFLICT DO NOTHING) under a transaction lock, so sequences become visible in
/// the order they were given and a reader that goes "after sequence N" never misses an event committed later with a smaller one.
/// </summary>
public sealed class PostgresEventJournal(NpgsqlDataSource dataSource) : IEventJournal
{
    /// <summary>The advisory lock that orders appends (any 64-bit number no other code of the database uses).</summary>
    public const long AppendLock = 0x57464D_4A524E; // "WFM" "JRN"

    /// <summary>
    /// The journal's indexes beside the model's unique (time, id) (PostgreSQL only: partial indexes). A journal made
    /// before events were unique by (time, id) gets that index in place of the one on the id alone, whose random keys
    /// cost an index page per event; time ranges are read through it too, so the BRIN on the time goes. The agent tail
    /// (every agent's events by sequence, a sixth of the journal) is what the burnout monitor and the intraday feed page
    /// through: without it each read walked every event recorded since the last.
    /// </summary>
    public const string IndexesSql = $"""
        CREATE UNIQUE INDEX IF NOT EXISTS "IX_Events_At_EventId" ON "Events" ("At", "EventId");
        DROP INDEX IF EXISTS "IX_Events_EventId";
        DROP INDEX IF EXISTS "IX_Events_At";
        CREATE INDEX IF NOT EXISTS "IX_Events_Agent" ON "Events" ("AgentId", "Sequence") WHERE "AgentId" IS NOT NULL;
        CREATE INDEX IF NOT EXISTS "IX_Events_Queue" ON "Events" ("QueueId", "Sequence") WHERE "QueueId" IS NOT NULL;
        CREATE INDEX IF NOT EXISTS "IX_Events_AgentTail" ON "Events" ("Sequence") WHERE "AgentId" IS NOT NULL AND "Type" IN ({AgentTypes});
        """;

    /// <summary>Reserves a batch's sequences under the append lock: returns the last of @n new ones.</summary>
    private const string ReserveSql =
        "SELECT setval(pg_get_serial_sequence('\"Events\"', 'Sequence'), nextval(pg_get_serial_sequence('\"Events\"', 'Sequence')) + @n - 1)";

    private const string Columns = "\"Sequence\", \"EventId\", \"Type\", \"At\", \"QueueId\", \"AgentId\", \"ContactId\", \"State\", \"WrapUp\", \"CustomerId\", \"Minutes\"";
    private const string AgentTypes = "'ContactAnswered', 'ContactEnded', 'AgentStateChanged', 'StateRequested'";
    private const string QueueTypes = "'ContactArrived', 'ContactAnswered', 'ContactAbandoned', 'ContactEnded'";

    public async Task<IReadOnlySet<EventKey>> FindExistingAsync(IReadOnlyCollection<EventKey> keys, CancellationToken cancellationToken = default)
    {
        var found = new HashSet<EventKey>();
        if (keys.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT e.\"EventId\", e.\"At\" FROM unnest(@ats, @ids) AS k(at, id) JOIN \"Events\" e ON e.\"At\" = k.at AND e.\"EventId\" = k.id");
        command.Parameters.Add(new NpgsqlParameter<long[]>("ats", keys.Select(k => k.At.UtcTicks).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", keys.Select(k => k.Id).ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new EventKey(reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
        }

        return found;
    }

    /// <summary>
    /// Records a batch with binary COPY, its sequences reserved first under the append lock (a third cheaper than an
    /// INSERT … ON CONFLICT, which probes the unique index before each row). A batch holding an event recorded before
    /// (a retry whose repeats passed the grains' checks) fails the COPY on the unique key and is written again by
    /// <see cref="InsertSkippingRepeatsAsync"/>; the sequences the COPY had reserved are left unused.
    /// </summary>
    public async Task<IReadOnlyList<SequencedEvent>> AppendAsync(IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return await CopyAsync(connection, events, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return await InsertSkippingRepeatsAsync(connection, events, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<SequencedEvent>> CopyAsync(NpgsqlConnection connection, IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long last;
        await using (var reserve = new NpgsqlBatch(connection, transaction))
        {
            reserve.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({AppendLock})"));
            var take = new NpgsqlBatchCommand(ReserveSql);
            take.Parameters.Add(new NpgsqlParameter<long>("n", events.Count));
            reserve.BatchCommands.Add(take);
            await using var reader = await reserve.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            last = reader.GetInt64(0);
        }

        var first = last - events.Count + 1;
        var recorded = new List<SequencedEvent>(events.Count);
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"Events\" ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(first + i, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(e.Id, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(Names.Of(e.Type), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.At.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
                await TextAsync(copy, e.QueueId, cancellationToken);
                await TextAsync(copy, e.AgentId, cancellationToken);
                await TextAsync(copy, e.ContactId, cancellationToken);
                await TextAsync(copy, e.State is { } state ? Names.Of(state) : null, cancellationToken);
                if (e.WrapUp is { } wrapUp)
                {
                    await copy.WriteAsync(wrapUp, NpgsqlDbType.Boolean, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                await TextAsync(copy, e.CustomerId, cancellationToken);
                if (e.Minutes is { } minutes)
                {
                    await copy.WriteAsync(minutes, NpgsqlDbType.Integer, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                recorded.Add(new SequencedEvent(first + i, e));
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    private static ValueTask TextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? new ValueTask(copy.WriteNullAsync(cancellationToken)) : new ValueTask(copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken));

    /// <summary>
    /// One INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING under the append lock: events recorded before are
    /// left out, the others get sequences in the batch's order.
    /// </summary>
    private static async Task<IReadOnlyList<SequencedEvent>> InsertSkippingRepeatsAsync(
        NpgsqlConnection connection, IReadOnlyList<ContactCenterEvent> events, CancellationToken cancellationToken)
    {
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

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var sequences = new Dictionary<EventKey, long>(n);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO "Events" ("EventId", "Type", "At", "QueueId", "AgentId", "ContactId", "State", "WrapUp", "CustomerId", "Minutes")
            SELECT id, type, at, queue, agent, contact, state, wrap_up, customer, minutes
            FROM unnest(@ids, @types, @ats, @queues, @agents, @contacts, @states, @wrap_ups, @customers, @minutes)
                WITH ORDINALITY AS t(id, type, at, queue, agent, contact, state, wrap_up, customer, minutes, position)
            ORDER BY position
            ON CONFLICT DO NOTHING
            RETURNING "Sequence", "EventId", "At"
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
                sequences[new EventKey(reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero))] = reader.GetInt64(0);
            }
        }

        await transaction.CommitAsync(cancellationToken);

        // In the batch's order; an event given twice in one batch (or recorded before) is recorded once.
        var added = new List<SequencedEvent>(sequences.Count);
        foreach (var e in events)
        {
            if (sequences.Remove(EventKey.Of(e), out var sequence))
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
