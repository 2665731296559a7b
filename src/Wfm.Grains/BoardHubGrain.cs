using Orleans.Utilities;
using Wfm.Core.Conversations;

namespace Wfm.Grains;

/// <summary>Fans batched board updates out to every subscribed web host.</summary>
public sealed class BoardHubGrain : Grain, IBoardHubGrain
{
    private readonly ObserverManager<IBoardObserver> _observers;

    public BoardHubGrain(ILogger<BoardHubGrain> logger)
    {
        _observers = new ObserverManager<IBoardObserver>(TimeSpan.FromMinutes(5), logger);
    }

    public Task SubscribeAsync(IBoardObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IBoardObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task PublishAsync(BoardUpdate update) => _observers.Notify(o => o.OnUpdateAsync(update));

    public Task PublishIncidentAsync(AbuseIncident incident) => _observers.Notify(o => o.OnIncidentAsync(incident));
}
