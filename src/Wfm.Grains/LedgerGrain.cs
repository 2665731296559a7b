using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Wfm.Grains;

/// <summary>
/// Common life of the agent and queue grains: state that is saved on a timer when dirty (many events,
/// few writes), rebuilt on activation from the journal past the last saved sequence, and a periodic refresh.
/// </summary>
public abstract class LedgerGrain<TLedger>(IPersistentState<TLedger> state, IOptions<WfmGrainOptions> options, TimeProvider time) : Grain
    where TLedger : class, new()
{
    private readonly CoalescedState<TLedger> _saved = new(state);

    protected TLedger Ledger => state.State;

    protected TimeProvider Time => time;

    protected WfmGrainOptions Options => options.Value;

    protected abstract long LastSequence { get; set; }

    protected abstract Task<IReadOnlyList<SequencedEvent>> ReadJournalAsync(long afterSequence);

    /// <summary>Applies one event to the ledger; false when it does not fit (it is then skipped).</summary>
    protected abstract bool ApplyOne(ContactCenterEvent e);

    protected abstract Task PublishAsync();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var missed = await ReadJournalAsync(LastSequence);
        if (missed.Count > 0)
        {
            ApplyAll(missed);
        }

        // Grains activate together (the board loads them all at start), so their timers are spread over
        // the period: thousands of saves or refreshes at the same instant would hold up ingestion.
        this.RegisterGrainTimer(SaveIfDirtyAsync, Spread(options.Value.LedgerSaveEvery), options.Value.LedgerSaveEvery);
        this.RegisterGrainTimer(PublishAsync, Spread(options.Value.RefreshEvery), options.Value.RefreshEvery);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>A first due time somewhere in the period, so timers of grains activated together do not fire together.</summary>
    private static TimeSpan Spread(TimeSpan period) => period * (0.1 + (0.9 * Random.Shared.NextDouble()));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await SaveIfDirtyAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Applies the events this grain has not seen yet, in sequence order; returns how many changed the ledger.</summary>
    protected int ApplyAll(IReadOnlyList<SequencedEvent> events)
    {
        var applied = 0;
        foreach (var (sequence, e) in events)
        {
            if (sequence <= LastSequence)
            {
                continue;
            }

            if (ApplyOne(e))
            {
                applied++;
            }

            LastSequence = sequence;
            _saved.MarkDirty();
        }

        return applied;
    }

    private async Task SaveIfDirtyAsync()
    {
        try
        {
            await _saved.SaveIfDirtyAsync();
        }
        catch (InconsistentStateException)
        {
            await TakeOverStoredStateAsync();
        }
    }

    /// <summary>
    /// A save was refused: another activation of this grain (on another silo, while the silos did not agree on the
    /// membership) saved since this one read. Without this the grain could never save again. It takes what was saved,
    /// and the journal past it, as its ledger, and saves that with the stored etag at the next save. What this
    /// activation alone applied at or below the stored sequence is not in that state (docs/architecture.md).
    /// </summary>
    private async Task TakeOverStoredStateAsync()
    {
        await state.ReadStateAsync();
        var missed = await ReadJournalAsync(LastSequence);
        ApplyAll(missed);
        _saved.MarkDirty();
        await PublishAsync();
    }
}
