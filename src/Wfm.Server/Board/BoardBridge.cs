using Microsoft.AspNetCore.SignalR;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Grains.Abstractions;
using Wfm.Planning.Center;

namespace Wfm.Server.Board;

/// <summary>
/// Connects the grains to SignalR: subscribes an observer to the board hub grain (renewed every minute),
/// keeps the <see cref="BoardCache"/> current and pushes each batch to the connected boards.
/// </summary>
public sealed class BoardBridge(
    IGrainFactory grains,
    IContactCenterDirectory directory,
    BoardCache cache,
    IHubContext<BoardHub> hub,
    BoardAudience audience,
    CenterService center,
    ILogger<BoardBridge> logger) : BackgroundService, IBoardObserver
{
    public async Task OnUpdateAsync(BoardUpdate update)
    {
        cache.Merge(update);
        await hub.Clients.Group(BoardHub.FullGroup).SendAsync(BoardHub.UpdateMethod, update);
        if (update.Queues.Count > 0)
        {
            await hub.Clients.Group(BoardHub.QueuesGroup).SendAsync(BoardHub.UpdateMethod, new BoardUpdate(update.Queues, []));
        }

        // Supervisors and agents get their part only: a team's agents and the queues they serve, or one agent.
        foreach (var group in audience.ScopedGroups())
        {
            var part = Part(update, group);
            if (part is not null && (part.Queues.Count > 0 || part.Agents.Count > 0))
            {
                await hub.Clients.Group(group).SendAsync(BoardHub.UpdateMethod, part);
            }
        }
    }

    public async Task OnIncidentAsync(AbuseIncident incident)
    {
        await hub.Clients.Group(BoardHub.IncidentsGroup).SendAsync(BoardHub.IncidentMethod, incident);
        if (incident.AgentId is not null && directory.FindAgent(incident.AgentId) is { } agent)
        {
            await hub.Clients.Group(BoardHub.TeamIncidentsGroup(agent.TeamId)).SendAsync(BoardHub.IncidentMethod, incident);
        }

        foreach (var target in incident.EscalatedTo)
        {
            await hub.Clients.Group(BoardHub.EscalatedGroup(target)).SendAsync(BoardHub.IncidentMethod, incident);
        }
    }

    private BoardUpdate? Part(BoardUpdate update, string group)
    {
        var split = group.IndexOf(':');
        var kind = group[..split];
        var id = group[(split + 1)..];
        switch (kind)
        {
            case "team":
            case "team-queues":
                var queues = audience.QueuesOfTeam(id);
                var teamQueues = update.Queues.Where(q => queues.Contains(q.QueueId)).ToList();
                return kind == "team" ? new BoardUpdate(teamQueues, update.Agents.Where(a => a.TeamId == id).ToList()) : new BoardUpdate(teamQueues, []);
            case "agent":
                var mine = update.Agents.Where(a => a.AgentId == id).ToList();
                var served = directory.FindAgent(id)?.Skills.Select(s => s.QueueId).ToHashSet() ?? [];
                return new BoardUpdate(update.Queues.Where(q => served.Contains(q.QueueId)).ToList(), mine);
            default:
                return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IBoardObserver>(this);
        var board = grains.GetGrain<IBoardHubGrain>(0);

        // A silo joining a busy cluster may find the database's connections or a grain's silo briefly out of reach (a
        // call timing out): it tries again rather than stopping the server — the subscription on the timer below.
        try
        {
            await board.SubscribeAsync(reference);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The board bridge could not subscribe yet; trying again in two seconds");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LoadAllAsync();
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The board could not load the grains (attempt {Attempt}); trying again", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt)), stoppingToken);
            }
        }

        center.Changed += OnCenterChanged;
        // Subscribed again every two seconds: in a cluster the hub grain comes back on another silo when its silo dies,
        // without the subscriptions it held, and the web hosts' updates must follow it within seconds.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await board.SubscribeAsync(reference);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The hub's silo died and it is not back yet: the next tick tries again.
                    logger.LogDebug(ex, "Subscribing to the hub failed; trying again in two seconds");
                }
            }
        }
        catch (OperationCanceledException)
        {
            center.Changed -= OnCenterChanged;
            await board.UnsubscribeAsync(reference);
        }
    }

    /// <summary>
    /// The board follows the center's set-up: a new queue or agent gets its tile or row at once (not only once it has
    /// traffic), a deactivated one leaves it.
    /// </summary>
    public async Task FollowDirectoryAsync()
    {
        var (queues, agents) = cache.Follow(directory.Queues.Select(q => q.Id), directory.Agents.Select(a => a.Id));
        if (queues.Count + agents.Count == 0)
        {
            return;
        }

        var update = new BoardUpdate(
            await Task.WhenAll(queues.Select(q => grains.GetGrain<IQueueGrain>(q).GetSnapshotAsync())),
            await Task.WhenAll(agents.Select(a => grains.GetGrain<IAgentGrain>(a).GetSnapshotAsync())));
        await OnUpdateAsync(update);
    }

    private void OnCenterChanged() => _ = FollowAsync();

    private async Task FollowAsync()
    {
        try
        {
            await FollowDirectoryAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The board could not follow a change of the center");
        }
    }

    /// <summary>Fills the cache once from the grains so the first page load shows every queue and agent.</summary>
    public async Task LoadAllAsync()
    {
        var queues = await Task.WhenAll(directory.Queues.Select(q => grains.GetGrain<IQueueGrain>(q.Id).GetSnapshotAsync()));
        var agents = await Task.WhenAll(directory.Agents.Select(a => grains.GetGrain<IAgentGrain>(a.Id).GetSnapshotAsync()));
        cache.Merge(new BoardUpdate(queues, agents));
        logger.LogInformation("Board loaded {Queues} queues and {Agents} agents", queues.Length, agents.Length);
    }
}
