using Microsoft.Extensions.Options;

namespace Wfm.Grains;

/// <summary>Keeps the newest snapshot per agent and queue and forwards them in one batch per flush period.</summary>
[StatelessWorker(1)]
public sealed class BoardNotifierGrain(IOptions<WfmGrainOptions> options) : Grain, IBoardNotifierGrain
{
    private readonly Dictionary<string, AgentSnapshot> _agents = [];
    private readonly Dictionary<string, QueueSnapshot> _queues = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, options.Value.BoardFlushEvery, options.Value.BoardFlushEvery);
        return base.OnActivateAsync(cancellationToken);
    }

    public Task AgentChangedAsync(AgentSnapshot snapshot)
    {
        _agents[snapshot.AgentId] = snapshot;
        return Task.CompletedTask;
    }

    public Task QueueChangedAsync(QueueSnapshot snapshot)
    {
        _queues[snapshot.QueueId] = snapshot;
        return Task.CompletedTask;
    }

    private async Task FlushAsync()
    {
        if (_agents.Count == 0 && _queues.Count == 0)
        {
            return;
        }

        var update = new BoardUpdate(_queues.Values.ToList(), _agents.Values.ToList());
        _agents.Clear();
        _queues.Clear();
        await GrainFactory.GetGrain<IBoardHubGrain>(0).PublishAsync(update);
    }
}
