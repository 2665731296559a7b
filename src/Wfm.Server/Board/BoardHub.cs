using Microsoft.AspNetCore.SignalR;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Board;

/// <summary>
/// The supervisors' live channel. Server → client: "update" with a <see cref="BoardUpdate"/> (only what changed),
/// "incident" with an abuse incident raised or acted on. Client → server: <see cref="GetSnapshot"/> for the
/// whole board and <see cref="GetOpenIncidents"/> when a page opens.
/// </summary>
public sealed class BoardHub(BoardCache cache, IGrainFactory grains) : Hub
{
    public const string UpdateMethod = "update";

    public const string IncidentMethod = "incident";

    public BoardUpdate GetSnapshot() => cache.Snapshot();

    public Task<IReadOnlyList<Wfm.Core.Conversations.AbuseIncident>> GetOpenIncidents() =>
        grains.GetGrain<IIncidentRegistryGrain>(0).ListAsync(true, null, 200);
}
