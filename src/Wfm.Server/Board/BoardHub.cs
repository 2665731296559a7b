using Microsoft.AspNetCore.SignalR;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Board;

/// <summary>
/// The supervisors' live channel. Server → client: "update" with a <see cref="BoardUpdate"/> (only what changed),
/// "incident" with an abuse incident raised or acted on. Client → server: <see cref="GetSnapshot"/> for the
/// whole board and <see cref="GetOpenIncidents"/> when a page opens; <see cref="WatchQueuesOnly"/> for a
/// wallboard that shows queues only (its updates then carry no agents).
/// </summary>
public sealed class BoardHub(BoardCache cache, IGrainFactory grains) : Hub
{
    public const string UpdateMethod = "update";

    public const string IncidentMethod = "incident";

    /// <summary>Connections that get whole updates (every connection, until it asks for queues only).</summary>
    public const string FullGroup = "board-full";

    /// <summary>Connections that get the queues of each update only.</summary>
    public const string QueuesGroup = "board-queues";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, FullGroup);
        await base.OnConnectedAsync();
    }

    public BoardUpdate GetSnapshot() => cache.Snapshot();

    /// <summary>From now on this connection's updates carry queues only; returns the queues as they stand.</summary>
    public async Task<BoardUpdate> WatchQueuesOnly()
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, FullGroup);
        await Groups.AddToGroupAsync(Context.ConnectionId, QueuesGroup);
        return new BoardUpdate(cache.Snapshot().Queues, []);
    }

    public Task<IReadOnlyList<Wfm.Core.Conversations.AbuseIncident>> GetOpenIncidents() =>
        grains.GetGrain<IIncidentRegistryGrain>(0).ListAsync(true, null, 200);
}
