using Wfm.Core.Conversations;

namespace Wfm.Grains.Abstractions;

/// <summary>The one place web hosts subscribe to (key 0); fans batched updates out to every observer.</summary>
[Alias("wfm.IBoardHubGrain")]
public interface IBoardHubGrain : IGrainWithIntegerKey
{
    /// <summary>Subscribes or renews; subscriptions expire unless renewed within a few minutes.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(IBoardObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IBoardObserver observer);

    [Alias("Publish")]
    Task PublishAsync(BoardUpdate update);

    /// <summary>An incident was raised or acted on: pushed to every board at once, not batched.</summary>
    [Alias("PublishIncident")]
    Task PublishIncidentAsync(AbuseIncident incident);
}
