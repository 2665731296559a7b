using Microsoft.Extensions.Options;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Data;
using Wfm.Grains.Abstractions;
using Wfm.Grains.Ingestion;
using Wfm.Server.Hosting;
using Wfm.Simulation;

namespace Wfm.Server.Demo;

/// <summary>
/// Demo mode: publishes today's demo shifts and runs the seeded traffic generator in real time, feeding its
/// events through the same ingestion path as POST /api/events. On a restart it continues from the grains' state.
/// </summary>
public sealed class DemoTrafficService(
    IGrainFactory grains,
    IContactCenterDirectory directory,
    Wfm.Data.Center.EfCenterStore store,
    EventIngestor ingestor,
    TimeProvider time,
    IOptions<WfmServerOptions> options,
    ILogger<DemoTrafficService> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private DateOnly _shiftsPublishedFor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var demo = o.Demo ?? await store.IsDemoAsync(stoppingToken);
        if (!demo)
        {
            logger.LogInformation("Demo traffic is off (set Wfm:Demo=true or --demo true to run it)");
            return;
        }

        var center = CenterFromDirectory(o.TimeZone);
        var start = time.GetUtcNow();
        await PublishShiftsAsync(start);
        var generator = await ResumeAsync(center, start, o.DemoSeed, o.DemoVolume);
        logger.LogInformation("Demo traffic running for {Agents} agents and {Queues} queues", center.Agents.Count, center.Queues.Count);

        var conversations = new ConversationGenerator(o.DemoSeed + (int)(start.ToUnixTimeSeconds() % 100_000));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            await PublishShiftsAsync(now);
            var traffic = generator.Advance(now);
            var conversation = conversations.Around(traffic, q => directory.FindQueue(q)?.Channel, a => directory.FindAgent(a)?.Locale);

            // The contacts' own events first, the conversation around them (messages, replies, resolutions)
            // in batches of their own, so nothing about a message can hold up the traffic on the board.
            foreach (var batch in new[] { traffic, conversation })
            {
                foreach (var chunk in batch.Chunk(MaxBatch))
                {
                    var result = await ingestor.IngestAsync(chunk, stoppingToken);
                    if (result.IsRejected)
                    {
                        logger.LogWarning("Demo batch of {Count} events refused: {First}", chunk.Length, result.Errors[0]);
                    }
                }
            }
        }
    }

    private async Task<TrafficGenerator> ResumeAsync(DemoCenter center, DateTimeOffset start, int seed, double volume)
    {
        var agents = await Task.WhenAll(center.Agents.Select(a => grains.GetGrain<IAgentGrain>(a.Id).GetSnapshotAsync()));
        var starts = agents.ToDictionary(a => a.AgentId, a => new AgentStart(a.State, a.ContactId, a.ContactQueueId));
        var waiting = new List<WaitingStart>();
        foreach (var queue in center.Queues)
        {
            var contacts = await grains.GetGrain<IQueueGrain>(queue.Profile.Id).GetContactsAsync();
            waiting.AddRange(contacts.Where(c => c.AnsweredAt is null).Select(c => new WaitingStart(queue.Profile.Id, c.ContactId, c.ArrivedAt)));
        }

        return new TrafficGenerator(center, directory.Clock, seed, start, starts, waiting, volume);
    }

    private async Task PublishShiftsAsync(DateTimeOffset now)
    {
        var today = directory.Clock.LocalDate(now);
        if (_shiftsPublishedFor == today)
        {
            return;
        }

        foreach (var day in new[] { today.AddDays(-1), today })
        {
            await Task.WhenAll(directory.Agents.Select(async agent =>
            {
                var shift = grains.GetGrain<IShiftGrain>(ShiftKey.For(agent.Id, day));
                // A day a planner published stays as published, days off included.
                if (!await shift.HasPlanAsync())
                {
                    await shift.SetPlanAsync(ShiftPatterns.PlanFor(agent.Id, day, directory.Clock, options.Value.DemoSeed));
                }
            }));
        }

        _shiftsPublishedFor = today;
    }

    /// <summary>The stored directory with demo traffic parameters per queue (by id, else by channel).</summary>
    private DemoCenter CenterFromDirectory(string timeZone)
    {
        var o = options.Value;
        var generated = o.DemoQueues > 4 && o.DemoQueues <= o.DemoAgents
            ? DemoCenterGenerator.Generate(o.DemoSeed, o.DemoAgents, timeZone, o.DemoQueues).Queues
            : [];
        var reference = generated.Concat(DemoCenterGenerator.DemoQueues()).ToList();
        var queues = directory.Queues.Select(q =>
        {
            var like = reference.FirstOrDefault(r => r.Profile.Id == q.Id)
                ?? reference.FirstOrDefault(r => r.Profile.Channel == q.Channel)
                ?? reference[0];
            return like with { Profile = q };
        }).ToList();
        return new DemoCenter(timeZone, directory.Teams, queues, directory.Agents);
    }
}
