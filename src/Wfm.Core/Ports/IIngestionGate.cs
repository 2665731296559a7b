namespace Wfm.Core.Ports;

/// <summary>
/// One event batch at a time: while a batch holds the turn its events are checked, recorded and applied, so every
/// agent and queue grain receives journal sequences in increasing order. In one process this is a lock in memory; in a
/// cluster it is a lock every silo takes in the shared database, so batches taken by different silos do not interleave.
/// </summary>
public interface IIngestionGate
{
    /// <summary>Waits for the turn (or until <paramref name="cancellationToken"/> gives up).</summary>
    Task<IIngestionTurn> EnterAsync(CancellationToken cancellationToken = default);
}

/// <summary>A batch's turn: what an earlier turn recorded and did not apply, and marks of this turn's own progress.</summary>
public interface IIngestionTurn : IAsyncDisposable
{
    /// <summary>
    /// Sequences (after, through] that an earlier turn recorded in the journal and did not finish applying — its silo died,
    /// or a grain call failed — to be applied before anything else; null when everything recorded was applied.
    /// </summary>
    (long After, long Through)? Unapplied { get; }

    /// <summary>Events through <paramref name="sequence"/> are recorded and about to be applied.</summary>
    void Recorded(long sequence);

    /// <summary>Events through <paramref name="sequence"/> are applied (kept when the turn ends).</summary>
    void Applied(long sequence);
}

/// <summary>The turn of one process: a lock in memory, and what was recorded but not applied remembered in memory.</summary>
public sealed class LocalIngestionGate : IIngestionGate, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private long _recorded;
    private long _applied;

    public async Task<IIngestionTurn> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        return new Turn(this, _recorded > _applied ? (_applied, _recorded) : null);
    }

    public void Dispose() => _lock.Dispose();

    private sealed class Turn(LocalIngestionGate gate, (long, long)? unapplied) : IIngestionTurn
    {
        private bool _ended;

        public (long After, long Through)? Unapplied { get; } = unapplied;

        public void Recorded(long sequence) => gate._recorded = Math.Max(gate._recorded, sequence);

        public void Applied(long sequence) => gate._applied = Math.Max(gate._applied, sequence);

        public ValueTask DisposeAsync()
        {
            if (!_ended)
            {
                _ended = true;
                gate._lock.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
