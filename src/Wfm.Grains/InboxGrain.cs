using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Wfm.Core.Conversations;

namespace Wfm.Grains;

/// <summary>The inbox's saved state: open conversations and collision counts per queue.</summary>
[GenerateSerializer, Alias("wfm.InboxState")]
public sealed class InboxState
{
    [Id(0)] public Dictionary<string, ConversationSummary> Open { get; set; } = [];
    [Id(1)] public Dictionary<string, CollisionCount> Collisions { get; set; } = [];
}

/// <summary>
/// Keeps every open conversation's newest summary and pushes what changed to the web hosts once per flush
/// period. A conversation leaves when resolved or closed, or after a day without news. Saved on a timer.
/// </summary>
public sealed class InboxGrain : Grain, IInboxGrain
{
    public const int MaxOpen = 50_000;

    private static readonly TimeSpan Stale = TimeSpan.FromDays(1);

    private readonly IPersistentState<InboxState> _state;
    private readonly CoalescedState<InboxState> _saved;
    private readonly IOptions<WfmGrainOptions> _options;
    private readonly TimeProvider _time;
    private readonly ObserverManager<IInboxObserver> _observers;
    private readonly Dictionary<string, ConversationSummary> _changed = [];
    private readonly HashSet<string> _gone = [];

    public InboxGrain([PersistentState("inbox", "wfm")] IPersistentState<InboxState> state, IOptions<WfmGrainOptions> options, TimeProvider time, ILogger<InboxGrain> logger)
    {
        _state = state;
        _saved = new CoalescedState<InboxState>(state);
        _options = options;
        _time = time;
        _observers = new ObserverManager<IInboxObserver>(TimeSpan.FromMinutes(5), logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, _options.Value.BoardFlushEvery, _options.Value.BoardFlushEvery);
        this.RegisterGrainTimer(SaveAsync, _options.Value.SaveEvery, _options.Value.SaveEvery);
        this.RegisterGrainTimer(() => { ExpireStale(); return Task.CompletedTask; }, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        return base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await SaveAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task UpdateAsync(ConversationSummary summary)
    {
        var open = _state.State.Open;
        if (summary.IsOpen)
        {
            if (open.TryGetValue(summary.Id, out var known) && known.UpdatedAt > summary.UpdatedAt)
            {
                return Task.CompletedTask;
            }

            open[summary.Id] = summary;
            _changed[summary.Id] = summary;
            _gone.Remove(summary.Id);
        }
        else if (open.Remove(summary.Id))
        {
            _changed.Remove(summary.Id);
            _gone.Add(summary.Id);
        }

        _saved.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConversationSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ConversationSummary>>([.. _state.State.Open.Values]);

    public Task CollisionAsync(string queueId, DateTimeOffset at)
    {
        var counts = _state.State.Collisions;
        counts[queueId] = new CollisionCount(queueId, (counts.TryGetValue(queueId, out var c) ? c.Collisions : 0) + 1, at);
        _saved.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CollisionCount>> CollisionsAsync() =>
        Task.FromResult<IReadOnlyList<CollisionCount>>([.. _state.State.Collisions.Values.OrderBy(c => c.QueueId, StringComparer.Ordinal)]);

    public Task SubscribeAsync(IInboxObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IInboxObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task FlushAsync()
    {
        if (_changed.Count == 0 && _gone.Count == 0)
        {
            return;
        }

        var update = new InboxUpdate([.. _changed.Values], [.. _gone]);
        _changed.Clear();
        _gone.Clear();
        await _observers.Notify(o => o.OnInboxAsync(update));
    }

    /// <summary>Drops conversations nobody touched for a day, and the oldest beyond <see cref="MaxOpen"/>.</summary>
    private void ExpireStale()
    {
        var open = _state.State.Open;
        var cutoff = _time.GetUtcNow() - Stale;
        var drop = open.Values.Where(s => s.UpdatedAt < cutoff).Select(s => s.Id).ToList();
        if (open.Count - drop.Count > MaxOpen)
        {
            drop.AddRange(open.Values.Where(s => s.UpdatedAt >= cutoff).OrderBy(s => s.UpdatedAt).Take(open.Count - drop.Count - MaxOpen).Select(s => s.Id));
        }

        foreach (var id in drop)
        {
            open.Remove(id);
            _changed.Remove(id);
            _gone.Add(id);
            _saved.MarkDirty();
        }
    }

    private Task SaveAsync() => _saved.SaveIfDirtyAsync();
}
