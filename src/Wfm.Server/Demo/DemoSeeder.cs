using Microsoft.Extensions.Options;
using Wfm.Data.Center;
using Wfm.Planning.Center;
using Wfm.Server.Hosting;
using Wfm.Simulation;

namespace Wfm.Server.Demo;

/// <summary>
/// On an empty database, sets up the generated demo contact center (fixed seed) through the same center service a
/// planner's forms and imports use, and marks the database as a demo; then imports its contact history through last
/// Sunday (on later starts, the weeks since), and — when its traffic runs — the hard fortnight of a few agents. Planning its weeks is the demo traffic's first step (<see cref="DemoPlanner"/>).
/// </summary>
public sealed class DemoSeeder(
    EfCenterStore store, CenterService center, DemoPlanner planner, IOptions<WfmServerOptions> options, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.SeedDemo)
        {
            return;
        }

        if (await store.IsEmptyAsync(cancellationToken))
        {
            await SeedCenterAsync(o, cancellationToken);
        }

        if (await store.IsDemoAsync(cancellationToken))
        {
            await planner.ImportHistoryAsync(cancellationToken);
            if (o.Demo ?? true)
            {
                // Before the board and the traffic wake the agents' grains.
                await planner.SeedStrainAsync(cancellationToken);
            }
        }
    }

    private async Task SeedCenterAsync(WfmServerOptions o, CancellationToken cancellationToken)
    {
        var generated = DemoCenterGenerator.Generate(o.DemoSeed, o.DemoAgents, o.TimeZone, Math.Min(o.DemoQueues, o.DemoAgents));
        await center.SeedAsync(DemoCenterSetup.Of(generated, o.IntervalMinutes), cancellationToken);
        logger.LogInformation("Seeded the demo contact center: {Queues} queues, {Agents} agents in {Teams} teams, time zone {TimeZone}",
            generated.Queues.Count, generated.Agents.Count, generated.Teams.Count, o.TimeZone);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
