using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Data;
using Wfm.Data.Storage;
using Npgsql;

namespace Wfm.Planning.Tests;

/// <summary>
/// The journal on SQLite (reads walking its index by sequence block) and on PostgreSQL (one INSERT of arrays per
/// batch) gives exactly what the in-memory journal gives, across many blocks; a SQLite journal with the earlier
/// indexes is brought up to date.
/// </summary>
public sealed class EventJournalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Events of every kind for 40 agents and 6 queues, enough to fill several index blocks.</summary>
    private static List<ContactCenterEvent> Stream(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var types = Enum.GetValues<EventType>().Where(t => t is not (EventType.MessageReceived or EventType.MessageSent or EventType.AbuseReported)).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var type = types[random.Next(types.Length)];
            var agentEvent = type is EventType.AgentStateChanged or EventType.ContactAnswered or EventType.ContactEnded;
            return new ContactCenterEvent
            {
                Id = $"ev-{seed}-{i}",
                Type = type,
                At = start.AddSeconds(i * 0.5 + random.Next(-30, 30)), // now and then stamped before the one recorded before it
                AgentId = agentEvent || random.Next(4) == 0 ? $"agent-{random.Next(40):D2}" : null,
                QueueId = type == EventType.AgentStateChanged ? null : $"queue-{random.Next(6)}",
                ContactId = type == EventType.AgentStateChanged ? null : $"c-{random.Next(5000)}",
                State = type == EventType.AgentStateChanged ? (AgentState)random.Next(5) : null,
                WrapUp = type == EventType.ContactEnded ? random.Next(2) == 0 : null,
            };
        }).ToList();
    }

    private static async Task<T> WithJournalAsync<T>(Func<SqliteEventJournal, SqliteDatabase, Task<T>> body, Func<string, Task>? before = null)
    {
        using var db = TestDatabase.Create(WfmStoreKind.Sqlite, path => before?.Invoke(path).GetAwaiter().GetResult());
        await using var writer = new SqliteWriter(db.Sqlite!, NullLogger<SqliteWriter>.Instance);
        return await body(new SqliteEventJournal(db.Sqlite!, writer), db.Sqlite!);
    }

    /// <summary>The journal of <paramref name="kind"/> over a new database.</summary>
    private static async Task WithJournalAsync(WfmStoreKind kind, Func<IEventJournal, Task> body)
    {
        using var db = TestDatabase.Create(kind);
        if (db.Sqlite is { } sqlite)
        {
            await using var writer = new SqliteWriter(sqlite, NullLogger<SqliteWriter>.Instance);
            await body(new SqliteEventJournal(sqlite, writer));
        }
        else
        {
            await using var source = NpgsqlDataSource.Create(db.Store.ConnectionString);
            await body(new PostgresEventJournal(source));
        }
    }

    /// <summary>What an agent's replay reads of each event.</summary>
    private static List<(long, EventType, DateTimeOffset, string?, string?, AgentState?, bool?)> Replayed(IReadOnlyList<SequencedEvent> events) =>
        events.Select(e => (e.Sequence, e.Event.Type, e.Event.At, e.Event.AgentId, e.Event.ContactId, e.Event.State, e.Event.WrapUp)).ToList();

    private static List<(long, string)> Ids(IReadOnlyList<SequencedEvent> events) => events.Select(e => (e.Sequence, e.Event.Id)).ToList();

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task ReadsByAgentQueueTimeAndRange_AcrossManyBlocks_MatchTheInMemoryJournal(WfmStoreKind kind)
    {
        var stream = Stream(3 * (1 << SqliteEventJournal.BlockShift) + 517, seed: 11);
        await WithJournalAsync(kind, async journal =>
        {
            var memory = new InMemoryEventJournal();
            foreach (var batch in stream.Chunk(700))
            {
                var recorded = await journal.AppendAsync(batch, Ct);
                Assert.Equal(Ids(await memory.AppendAsync(batch, Ct)), Ids(recorded));
            }

            Assert.Empty(await journal.AppendAsync(stream.Take(50).ToList(), Ct)); // repeats are not recorded again
            var first = stream[0];
            var asked = stream.Take(50).Select(EventKey.Of).Append(new EventKey("never-sent", first.At)).Append(new EventKey(first.Id, first.At.AddTicks(1))).ToList();
            Assert.Equal(stream.Take(50).Select(EventKey.Of).ToHashSet(), (await journal.FindExistingAsync(asked, Ct)).ToHashSet());

            var random = new Random(5);
            var last = stream.Count;
            foreach (var after in new long[] { 0, 1, (1 << SqliteEventJournal.BlockShift) - 1, 1 << SqliteEventJournal.BlockShift, random.Next(last), random.Next(last), last - 3, last })
            {
                for (var k = 0; k < 40; k += 7)
                {
                    var agent = $"agent-{k:D2}";
                    var expected = Ids(await memory.ReadForAgentAsync(agent, after, Ct));
                    Assert.Equal(expected, Ids(await journal.ReadForAgentAsync(agent, after, Ct)));
                    Assert.True(after > last - 100 || expected.Count > 10, $"agent {agent} after {after} has events to compare");
                }

                for (var q = 0; q < 6; q++)
                {
                    Assert.Equal(Ids(await memory.ReadForQueueAsync($"queue-{q}", after, Ct)), Ids(await journal.ReadForQueueAsync($"queue-{q}", after, Ct)));
                }
            }

            var since = stream[stream.Count / 2].At;
            Assert.Equal(Ids(await memory.ReadForAgentSinceAsync("agent-03", since, Ct)), Ids(await journal.ReadForAgentSinceAsync("agent-03", since, Ct)));
            var lean = await journal.ReadAgentEventsAfterAsync(1234, since, 500, Ct);
            Assert.Equal(500, lean.Count);
            Assert.Equal(Replayed(await memory.ReadAgentEventsAfterAsync(1234, since, 500, Ct)), Replayed(lean));
            Assert.Empty(await journal.ReadForAgentAsync("agent-unknown", 0, Ct));
            Assert.Equal(Ids(await memory.ReadRangeAsync(4000, 4100, Ct)), Ids(await journal.ReadRangeAsync(4000, 4100, Ct)));
            Assert.Equal(100, (await journal.ReadRangeAsync(4000, 4100, Ct)).Count);
            var (from, to) = (stream[1000].At, stream[3000].At);
            Assert.Equal(Ids(await memory.ReadContactEventsAsync(from, to, Ct)), Ids(await journal.ReadContactEventsAsync(from, to, Ct)));
            Assert.Equal(await memory.CountArrivalsAsync(from, to, Ct), await journal.CountArrivalsAsync(from, to, Ct));

            // A batch naming one new id twice, beside a repeat: the new one recorded once, in the batch's order, after
            // everything before (a repeat may use up a sequence number: sequences order, they do not count).
            var twice = stream[0] with { Id = "twice", At = stream[^1].At };
            var next = await journal.AppendAsync([twice, stream[1], twice with { Type = EventType.ContactAbandoned }, stream[2] with { Id = "after" }], Ct);
            Assert.Equal(["twice", "after"], next.Select(e => e.Event.Id));
            Assert.True(next[0].Sequence > last && next[1].Sequence > next[0].Sequence);
            Assert.Equal(stream[0].Type, (await journal.ReadRangeAsync(last, long.MaxValue, Ct))[0].Event.Type);
        });
    }

    [Fact]
    public async Task AJournalWithTheEarlierIndexes_HasThemReplaced_AndKeepsItsEvents()
    {
        var stream = Stream(2000, seed: 3);
        var indexes = await WithJournalAsync(async (journal, database) =>
        {
            var memory = new InMemoryEventJournal();
            await memory.AppendAsync(stream, Ct);
            var expected = Ids(await memory.ReadForAgentAsync("agent-07", 0, Ct));
            Assert.True(expected.Count > 5);
            Assert.Equal(expected, Ids(await journal.ReadForAgentAsync("agent-07", 0, Ct)));
            using var connection = database.Open();
            using var list = connection.CreateCommand();
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Events' ORDER BY name";
            var names = new List<string>();
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }, before: async path =>
        {
            // The journal as an earlier version left it: events in it, indexed by agent and by queue over the whole journal.
            var database = new SqliteDatabase(path);
            WfmDataExtensions.EnsureSchema(database);
            await using (var writer = new SqliteWriter(database, NullLogger<SqliteWriter>.Instance))
            {
                await new SqliteEventJournal(database, writer).AppendAsync(stream, Ct);
            }

            using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
            connection.Open();
            using var old = connection.CreateCommand();
            old.CommandText = """
                DROP INDEX IX_Events_Block_Agent; DROP INDEX IX_Events_Block_Queue; DROP INDEX IX_Events_At_EventId;
                CREATE UNIQUE INDEX IX_Events_EventId ON Events (EventId);
                CREATE INDEX IX_Events_AgentId_Sequence ON Events (AgentId, Sequence);
                CREATE INDEX IX_Events_QueueId_Sequence ON Events (QueueId, Sequence);
                """;
            old.ExecuteNonQuery();
        });

        Assert.Contains("IX_Events_Block_Agent", indexes);
        Assert.Contains("IX_Events_Block_Queue", indexes);
        Assert.DoesNotContain("IX_Events_AgentId_Sequence", indexes);
        Assert.DoesNotContain("IX_Events_QueueId_Sequence", indexes);
        Assert.Contains("IX_Events_At_EventId", indexes);
        Assert.DoesNotContain("IX_Events_EventId", indexes);
    }

    [Fact]
    public async Task APostgresJournalUniqueByIdAlone_GetsTheTimeAndIdKey_AndKeepsItsEvents()
    {
        using var db = TestDatabase.Create(WfmStoreKind.Postgres);
        var stream = Stream(1500, seed: 8);
        await using var source = NpgsqlDataSource.Create(db.Store.ConnectionString);
        var journal = new PostgresEventJournal(source);
        await journal.AppendAsync(stream, Ct);
        await using (var old = source.CreateCommand("""
            DROP INDEX "IX_Events_At_EventId";
            CREATE UNIQUE INDEX "IX_Events_EventId" ON "Events" ("EventId");
            CREATE INDEX "IX_Events_At" ON "Events" USING brin ("At");
            """))
        {
            await old.ExecuteNonQueryAsync(Ct);
        }

        WfmDataExtensions.EnsureSchema(db.Store);

        var names = new List<string>();
        await using (var list = source.CreateCommand("SELECT indexname FROM pg_indexes WHERE tablename = 'Events'"))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Contains("IX_Events_At_EventId", names);
        Assert.DoesNotContain("IX_Events_EventId", names);
        Assert.DoesNotContain("IX_Events_At", names);
        Assert.Empty(await journal.AppendAsync(stream.Take(10).ToList(), Ct)); // still recorded once
        var memory = new InMemoryEventJournal();
        await memory.AppendAsync(stream, Ct);
        Assert.Equal(Ids(await memory.ReadRangeAsync(0, stream.Count, Ct)), Ids(await journal.ReadRangeAsync(0, stream.Count, Ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task ABatchHoldingARepeat_RecordsItsNewEventsOnly_InOrder_AndLaterBatchesFollowThem(WfmStoreKind kind)
    {
        var stream = Stream(60, seed: 21);
        await WithJournalAsync(kind, async journal =>
        {
            var first = await journal.AppendAsync(stream.Take(20).ToList(), Ct);
            Assert.Equal(20, first.Count);

            // A retry of event 5 amid new ones (PostgreSQL's COPY meets the unique key and the batch is inserted skipping it).
            var mixed = await journal.AppendAsync([stream[20], stream[5], stream[21], stream[22]], Ct);
            Assert.Equal([stream[20].Id, stream[21].Id, stream[22].Id], mixed.Select(r => r.Event.Id).ToList());
            Assert.True(mixed[0].Sequence > first[^1].Sequence && mixed[1].Sequence > mixed[0].Sequence && mixed[2].Sequence > mixed[1].Sequence);

            // The same id at another time is another event to the journal (a retry repeats the time as well).
            var moved = stream[6] with { At = stream[6].At.AddMinutes(1) };
            var later = await journal.AppendAsync([moved, .. stream.Skip(23).Take(10)], Ct);
            Assert.Equal(11, later.Count);
            Assert.True(later[0].Sequence > mixed[^1].Sequence);
            Assert.Equal(later.Select(r => r.Sequence).Order().ToList(), later.Select(r => r.Sequence).ToList());

            var all = await journal.ReadRangeAsync(0, long.MaxValue, Ct);
            Assert.Equal(34, all.Count);
            Assert.Equal(all.Count, all.Select(e => e.Sequence).Distinct().Count());
            Assert.Equal(2, all.Count(e => e.Event.Id == stream[6].Id));
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task EveryField_RoundTrips_EmptyAndNonAsciiStringsIncluded(WfmStoreKind kind)
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 30, 15, TimeSpan.Zero).AddTicks(1234567);
        ContactCenterEvent[] events =
        [
            new() { Id = "şğü-1", Type = EventType.ContactEnded, At = at, QueueId = "صف-۱", AgentId = "agent-ç", ContactId = "c-ı", WrapUp = true, CustomerId = "" },
            new() { Id = "e-2", Type = EventType.AgentStateChanged, At = at.AddSeconds(1), AgentId = "agent-ç", State = AgentState.AfterContactWork },
            new() { Id = "e-3", Type = EventType.ContactArrived, At = at.AddSeconds(2), QueueId = "صف-۱", ContactId = "c-2", CustomerId = "müşteri 😀" },
        ];
        await WithJournalAsync(kind, async journal =>
        {
            var recorded = await journal.AppendAsync(events, Ct);
            Assert.Equal([1L, 2L, 3L], recorded.Select(r => r.Sequence).ToList());
            var read = await journal.ReadContactEventsAsync(at.AddMinutes(-1), at.AddMinutes(1), Ct);
            var all = (await journal.ReadForAgentAsync("agent-ç", 0, Ct)).Concat(await journal.ReadForQueueAsync("صف-۱", 0, Ct))
                .Concat(read).GroupBy(e => e.Sequence).Select(g => g.First().Event).OrderBy(e => e.At).ToList();
            Assert.Equal(3, all.Count);
            for (var i = 0; i < events.Length; i++)
            {
                var (expected, actual) = (events[i], all[i]);
                Assert.Equal((expected.Id, expected.Type, expected.At, expected.QueueId, expected.AgentId, expected.ContactId, expected.State, expected.WrapUp, expected.CustomerId),
                    (actual.Id, actual.Type, actual.At, actual.QueueId, actual.AgentId, actual.ContactId, actual.State, actual.WrapUp, actual.CustomerId));
            }

            Assert.Empty(await journal.AppendAsync([events[0]], Ct)); // the same event again is not recorded
            var minutes = Assert.Single(await journal.AppendAsync([new ContactCenterEvent { Id = "rq", Type = EventType.StateRequested, At = at, AgentId = "agent-ç", State = AgentState.Break, Minutes = 15 }], Ct));
            Assert.Equal(15, (await journal.ReadForAgentAsync("agent-ç", 3, Ct)).Single().Event.Minutes);
            Assert.Equal((AgentState.Break, 15), ((await journal.ReadAgentEventsAfterAsync(3, at, 10, Ct)).Single().Event.State, (await journal.ReadAgentEventsAfterAsync(3, at, 10, Ct)).Single().Event.Minutes));
            Assert.True(minutes.Sequence > 3);
        });
    }
}
