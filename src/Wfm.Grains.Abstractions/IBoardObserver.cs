using Wfm.Core.Conversations;

namespace Wfm.Grains.Abstractions;

/// <summary>Implemented by each web host: receives batched board updates to push to its SignalR clients.</summary>
[Alias("wfm.IBoardObserver")]
public interface IBoardObserver : IGrainObserver
{
    [Alias("OnUpdate")]
    Task OnUpdateAsync(BoardUpdate update);

    [Alias("OnIncident")]
    Task OnIncidentAsync(AbuseIncident incident);
}
