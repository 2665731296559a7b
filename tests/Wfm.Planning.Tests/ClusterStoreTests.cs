using System.Net;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Data;
using Wfm.Data.Storage;

namespace Wfm.Planning.Tests;

/// <summary>What several silos share: grain state, the ingestion turn and Orleans' membership table.</summary>
public sealed class ClusterStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Ledger
    {
        public string Name { get; init; } = "";

        public int Count { get; init; }
    }

    /// <summary>The server's grain storage on the test database's provider, with the writers and reader it needs.</summary>
    private sealed class GrainStorageOn : IAsyncDisposable
    {
        private readonly SqliteWriter? _writer;
        private readonly NpgsqlDataSource? _source;
        private readonly PostgresWriter? _batches;
        private readonly PostgresStateReader? _reads;

        public GrainStorageOn(TestDatabase db)
        {
            if (db.Sqlite is { } sqlite)
            {
                _writer = new SqliteWriter(sqlite, NullLogger<SqliteWriter>.Instance);
                Storage = new SqliteGrainStorage(sqlite, _writer);
            }
            else
            {
                _source = NpgsqlDataSource.Create(db.Store.ConnectionString);
                _batches = new PostgresWriter(_source, NullLogger.Instance);
                _reads = new PostgresStateReader(_source, NullLogger.Instance);
                Storage = new PostgresGrainStorage(_source, _reads, _batches, TimeProvider.System);
            }
        }

        public IGrainStorage Storage { get; }

        public async ValueTask DisposeAsync()
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
            }

            if (_reads is not null)
            {
                await _reads.DisposeAsync();
            }

            if (_batches is not null)
            {
                await _batches.DisposeAsync();
            }

            if (_source is not null)
            {
                await _source.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task GrainState_IsWrittenOnlyOverTheETagItWasReadWith(WfmStoreKind kind)
    {
        using var db = TestDatabase.Create(kind);
        await using var grainStorage = new GrainStorageOn(db);
        var storage = grainStorage.Storage;
        var id = GrainId.Create("agent", "agent-ç");

        var fresh = new GrainState<Ledger>();
        await storage.ReadStateAsync("agent", id, fresh);
        Assert.False(fresh.RecordExists);
        fresh.State = new Ledger { Name = "Ayşe", Count = 1 };
        await storage.WriteStateAsync("agent", id, fresh);

        // Two activations read the same row (a grain moving between silos); the first to write wins, the other is refused.
        var one = new GrainState<Ledger>();
        var other = new GrainState<Ledger>();
        await storage.ReadStateAsync("agent", id, one);
        await storage.ReadStateAsync("agent", id, other);
        Assert.Equal((true, new Ledger { Name = "Ayşe", Count = 1 }), (one.RecordExists, one.State));
        one.State = new Ledger { Name = "Ayşe", Count = 2 };
        await storage.WriteStateAsync("agent", id, one);
        other.State = new Ledger { Name = "stale", Count = 99 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("agent", id, other));
        var again = new GrainState<Ledger>(new Ledger { Name = "new" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("agent", id, again));

        var read = new GrainState<Ledger>();
        await storage.ReadStateAsync("agent", id, read);
        Assert.Equal((new Ledger { Name = "Ayşe", Count = 2 }, one.ETag), (read.State, read.ETag));
        await storage.ClearStateAsync("agent", id, read);
        await storage.ReadStateAsync("agent", id, read);
        Assert.False(read.RecordExists);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task ManyGrainsActivatingAtOnce_EachReadsItsOwnState(WfmStoreKind kind)
    {
        using var db = TestDatabase.Create(kind);
        await using var grainStorage = new GrainStorageOn(db);
        var storage = grainStorage.Storage;

        // Every third conversation and every agent has a stored state; the same key under another state name is another row.
        var saved = new Dictionary<(string, string), GrainState<Ledger>>();
        for (var i = 0; i < 900; i++)
        {
            var (name, key) = i % 2 == 0 ? ("conversation", $"c-{i}") : ("agent", $"c-{i - 1}");
            if (name == "conversation" && i % 3 != 0)
            {
                continue;
            }

            var state = new GrainState<Ledger>(new Ledger { Name = $"{name} {key}", Count = i });
            await storage.WriteStateAsync(name, GrainId.Create(name, key), state);
            saved[(name, key)] = state;
        }

        // All of them, and as many that were never saved, read at once (as an event batch activates its grains).
        var asked = Enumerable.Range(0, 900).SelectMany(i => new[] { ("conversation", $"c-{i}"), ("agent", $"c-{i}") }).ToList();
        var states = asked.Select(_ => new GrainState<Ledger>()).ToList();
        await Task.WhenAll(asked.Select((a, i) => storage.ReadStateAsync(a.Item1, GrainId.Create(a.Item1, a.Item2), states[i])));
        for (var i = 0; i < asked.Count; i++)
        {
            if (saved.TryGetValue(asked[i], out var expected))
            {
                Assert.Equal((true, expected.State, expected.ETag), (states[i].RecordExists, states[i].State, states[i].ETag));
            }
            else
            {
                Assert.Equal((false, new Ledger(), (string?)null), (states[i].RecordExists, states[i].State, states[i].ETag));
            }
        }

        Assert.Equal(saved.Count, states.Count(x => x.RecordExists));
    }

    [Fact]
    public async Task LocalTurn_RemembersWhatWasRecordedAndNotApplied()
    {
        using var gate = new LocalIngestionGate();
        await using (var turn = await gate.EnterAsync(Ct))
        {
            Assert.Null(turn.Unapplied);
            turn.Recorded(10);
            turn.Applied(10);
            turn.Recorded(25);
        }

        await using (var turn = await gate.EnterAsync(Ct))
        {
            Assert.Equal((10L, 25L), turn.Unapplied);
            turn.Applied(25);
        }

        await using (var turn = await gate.EnterAsync(Ct))
        {
            Assert.Null(turn.Unapplied);
        }
    }

    [Fact]
    public async Task ClusterTurn_IsOneSilosAtATime_AndASiloThatDiesHoldingItLosesIt_LeavingWhatItDidNotApply()
    {
        using var db = TestDatabase.Create(WfmStoreKind.Postgres);
        await using var sourceA = NpgsqlDataSource.Create(db.Store.ConnectionString);
        await using var sourceB = NpgsqlDataSource.Create(db.Store.ConnectionString);
        await using var siloA = new PostgresIngestionGate(sourceA, NullLogger<PostgresIngestionGate>.Instance);
        await using var siloB = new PostgresIngestionGate(sourceB, NullLogger<PostgresIngestionGate>.Instance);
        var journal = new PostgresEventJournal(sourceA);
        var at = DateTimeOffset.UtcNow;

        // A records and applies a batch in one turn, and records the next in another (and has not applied it yet).
        IReadOnlyList<SequencedEvent> first;
        await using (var done = await siloA.EnterAsync(Ct))
        {
            Assert.Null(done.Unapplied);
            first = await journal.AppendAsync([new ContactCenterEvent { Id = "e1", Type = EventType.ContactArrived, At = at, QueueId = "q", ContactId = "c1" }], Ct);
            done.Recorded(first[^1].Sequence);
            done.Applied(first[^1].Sequence);
        }

        var turnA = await siloA.EnterAsync(Ct);
        Assert.Null(turnA.Unapplied);
        var second = await journal.AppendAsync([new ContactCenterEvent { Id = "e2", Type = EventType.ContactArrived, At = at, QueueId = "q", ContactId = "c2" }], Ct);
        turnA.Recorded(second[^1].Sequence);

        // B waits for the turn while A holds it (seen in PostgreSQL's lock table), then A dies: its session ends.
        var waiting = siloB.EnterAsync(Ct);
        await using var admin = NpgsqlDataSource.Create(db.Store.ConnectionString);
        int holder;
        while (true)
        {
            await using var locks = admin.CreateCommand(
                $"SELECT bool_or(NOT granted), max(pid) FILTER (WHERE granted) FROM pg_locks WHERE locktype = 'advisory' AND objid = {PostgresIngestionGate.TurnLock & 0xFFFFFFFF}");
            await using var reader = await locks.ExecuteReaderAsync(Ct);
            await reader.ReadAsync(Ct);
            if (!reader.IsDBNull(0) && reader.GetBoolean(0))
            {
                holder = reader.GetInt32(1);
                break;
            }

            Assert.False(waiting.IsCompleted);
            await Task.Yield();
        }

        Assert.False(waiting.IsCompleted);
        await using (var kill = admin.CreateCommand($"SELECT pg_terminate_backend({holder})"))
        {
            await kill.ExecuteNonQueryAsync(Ct);
        }

        await using (var turnB = await waiting)
        {
            Assert.Equal((first[^1].Sequence, second[^1].Sequence), turnB.Unapplied);
            turnB.Applied(second[^1].Sequence);
        }

        // A's turn ends quietly on its dead connection; A takes the next turn on a new one, with nothing left over.
        await turnA.DisposeAsync();
        await using (var again = await siloA.EnterAsync(Ct))
        {
            Assert.Null(again.Unapplied);
        }
    }

    private static MembershipEntry Silo(int port, SiloStatus status, DateTime alive) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 155_000_000 + port),
        Status = status,
        HostName = "host",
        SiloName = $"silo-{port}",
        ProxyPort = port + 1000,
        StartTime = alive.AddMinutes(-1),
        IAmAliveTime = alive,
        SuspectTimes = [],
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task MembershipTable_ChangesOnlyFromTheVersionAndETagTheCallerSaw(WfmStoreKind kind)
    {
        using var db = TestDatabase.Create(kind);
        var contexts = new PooledDbContextFactory<WfmDbContext>(db.Store.Options());
        IMembershipTable table = new ClusterMembershipTable(contexts, Options.Create(new ClusterOptions { ClusterId = "c1", ServiceId = "wfm" }));
        IMembershipTable otherCluster = new ClusterMembershipTable(contexts, Options.Create(new ClusterOptions { ClusterId = "c2", ServiceId = "wfm" }));
        await table.InitializeMembershipTableAsync(true, Ct);
        await table.InitializeMembershipTableAsync(true, Ct);
        await otherCluster.InitializeMembershipTableAsync(true, Ct);
        var now = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

        var empty = await table.ReadAllAsync(Ct);
        Assert.Empty(empty.Members);
        var a = Silo(11111, SiloStatus.Joining, now);
        Assert.True(await table.InsertRowAsync(a, empty.Version.Next(), Ct));
        Assert.False(await table.InsertRowAsync(Silo(11112, SiloStatus.Joining, now), empty.Version.Next(), Ct)); // a stale version
        var one = await table.ReadAllAsync(Ct);
        var (entry, etag) = Assert.Single(one.Members);
        Assert.Equal((a.SiloAddress, SiloStatus.Joining, "silo-11111", 12111), (entry.SiloAddress, entry.Status, entry.SiloName, entry.ProxyPort));
        Assert.Equal(1, one.Version.Version);
        Assert.Empty((await otherCluster.ReadAllAsync(Ct)).Members);

        entry.Status = SiloStatus.Active;
        entry.AddOrUpdateSuspector(Silo(11113, SiloStatus.Active, now).SiloAddress, now, 3);
        Assert.False(await table.UpdateRowAsync(entry, "not-the-etag", one.Version.Next(), Ct));
        Assert.True(await table.UpdateRowAsync(entry, etag, one.Version.Next(), Ct));
        Assert.False(await table.UpdateRowAsync(entry, etag, (await table.ReadAllAsync(Ct)).Version.Next(), Ct)); // the etag moved on

        var row = await table.ReadRowAsync(a.SiloAddress, Ct);
        var (active, activeETag) = Assert.Single(row.Members);
        Assert.Equal((SiloStatus.Active, 1), (active.Status, active.SuspectTimes!.Count));
        active.IAmAliveTime = now.AddMinutes(5);
        await table.UpdateIAmAliveAsync(active, Ct);
        var alive = await table.ReadRowAsync(a.SiloAddress, Ct);
        Assert.Equal((now.AddMinutes(5), activeETag, row.Version), (alive.Members[0].Item1.IAmAliveTime, alive.Members[0].Item2, alive.Version));

        active.Status = SiloStatus.Dead;
        Assert.True(await table.UpdateRowAsync(active, activeETag, alive.Version.Next(), Ct));
        await table.CleanupDefunctSiloEntriesAsync(now.AddMinutes(1), Ct);
        Assert.Single((await table.ReadAllAsync(Ct)).Members);
        await table.CleanupDefunctSiloEntriesAsync(now.AddMinutes(10), Ct);
        Assert.Empty((await table.ReadAllAsync(Ct)).Members);
        await table.DeleteMembershipTableEntriesAsync("c1", Ct);
        Assert.Equal(0, (await table.ReadAllAsync(Ct)).Version.Version);
    }
}
