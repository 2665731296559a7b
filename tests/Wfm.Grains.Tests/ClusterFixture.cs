using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Queues;
using Wfm.Core.Time;
using Wfm.Grains;

namespace Wfm.Grains.Tests;

/// <summary>One in-process silo for the collection, with in-memory "wfm" storage, journal and directory.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly InMemoryDirectory Directory = new(
        CenterClock.For("Europe/Istanbul", 15),
        [new TeamProfile("t1", "Team")],
        Enumerable.Range(1, 20).Select(i => new QueueProfile($"q{i}", $"Queue {i}", Channel.Voice, new ServiceLevelTarget(80, 20))),
        Enumerable.Range(1, 20).Select(i => new AgentProfile($"a{i}", $"Agent {i}", "t1", [new AgentSkill($"q{i}", 3)], "en")));

    public static readonly InMemoryEventJournal Journal = new();

    public static readonly InMemoryReplyLibrary Replies = new();

    /// <summary>
    /// The silo's clock: real time, shifted back two hours in the first hour of an Istanbul day so that a test's scripted
    /// half hour never straddles local midnight (adherence is per local day).
    /// </summary>
    public static readonly TimeProvider Clock = new ClearOfMidnight(Directory.Clock);

    private sealed class ClearOfMidnight(CenterClock center) : TimeProvider
    {
        private readonly TimeSpan _shift = center.ToLocal(DateTimeOffset.UtcNow).TimeOfDay < TimeSpan.FromHours(1) ? TimeSpan.FromHours(-2) : TimeSpan.Zero;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("wfm");
            // The memory storage keeps state as typed JSON: a ledger read back (a reactivation, a test) names its types.
            silo.Services.Configure<Orleans.Serialization.OrleansJsonSerializerOptions>(o => o.AllowAllTypes = true);
            silo.Services.AddSingleton<IContactCenterDirectory>(Directory);
            silo.Services.AddSingleton<IEventJournal>(Journal);
            silo.Services.AddSingleton<IIncidentStore>(new InMemoryIncidentStore());
            silo.Services.AddSingleton<IReplyLibrary>(Replies);
            // The feed has been observed since yesterday: scripted days are judged whole.
            silo.Services.AddSingleton(Clock);
            silo.Services.AddSingleton(new ObservationStart(Clock.GetUtcNow().AddDays(-1)));
            silo.Services.AddWfmGrainServices();
            // Agents and queues save within a second of a change (the server's 10 s would only slow the tests that wait for it).
            silo.Services.Configure<WfmGrainOptions>(o => o.LedgerSaveEvery = TimeSpan.FromSeconds(1));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
