using System.Globalization;
using Microsoft.Extensions.Options;
using Wfm.Core.Directory;
using Wfm.Data;
using Wfm.Data.History;
using Wfm.Server.Hosting;
using Wfm.Simulation;

namespace Wfm.Server.Demo;

/// <summary>On an empty database, stores the generated demo contact center (fixed seed) and marks the database as a demo.</summary>
public sealed class DemoSeeder(
    DirectoryStore store, InMemoryDirectory directory, HistoryStore history, IOptions<WfmServerOptions> options, ILogger<DemoSeeder> logger) : IHostedService
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

        if (await store.GetSettingAsync(DirectoryStore.DemoKey, cancellationToken) == "true" && (await history.ListAsync()).Count == 0)
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
        var center = DemoCenterGenerator.Generate(o.DemoSeed, o.DemoAgents, o.TimeZone, Math.Min(o.DemoQueues, o.DemoAgents));
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
