using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Wfm.Core.Directory;
using Wfm.Core.Queues;
using Wfm.Data;
using Wfm.Data.Center;
using Wfm.Data.Storage;
using Wfm.Planning.Center;

namespace Wfm.Planning.Tests;

/// <summary>A center service over its own SQLite file (the real EF store), deleted when disposed.</summary>
public sealed class TestCenter : IDisposable
{
    public TestCenter(Action<string>? before = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wfm-center-{Guid.NewGuid():N}.db");
        before?.Invoke(Path);
        Database = new SqliteDatabase(Path);
        WfmDataExtensions.EnsureSchema(Database);
        Contexts = new PooledDbContextFactory<WfmDbContext>(new DbContextOptionsBuilder<WfmDbContext>().UseSqlite(Database.ConnectionString).Options);
        Store = new EfCenterStore(Contexts);
        Directory = InMemoryDirectory.Of(Store.LoadAsync(WfmDataExtensions.DefaultSettings("Europe/Istanbul", 15), CancellationToken.None).GetAwaiter().GetResult());
        Service = new CenterService(Store, Directory, TimeProvider.System);
    }

    public string Path { get; }

    public SqliteDatabase Database { get; }

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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
