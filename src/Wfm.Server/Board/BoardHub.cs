using Microsoft.AspNetCore.SignalR;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Board;

/// <summary>
/// The supervisors' live channel. Server → client: "update" with a <see cref="BoardUpdate"/> (only what changed).
/// Client → server: <see cref="GetSnapshot"/> for the whole board when a page opens.
/// </summary>
public sealed class BoardHub(BoardCache cache) : Hub
{
    public const string UpdateMethod = "update";

    public BoardUpdate GetSnapshot() => cache.Snapshot();
}
