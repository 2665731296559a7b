using Microsoft.EntityFrameworkCore.Infrastructure;
using Wfm.Core.Adherence;
using Wfm.Core.Conversations;
using Wfm.Core.Forecasting;
using Wfm.Core.Ports;
using Wfm.Data;
using Wfm.Data.Conversations;
using Wfm.Data.Entities;
using Wfm.Data.History;
using Wfm.Data.Privacy;
using Wfm.Data.Storage;

namespace Wfm.Planning.Tests;

/// <summary>Incidents, the reply library, contact history, the plan archive and personal data: the same on SQLite and PostgreSQL.</summary>
public sealed class OperationsStoresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AbuseIncident Incident(string id, DateTimeOffset at, string? agentId, bool closed) =>
        AbuseIncident.From(id, at, agentId, "queue-1", $"contact-{id}", "customer-1", IncidentSource.Reported, "you are useless, I will find you", null)
        with { Status = closed ? IncidentStatus.Closed : IncidentStatus.Open };

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Incidents_AreAddedOnce_ListedNewestFirst_AndTheirAgentTimesMatchTheInMemoryStore(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        IIncidentStore stored = new IncidentStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()));
        IIncidentStore memory = new InMemoryIncidentStore();
        var start = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 60; i++)
        {
            var incident = Incident($"i-{i}", start.AddHours(i * 13), i % 5 == 0 ? null : $"agent-{i % 4}", closed: i % 3 == 0);
            Assert.True(await stored.AddAsync(incident, Ct));
            await memory.AddAsync(incident, Ct);
        }

        Assert.False(await stored.AddAsync(Incident("i-1", start, "someone-else", false), Ct));
        Assert.Equal("agent-1", (await stored.GetAsync("i-1", Ct))!.AgentId);

        var since = start.AddDays(10);
        var times = await stored.AgentTimesAsync(since, Ct);
        Assert.Equal(await memory.AgentTimesAsync(since, Ct), times);

        // 60 incidents 13 h apart: those from day 10 on are i ≥ 19 (41 of them), less the 8 without an agent.
        Assert.Equal(33, times.Count);
        Assert.Equal(
            (await memory.ListAsync(true, since, 5, Ct)).Select(i => i.Id),
            (await stored.ListAsync(true, since, 5, Ct)).Select(i => i.Id));

        var closed = (await stored.GetAsync("i-59", Ct))! with { Status = IncidentStatus.Closed, Outcome = "warned" };
        await stored.UpdateAsync(closed, Ct);
        Assert.Equal("warned", (await stored.GetAsync("i-59", Ct))!.Outcome);
        Assert.DoesNotContain("i-59", (await stored.ListAsync(true, null, 100, Ct)).Select(i => i.Id));
        Assert.Null(await stored.GetAsync("nope", Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task ReplyLibrary_ReadsTheWindow_AtLeastTheNewestN_AndAtMostTheNewestM(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var library = new ReplyLibrary(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()));
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            await library.AddAsync(new ReplyPair(0, now.AddDays(-10 + i), i % 2 == 0 ? "fa" : "tr", "q", "a", $"پرسش {i}", $"yanıt {i}"), Ct);
        }

        async Task<List<long>> Ids(int atLeast, int atMost = int.MaxValue) =>
            (await library.ReadRecentAsync(now.AddDays(-5), atLeast, atMost, Ct)).Select(p => p.Id).ToList();

        Assert.Equal([6L, 7L, 8L, 9L, 10L], await Ids(2));
        Assert.Equal([8L, 9L, 10L], await Ids(2, 3));
        Assert.Equal([4L, 5L, 6L, 7L, 8L, 9L, 10L], await Ids(7, 8));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i).ToList(), await Ids(20, 50));
        var after = await library.ReadAfterAsync(8, 10, Ct);
        Assert.Equal([9L, 10L], after.Select(p => p.Id));
        Assert.Equal(("tr", "پرسش 9", "yanıt 9", now.AddDays(-1)), (after[1].Language, after[1].Question, after[1].Reply, after[1].At));
    }

    /// <summary>Days of half-hour intervals from 9:00 to 17:00, each day's volume one more than the day before.</summary>
    private static DemandHistory History(string queue, DateOnly first, int days, double offered, bool aht = true)
    {
        var observations = new List<DemandObservation>();
        for (var d = 0; d < days; d++)
        {
            for (var minute = 9 * 60; minute < 17 * 60; minute += 30)
            {
                observations.Add(new DemandObservation(
                    first.AddDays(d).ToDateTime(TimeOnly.MinValue).AddMinutes(minute), offered + d, aht ? 240 : null, aht ? offered + d : null, observations.Count + 1));
            }
        }

        return DemandHistory.Build(queue, 30, observations);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task History_IsImportedWholeOrNotAtAll_ReplacesTheDaysItCovers_AndIsRenamedWithItsForecasts(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        var store = new HistoryStore(contexts, TimeProvider.System);
        var monday = new DateOnly(2026, 11, 2);

        var first = Assert.Single(await store.ImportAsync([History("voice", monday, 14, 10)], "weeks1.csv"));
        Assert.Equal(("voice", 14 * 16, 0), (first.Key, first.Written, first.Replaced));

        // Two weeks from the 13th day with other volumes and no handle times: the 2 days they share are replaced.
        var second = Assert.Single(await store.ImportAsync([History("voice", monday.AddDays(12), 14, 100, aht: false)], "weeks2.csv"));
        Assert.Equal((14 * 16, 2 * 16), (second.Written, second.Replaced));
        var series = Assert.Single(await store.ListAsync());
        Assert.Equal((monday, monday.AddDays(25), 26 * 16, true, "weeks2.csv"), (series.FirstDay, series.LastDay, series.Intervals, series.HasHandleTimes, series.FileName));
        Assert.Equal(16 * Enumerable.Range(10, 12).Sum() + 16 * Enumerable.Range(100, 14).Sum(), series.Contacts, 6);

        // A file two months later meets nothing: refused, and from a file of two queues neither is stored.
        await Assert.ThrowsAsync<HistoryConflictException>(() => store.ImportAsync([History("chat", monday, 14, 5), History("voice", monday.AddDays(60), 14, 1)], "two.csv"));
        Assert.Single(await store.ListAsync());
        var apart = Assert.Single(await store.ImportAsync([History("voice", monday.AddDays(60), 14, 1)], "later.csv", mode: HistoryImportMode.New));
        Assert.Equal("voice (2)", apart.Key);

        var intervals = await store.IntervalsAsync("voice", monday.AddDays(12), monday.AddDays(12));
        Assert.Equal(16, intervals.Count);
        Assert.Equal((monday.AddDays(12).ToDateTime(new TimeOnly(9, 0)), 100.0, (double?)null), (intervals[0].Start, intervals[0].Offered, intervals[0].AhtSeconds));
        Assert.Equal(monday.AddDays(12).ToDateTime(new TimeOnly(16, 30)), intervals[^1].Start);

        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            db.Forecasts.Add(new ForecastEntity { SeriesKey = "voice", Model = "m", CreatedTicks = 1, HorizonDays = 7, IntervalMinutes = 30, RequestJson = "{}", ResultJson = "{}", ChartSvg = "" });
            await db.SaveChangesAsync(Ct);
        }

        await Assert.ThrowsAsync<HistoryConflictException>(() => store.RenameAsync("voice", "voice (2)"));
        Assert.True(await store.RenameAsync("voice", "Voice TR"));
        Assert.False(await store.RenameAsync("voice", "again"));
        Assert.Equal(["Voice TR", "voice (2)"], (await store.ListAsync()).Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(26, (await store.LoadAsync("Voice TR"))!.DayCount);
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            Assert.Equal("Voice TR", db.Forecasts.Single().SeriesKey);
        }

        Assert.True(await store.DeleteAsync("Voice TR"));
        Assert.False(await store.DeleteAsync("Voice TR"));
        Assert.Empty(await store.IntervalsAsync("Voice TR"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task PlanArchive_ReadsPublishedDays_InTheRange_OfOneAgentOrAll(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        var start = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(3));
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            foreach (var (agent, day) in new[] { ("a1", 6), ("a1", 7), ("a1", 8), ("a10", 7), ("a2", 7), ("a2", 9) })
            {
                var json = $$"""[{"activity":"Work","start":"{{start.AddDays(day - 7):O}}","end":"{{start.AddDays(day - 7).AddHours(8):O}}"}]""";
                db.GrainStates.Add(new GrainStateEntity { GrainType = "shift", GrainKey = $"shift/{agent}|2026-12-{day:00}", Json = json, ETag = "e" });
            }

            db.GrainStates.Add(new GrainStateEntity { GrainType = "shift", GrainKey = "shift/a3|2026-12-07", Json = "[]", ETag = "e" });
            db.GrainStates.Add(new GrainStateEntity { GrainType = "agent", GrainKey = "agent/a1", Json = "{}", ETag = "e" });
            await db.SaveChangesAsync(Ct);
        }

        var archive = new PlanArchive(contexts);
        var all = await archive.ReadAsync(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8), cancellationToken: Ct);
        Assert.Equal(
            ["a1 2026-12-07", "a1 2026-12-08", "a10 2026-12-07", "a2 2026-12-07"],
            all.Keys.Select(k => $"{k.AgentId} {k.Day:yyyy-MM-dd}").Order(StringComparer.Ordinal));
        var plan = Assert.Single(all[("a1", new DateOnly(2026, 12, 7))]);
        Assert.Equal((start, start.AddHours(8)), (plan.Start, plan.End));
        var one = await archive.ReadAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), "a1", Ct);
        Assert.Equal(3, one.Count);
        Assert.All(one.Keys, k => Assert.Equal("a1", k.AgentId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task PersonalData_IsReadAndErasedPerAgent_AndACustomerBecomesAPseudonym(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        var library = new ReplyLibrary(contexts);
        await library.AddAsync(new ReplyPair(0, DateTimeOffset.UnixEpoch, "en", "q", "a1", "where is my order", "on its way"), Ct);
        await library.AddAsync(new ReplyPair(0, DateTimeOffset.UnixEpoch, "en", "q", "a2", "hello", "hi"), Ct);
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            db.Agents.AddRange(
                new AgentEntity { Id = "a1", Name = "Ayşe Yılmaz", TeamId = "t", Skills = "q:1", Locale = "tr" },
                new AgentEntity { Id = "a2", Name = "Sara Ahmadi", TeamId = "t", Skills = "q:1", Locale = "fa" });
            db.ScheduleRequests.Add(new ScheduleRequestEntity { ScheduleId = 1, AgentId = "a2", OtherAgentId = "a1", Kind = "swap", Status = "pending", Day = 1, CreatedTicks = 1, CheckJson = "{}" });
            db.Events.Add(new EventEntity { EventId = "e1", Type = "ContactArrived", At = DateTimeOffset.UnixEpoch, QueueId = "q", ContactId = "c1", CustomerId = "cust-9" });
            db.Events.Add(new EventEntity { EventId = "e2", Type = "ContactArrived", At = DateTimeOffset.UnixEpoch, QueueId = "q", ContactId = "c2", CustomerId = "cust-9" });
            db.GrainStates.Add(new GrainStateEntity { GrainType = "conversation", GrainKey = "conversation/c1", Json = "{\"customerId\":\"cust-9\"}", ETag = "e" });
            await db.SaveChangesAsync(Ct);
        }

        var personal = new PersonalDataStore(contexts);
        var rows = await personal.ReadAgentAsync("a1", Ct);
        Assert.Equal("where is my order", Assert.Single(rows.Answers)["Question"]);
        var removed = await personal.EraseAgentAsync("a1", Ct);
        Assert.Equal((1, 1), (removed["ReplyLibrary"], removed["AgentName"]));
        Assert.Empty((await personal.ReadAgentAsync("a1", Ct)).Answers);
        Assert.Single((await personal.ReadAgentAsync("a2", Ct)).Answers);
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            Assert.Equal(PersonalDataStore.ErasedName, db.Agents.Single(a => a.Id == "a1").Name);
            Assert.Null(db.ScheduleRequests.Single().OtherAgentId);
        }

        Assert.Equal(2, (await personal.CustomerEventsAsync("cust-9", Ct)).Count);
        Assert.Equal(["c1"], await personal.ConversationsOfCustomerAsync("cust-9", Ct));
        Assert.Equal(2, await personal.PseudonymizeCustomerAsync("cust-9", Ct));
        Assert.Empty(await personal.CustomerEventsAsync("cust-9", Ct));
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            Assert.Single(db.Events.Select(e => e.CustomerId).Distinct());
        }
    }

    [Fact]
    public async Task Tables_MadeByTheEarlierSqliteStores_AreReadAndWrittenAsTheyAre()
    {
        using var database = TestDatabase.Create(WfmStoreKind.Sqlite, path =>
        {
            using var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false");
            old.Open();
            using var create = old.CreateCommand();
            // As the SQLite-only stores made them, with rows.
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS Incidents (Id TEXT PRIMARY KEY, AtTicks INTEGER NOT NULL, Closed INTEGER NOT NULL, Json TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS IX_Incidents_At ON Incidents (AtTicks);
                INSERT INTO Incidents VALUES ('old', 638000000000000000, 1, '{"id":"old","at":"2022-09-23T10:13:20+00:00","agentId":"a1","queueId":"q","contactId":"c","source":"Reported","status":"Closed","severity":"Medium","evidence":[],"actions":[]}');
                CREATE TABLE IF NOT EXISTS ReplyLibrary (Id INTEGER PRIMARY KEY AUTOINCREMENT, AtTicks INTEGER NOT NULL, Language TEXT NOT NULL, QueueId TEXT NOT NULL,
                    AgentId TEXT NOT NULL, Question TEXT NOT NULL, Reply TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS IX_ReplyLibrary_At ON ReplyLibrary (AtTicks);
                INSERT INTO ReplyLibrary (AtTicks, Language, QueueId, AgentId, Question, Reply) VALUES (638000000000000000, 'fa', 'q', 'a1', 'سلام', 'درود');
                CREATE TABLE IF NOT EXISTS HistorySeries (SeriesKey TEXT NOT NULL PRIMARY KEY, Queue TEXT NOT NULL, Channel TEXT NULL, IntervalMinutes INTEGER NOT NULL,
                    HasAht INTEGER NOT NULL, ImportedTicks INTEGER NOT NULL, FileName TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS HistoryIntervals (SeriesKey TEXT NOT NULL, Day INTEGER NOT NULL, Slot INTEGER NOT NULL, Offered REAL NOT NULL,
                    AhtSeconds REAL NULL, Handled REAL NULL, PRIMARY KEY (SeriesKey, Day, Slot)) WITHOUT ROWID;
                INSERT INTO HistorySeries VALUES ('voice', 'voice', NULL, 30, 1, 638000000000000000, 'old.csv');
                INSERT INTO HistoryIntervals VALUES ('voice', 739921, 18, 12.5, 200, 12), ('voice', 739921, 19, 7, NULL, NULL);
                CREATE TABLE Events (Sequence INTEGER NOT NULL CONSTRAINT PK_Events PRIMARY KEY AUTOINCREMENT, EventId TEXT NOT NULL, Type TEXT NOT NULL,
                    At INTEGER NOT NULL, QueueId TEXT NULL, AgentId TEXT NULL, ContactId TEXT NULL, State TEXT NULL, WrapUp INTEGER NULL);
                CREATE UNIQUE INDEX IX_Events_EventId ON Events (EventId);
                CREATE INDEX IX_Events_AgentId_Sequence ON Events (AgentId, Sequence);
                INSERT INTO Events (EventId, Type, At, QueueId, ContactId) VALUES ('old-1', 'ContactArrived', 638000000000000000, 'q', 'c-old');
                """;
            create.ExecuteNonQuery();
        });
        var contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        var incidents = new IncidentStore(contexts);
        Assert.Equal(IncidentStatus.Closed, (await incidents.GetAsync("old", Ct))!.Status);
        Assert.Equal([("a1", new DateTimeOffset(638000000000000000, TimeSpan.Zero))], await incidents.AgentTimesAsync(DateTimeOffset.UnixEpoch, Ct));
        Assert.True(await incidents.AddAsync(Incident("new", DateTimeOffset.UtcNow, "a2", false), Ct));

        var library = new ReplyLibrary(contexts);
        await library.AddAsync(new ReplyPair(0, DateTimeOffset.UtcNow, "tr", "q", "a2", "merhaba", "merhaba, nasıl yardımcı olabilirim?"), Ct);
        Assert.Equal([(1L, "درود"), (2L, "merhaba, nasıl yardımcı olabilirim?")], (await library.ReadAfterAsync(0, 10, Ct)).Select(p => (p.Id, p.Reply)));

        var history = new HistoryStore(contexts, TimeProvider.System);
        var series = Assert.Single(await history.ListAsync());
        Assert.Equal((30, true, 2, 19.5, "old.csv"), (series.IntervalMinutes, series.HasHandleTimes, series.Intervals, series.Contacts, series.FileName));
        var day = DateOnly.FromDayNumber(739921);
        var stored = await history.IntervalsAsync("voice");
        Assert.Equal((day.ToDateTime(new TimeOnly(9, 0)), 12.5, (double?)200, (double?)12), (stored[0].Start, stored[0].Offered, stored[0].AhtSeconds, stored[0].Handled));
        var next = Assert.Single(await history.ImportAsync([History("voice", day.AddDays(1), 14, 3)], "new.csv"));
        Assert.Equal((14 * 16, 0), (next.Written, next.Replaced));
        Assert.Equal(2 + 14 * 16, (await history.IntervalsAsync("voice")).Count);

        // A journal from before customer ids and minutes were kept gains the columns; its rows read on.
        await using var writer = new SqliteWriter(database.Sqlite!, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteWriter>.Instance);
        var journal = new SqliteEventJournal(database.Sqlite!, writer);
        var added = await journal.AppendAsync([new Core.Events.ContactCenterEvent { Id = "new-1", Type = Core.Events.EventType.ContactArrived, At = DateTimeOffset.UtcNow, QueueId = "q", ContactId = "c-new", CustomerId = "cust-1" }], Ct);
        Assert.Equal(2, Assert.Single(added).Sequence);
        var read = await journal.ReadForQueueAsync("q", 0, Ct);
        Assert.Equal([("old-1", (string?)null), ("new-1", "cust-1")], read.Select(e => (e.Event.Id, e.Event.CustomerId)));
    }
}
