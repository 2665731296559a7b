using Microsoft.Extensions.Options;
using Wfm.Core.Directory;
using Wfm.Data.Center;
using Wfm.Data.History;
using Wfm.Planning.Center;
using Wfm.Server.Hosting;
using Wfm.Simulation;

namespace Wfm.Server.Demo;

/// <summary>
/// On an empty database, sets up the generated demo contact center (fixed seed) through the same center service a
/// planner's forms and imports use, and marks the database as a demo.
/// </summary>
public sealed class DemoSeeder(
    EfCenterStore store, CenterService center, InMemoryDirectory directory, HistoryStore history, IOptions<WfmServerOptions> options, ILogger<DemoSeeder> logger) : IHostedService
{
    /// <summary>Weeks of past contact history the demo center starts with.</summary>
    public const int HistoryWeeks = 12;

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

        if (await store.IsDemoAsync(cancellationToken) && (await history.ListAsync()).Count == 0)
        {
            await SeedHistoryAsync(o);
        }
    }

    /// <summary>Twelve weeks of history up to yesterday (center time), so forecasts can be made at once.</summary>
    private async Task SeedHistoryAsync(WfmServerOptions o)
    {
        var yesterday = directory.Clock.LocalDate(DateTimeOffset.UtcNow).AddDays(-1);
        var histories = DemoHistoryGenerator.Generate(yesterday.AddDays(-(7 * HistoryWeeks) + 1), yesterday, directory.Clock.IntervalMinutes, o.DemoSeed);
        var imported = await history.ImportAsync(histories, "demo history");
        logger.LogInformation("Seeded {Weeks} weeks of demo contact history: {Intervals} intervals in {Series} queues",
            HistoryWeeks, imported.Sum(i => i.Written), imported.Count);
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
