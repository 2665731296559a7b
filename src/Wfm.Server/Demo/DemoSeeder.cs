using System.Globalization;
using Microsoft.Extensions.Options;
using Wfm.Core.Directory;
using Wfm.Data;
using Wfm.Server.Hosting;
using Wfm.Simulation;

namespace Wfm.Server.Demo;

/// <summary>On an empty database, stores the generated demo contact center (fixed seed) and marks the database as a demo.</summary>
public sealed class DemoSeeder(DirectoryStore store, InMemoryDirectory directory, IOptions<WfmServerOptions> options, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.SeedDemo || !await store.IsEmptyAsync(cancellationToken))
        {
            return;
        }

        var center = DemoCenterGenerator.Generate(o.DemoSeed, o.DemoAgents, o.TimeZone);
        var settings = new Dictionary<string, string>
        {
            [DirectoryStore.TimeZoneKey] = o.TimeZone,
            [DirectoryStore.IntervalKey] = o.IntervalMinutes.ToString(CultureInfo.InvariantCulture),
            [DirectoryStore.DemoKey] = "true",
        };
        var queues = center.Queues.Select(q => q.Profile).ToList();
        await store.SaveAsync(center.Teams, queues, center.Agents, settings, cancellationToken);
        var (clock, teams, storedQueues, agents) = store.Load(o.TimeZone, o.IntervalMinutes);
        directory.Replace(clock, teams, storedQueues, agents);
        logger.LogInformation("Seeded the demo contact center: {Queues} queues, {Agents} agents in {Teams} teams, time zone {TimeZone}",
            queues.Count, center.Agents.Count, center.Teams.Count, o.TimeZone);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
