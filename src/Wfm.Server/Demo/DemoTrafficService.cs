using Microsoft.Extensions.Options;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Data.Center;
using Wfm.Data;
using Wfm.Grains.Abstractions;
using Wfm.Grains.Ingestion;
using Wfm.Planning.Forecasting;
using Wfm.Planning;
using Wfm.Server.Hosting;
using Wfm.Simulation;

namespace Wfm.Server.Demo;

/// <summary>
/// Demo mode: plans the demo's weeks through the planning layer (<see cref="DemoPlanner"/>: history, forecasts, staffing,
/// schedule, published from today) and runs the seeded traffic generator in real time — arrivals following each queue's
/// forecast, agents following their published shifts with late log-ins, long breaks, early leaves and a few absences —
/// feeding its events through the same ingestion path as POST /api/events. On a restart it continues from the grains'
/// state. A larger generated center (load runs, more than the four demo queues) keeps generated shift patterns instead.
/// </summary>
public sealed class DemoTrafficService(
    IGrainFactory grains,
    IContactCenterDirectory directory,
    EfCenterStore store,
    EventIngestor ingestor,
    DemoPlanner planner,
    IPlanArchive archive,
    IEventJournal journal,
    ForecastService forecasts,
    SupervisorRequests requests,
    TimeProvider time,
    IOptions<WfmServerOptions> options,
    ILogger<DemoTrafficService> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private DateOnly _shiftsPublishedFor;
    private volatile IReadOnlyDictionary<(string AgentId, DateOnly Day), IReadOnlyList<PlannedActivity>> _plans =
        new Dictionary<(string, DateOnly), IReadOnlyList<PlannedActivity>>();

    /// <summary>Whether the demo is planned through the planning layer (the four demo queues) rather than generated shift patterns (load runs).</summary>
    private bool Planned => options.Value.DemoQueues <= 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var demo = o.Demo ?? await store.IsDemoAsync(stoppingToken);
        if (!demo)
        {
            logger.LogInformation("Demo traffic is off (set Wfm:Demo=true or --demo true to run it)");
            return;
        }

        var start = time.GetUtcNow();
        IReadOnlyDictionary<string, ArrivalProfile>? profiles = null;
        TrafficGenerator? generator = null;
        DemoCenter center;
        if (Planned)
        {
            await PlanAsync(stoppingToken);
            await LoadPlansAsync(start, stoppingToken);
            (center, profiles) = await CenterFromForecastsAsync(o.TimeZone);
            start = time.GetUtcNow();
            var dayStart = directory.Clock.StartOfDay(directory.Clock.LocalDate(start));
            if ((await journal.ReadContactEventsAsync(dayStart, start, stoppingToken)).Count == 0)
            {
                // A new demo opens on a day already under way, as a supervisor finds a real one: the day so far is
                // simulated at once (its contacts and its agents' shifts) and its events recorded with their own times.
                var day = await ResumeAsync(center, dayStart, o.DemoSeed, o.DemoVolume, profiles);
                var past = day.Advance(start);
                // The day's conversations too (the inbox's history, the trainers' coaching queue): each chunk's messages go
                // in just before its contacts' events, so a conversation already holds its messages when its contact ends.
                var earlier = new ConversationGenerator(o.DemoSeed + 7_919);
                var messages = 0;
                foreach (var chunk in past.Chunk(MaxBatch))
                {
                    var around = earlier.Around(chunk, q => directory.FindQueue(q)?.Channel, a => directory.FindAgent(a)?.Locale)
                        .Where(e => e.At <= start).ToList();
                    messages += around.Count;
                    foreach (var batch in new IReadOnlyList<ContactCenterEvent>[] { around, chunk })
                    {
                        foreach (var part in batch.Chunk(MaxBatch))
                        {
                            var result = await ingestor.IngestAsync(part, stoppingToken);
                            if (result.IsRejected)
                            {
                                logger.LogWarning("Demo batch of {Count} events refused: {First}", part.Length, result.Errors[0]);
                            }
                        }
                    }
                }

                logger.LogInformation("Simulated the demo's day so far: {Events} events and {Messages} of their conversations since {DayStart}", past.Count, messages, dayStart);
                generator = day;
            }
        }
        else
        {
            center = CenterFromDirectory(o.TimeZone);
            await PublishShiftsAsync(start);
        }

        generator ??= await ResumeAsync(center, start, o.DemoSeed, o.DemoVolume, profiles);
        logger.LogInformation("Demo traffic running for {Agents} agents and {Queues} queues", center.Agents.Count, center.Queues.Count);

        var conversations = new ConversationGenerator(o.DemoSeed + (int)(start.ToUnixTimeSeconds() % 100_000));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        requests.DemoRunning = true;
        try
        {
            await RunAsync(generator, conversations, timer, stoppingToken);
        }
        finally
        {
            await requests.StopDemoAsync();
        }
    }

    private async Task RunAsync(TrafficGenerator generator, ConversationGenerator conversations, PeriodicTimer timer, CancellationToken stoppingToken)
    {
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Supervisors' requests first, between the demo's own batches: the simulated agents then honour them.
            await requests.DrainAsync(e => generator.Request(e.AgentId!, e.State!.Value, e.Minutes!.Value), stoppingToken);
            var now = time.GetUtcNow();
            if (Planned)
            {
                await NewDayAsync(now, stoppingToken);
            }
            else
            {
                await PublishShiftsAsync(now);
            }

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

    /// <summary>At a new day: plan the coming weeks when the published shifts run out, and read the days ahead again.</summary>
    private async Task NewDayAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (directory.Clock.LocalDate(now) == _shiftsPublishedFor)
        {
            return;
        }

        await PlanAsync(cancellationToken);
        await LoadPlansAsync(now, cancellationToken);
    }

    /// <summary>Plans the coming weeks when needed; a plan that cannot be made is logged and the demo runs on what is published.</summary>
    private async Task PlanAsync(CancellationToken cancellationToken)
    {
        try
        {
            await planner.EnsurePublishedAsync(cancellationToken);
        }
        catch (PlanningException ex)
        {
            logger.LogWarning("The demo's weeks could not be planned: {Errors}", string.Join("; ", ex.Errors.Select(e => $"{e.Field}: {e.Detail}")));
        }
        catch (PlanningBusyException ex)
        {
            // Planners' schedules come first; the next day's round tries again.
            logger.LogWarning("The demo's weeks were not planned now: {Reason}", ex.Message);
        }
    }

    /// <summary>The published plans of yesterday to the day after tomorrow, read in bulk (what the generator follows).</summary>
    private async Task LoadPlansAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = directory.Clock.LocalDate(now);
        _plans = await archive.ReadAsync(today.AddDays(-1), today.AddDays(2), cancellationToken: cancellationToken);
        _shiftsPublishedFor = today;
    }

    private IReadOnlyList<PlannedActivity> PlanOf(string agentId, DateOnly day) => _plans.GetValueOrDefault((agentId, day)) ?? [];

    /// <summary>
    /// The directory's queues with arrivals shaped by their newest forecast (peak per hour from it) and the demo's handle,
    /// patience and wrap-up times; a queue without a forecast follows the demo shape.
    /// </summary>
    private async Task<(DemoCenter Center, IReadOnlyDictionary<string, ArrivalProfile> Profiles)> CenterFromForecastsAsync(string timeZone)
    {
        var basic = CenterFromDirectory(timeZone);
        var profiles = new Dictionary<string, ArrivalProfile>(StringComparer.Ordinal);
        var queues = new List<DemoQueue>();
        var known = await forecasts.ForQueuesAsync(null, basic.Queues.Select(q => q.Profile.Id), historyAht: false);
        foreach (var queue in basic.Queues)
        {
            var forecast = known.FirstOrDefault(f => f.QueueId == queue.Profile.Id);
            var points = forecast?.Points.Select(p => (p.Timestamp, p.Contacts)).ToList() ?? [];
            var perHour = points.Count == 0 ? 0 : points.Max(p => p.Contacts) * 60 / directory.Clock.IntervalMinutes;
            if (perHour > 0)
            {
                // Days run over and under their forecast, so the intraday page has something to say.
                var today = directory.Clock.LocalDate(time.GetUtcNow());
                profiles[queue.Profile.Id] = ArrivalProfile.FromIntervals(points, directory.Clock.IntervalMinutes)
                    .WithSpecialDays(ArrivalProfile.DayLevels(options.Value.DemoSeed, queue.Profile.Id, today.AddDays(-28), today.AddDays(28)));
                queues.Add(queue with { PeakPerHour = perHour });
            }
            else
            {
                queues.Add(queue);
            }
        }

        return (basic with { Queues = queues }, profiles);
    }

    private async Task<TrafficGenerator> ResumeAsync(DemoCenter center, DateTimeOffset start, int seed, double volume, IReadOnlyDictionary<string, ArrivalProfile>? profiles)
    {
        var agents = await Task.WhenAll(center.Agents.Select(a => grains.GetGrain<IAgentGrain>(a.Id).GetSnapshotAsync()));
        var starts = agents.ToDictionary(a => a.AgentId, a => new AgentStart(a.State, a.ContactId, a.ContactQueueId, a.Until, a.Requested, a.RequestedMinutes));
        var waiting = new List<WaitingStart>();
        foreach (var queue in center.Queues)
        {
            var contacts = await grains.GetGrain<IQueueGrain>(queue.Profile.Id).GetContactsAsync();
            waiting.AddRange(contacts.Where(c => c.AnsweredAt is null).Select(c => new WaitingStart(queue.Profile.Id, c.ContactId, c.ArrivedAt)));
        }

        return Planned
            ? new TrafficGenerator(center, directory.Clock, seed, start, starts, waiting, volume, plans: PlanOf, queueProfiles: profiles, absence: options.Value.DemoAbsence)
            : new TrafficGenerator(center, directory.Clock, seed, start, starts, waiting, volume);
    }

    /// <summary>Load runs: today's generated shift patterns, where no planner published a day.</summary>
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
