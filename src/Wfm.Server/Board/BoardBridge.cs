using Microsoft.AspNetCore.SignalR;
using Wfm.Core.Directory;
using Wfm.Grains.Abstractions;

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
    }

    public Task OnIncidentAsync(Wfm.Core.Conversations.AbuseIncident incident) => hub.Clients.All.SendAsync(BoardHub.IncidentMethod, incident);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IBoardObserver>(this);
        var board = grains.GetGrain<IBoardHubGrain>(0);
        await board.SubscribeAsync(reference);
        await LoadAllAsync();
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await board.SubscribeAsync(reference);
            }
        }
        catch (OperationCanceledException)
        {
            await board.UnsubscribeAsync(reference);
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
