using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Wfm.Core.Directory;
using Wfm.Core.Queues;
using Wfm.Data;
using Wfm.Data.Center;
using Wfm.Data.Storage;
using Wfm.Planning.Center;

namespace Wfm.Planning.Tests;

/// <summary>A center service over a database of its own (the real EF store; SQLite unless told), gone when disposed.</summary>
public sealed class TestCenter : IDisposable
{
    public TestCenter(Action<string>? before = null)
        : this(TestDatabase.Create(WfmStoreKind.Sqlite, before))
    {
    }

    public TestCenter(WfmStoreKind kind)
        : this(TestDatabase.Create(kind))
    {
    }

    private TestCenter(TestDatabase database)
    {
        Database = database;
        Contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        Store = new EfCenterStore(Contexts);
        Directory = InMemoryDirectory.Of(Store.LoadAsync(WfmDataExtensions.DefaultSettings("Europe/Istanbul", 15), CancellationToken.None).GetAwaiter().GetResult());
        Service = new CenterService(Store, Directory, TimeProvider.System);
    }

    public TestDatabase Database { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string Path => Database.Path ?? throw new InvalidOperationException("a PostgreSQL database has no file");

    /// <summary>The SQLite database, for the stores not yet in the EF model (SQLite only).</summary>
    public SqliteDatabase Sqlite => Database.Sqlite ?? throw new InvalidOperationException("this store is on SQLite only so far");

    public IDbContextFactory<WfmDbContext> Contexts { get; }

    public EfCenterStore Store { get; }

    public InMemoryDirectory Directory { get; }

    public CenterService Service { get; }

    public static QueueProfile Voice(string id = "voice") => new(id, "Voice line", Channel.Voice, new ServiceLevelTarget(80, 20));

    public static ContractProfile FullTime { get; } = new("ft", "Full time", 32, 40, 5, 6, 11);

    /// <summary>A queue, a team and a contract, so agents can be added.</summary>
    public async Task<TestCenter> WithBasicsAsync()
    {
        await Service.SaveQueueAsync(Voice(), create: true);
        await Service.SaveTeamAsync(new TeamProfile("north", "North"), create: true);
        await Service.SaveContractAsync(FullTime, create: true);
        return this;
    }

    public static AgentProfile Agent(string id, string team = "north", string queue = "voice") =>
        new(id, $"Agent {id}", team, [new AgentSkill(queue, 4)], "en", "ft");

    public void Dispose() => Database.Dispose();
}
