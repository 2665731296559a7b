using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Data;
using Wfm.Data.Storage;

namespace Wfm.Server.Tests;

/// <summary>
/// The SQLite journal's reads by agent and by queue (walking its index by sequence block) give exactly what the
/// in-memory journal gives, across many blocks, and a journal with the earlier indexes is brought up to date.
/// </summary>
public sealed class SqliteEventJournalTests
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
        await using var db = await TempSqlite.CreateAsync("journal", before);
        return await body(new SqliteEventJournal(db.Database, db.Writer), db.Database);
    }

    /// <summary>What an agent's replay reads of each event.</summary>
    private static List<(long, EventType, DateTimeOffset, string?, string?, AgentState?, bool?)> Replayed(IReadOnlyList<SequencedEvent> events) =>
        events.Select(e => (e.Sequence, e.Event.Type, e.Event.At, e.Event.AgentId, e.Event.ContactId, e.Event.State, e.Event.WrapUp)).ToList();

    private static List<(long, string)> Ids(IReadOnlyList<SequencedEvent> events) => events.Select(e => (e.Sequence, e.Event.Id)).ToList();

    [Fact]
    public async Task ReadsByAgentAndQueue_AcrossManyBlocks_MatchTheInMemoryJournal()
    {
        var stream = Stream(3 * (1 << SqliteEventJournal.BlockShift) + 517, seed: 11);
        await WithJournalAsync<bool>(async (journal, _) =>
        {
            var memory = new InMemoryEventJournal();
            foreach (var batch in stream.Chunk(700))
            {
                var recorded = await journal.AppendAsync(batch, Ct);
                Assert.Equal(Ids(await memory.AppendAsync(batch, Ct)), Ids(recorded));
            }

            Assert.Empty(await journal.AppendAsync(stream.Take(50).ToList(), Ct)); // repeats are not recorded again
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
            return true;
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
                DROP INDEX IX_Events_Block_Agent; DROP INDEX IX_Events_Block_Queue;
                CREATE INDEX IX_Events_AgentId_Sequence ON Events (AgentId, Sequence);
                CREATE INDEX IX_Events_QueueId_Sequence ON Events (QueueId, Sequence);
                """;
            old.ExecuteNonQuery();
        });

        Assert.Contains("IX_Events_Block_Agent", indexes);
        Assert.Contains("IX_Events_Block_Queue", indexes);
        Assert.DoesNotContain("IX_Events_AgentId_Sequence", indexes);
        Assert.DoesNotContain("IX_Events_QueueId_Sequence", indexes);
    }

    [Fact]
    public async Task EveryField_RoundTrips_EmptyAndNonAsciiStringsIncluded()
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 30, 15, TimeSpan.Zero).AddTicks(1234567);
        ContactCenterEvent[] events =
        [
            new() { Id = "şğü-1", Type = EventType.ContactEnded, At = at, QueueId = "صف-۱", AgentId = "agent-ç", ContactId = "c-ı", WrapUp = true, CustomerId = "" },
            new() { Id = "e-2", Type = EventType.AgentStateChanged, At = at.AddSeconds(1), AgentId = "agent-ç", State = AgentState.AfterContactWork },
            new() { Id = "e-3", Type = EventType.ContactArrived, At = at.AddSeconds(2), QueueId = "صف-۱", ContactId = "c-2", CustomerId = "müşteri 😀" },
        ];
        await WithJournalAsync<bool>(async (journal, _) =>
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

            Assert.Empty(await journal.AppendAsync([events[0] with { At = at.AddHours(1) }], Ct)); // the same id again is not recorded
            return true;
        });
    }
}
