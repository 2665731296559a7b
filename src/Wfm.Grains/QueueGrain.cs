using Microsoft.Extensions.Options;

namespace Wfm.Grains;

/// <summary>The live queue: applies journaled contact events to its <see cref="QueueLedger"/> and reports its snapshot.</summary>
public sealed class QueueGrain(
    [PersistentState("queue", "wfm")] IPersistentState<QueueLedger> state,
    IContactCenterDirectory directory,
    IEventJournal journal,
    IOptions<WfmGrainOptions> options,
    TimeProvider time)
    : LedgerGrain<QueueLedger>(state, options, time), IQueueGrain
{
    private int? _skilledAgents;
    private bool _agentsChanged;
    private IBoardNotifierGrain? _notifier;

    private string QueueId => this.GetPrimaryKeyString();

    private QueueProfile Profile => directory.FindQueue(QueueId)
        ?? throw new InvalidOperationException($"queue '{QueueId}' is not in the directory");

    protected override long LastSequence
    {
        get => Ledger.LastSequence;
        set => Ledger.LastSequence = value;
    }

    protected override Task<IReadOnlyList<SequencedEvent>> ReadJournalAsync(long afterSequence) =>
        journal.ReadForQueueAsync(QueueId, afterSequence);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // Agents' state changes reach the board once per flush period, not once per change: a queue's
        // skilled agents change state thousands of times a minute at a busy hour.
        var every = Options.BoardFlushEvery;
        this.RegisterGrainTimer(() => _agentsChanged ? PublishAsync() : Task.CompletedTask, every, every);
    }

    protected override bool ApplyOne(ContactCenterEvent e) => Ledger.Apply(e, Profile.Target, directory.Clock);

    public Task<IReadOnlyList<EventError>> ValidateAsync(IReadOnlyList<BatchItem> items)
    {
        var events = items.Select(i => i.Event).ToList();
        IReadOnlyList<EventError> errors = Ledger.Check(events)
            .Select(f => new EventError(items[f.Position].Index, "contactId", f.Message))
            .ToList();
        return Task.FromResult(errors);
    }

    public async Task ApplyAsync(IReadOnlyList<SequencedEvent> events)
    {
        if (ApplyAll(events) > 0)
        {
            await PublishAsync();
        }
    }

    public Task AgentStateChangedAsync(string agentId, AgentState state)
    {
        if (state == AgentState.Offline)
        {
            Ledger.AgentStates.Remove(agentId);
        }
        else
        {
            Ledger.AgentStates[agentId] = state;
        }

        _agentsChanged = true;
        return Task.CompletedTask;
    }

    public Task<QueueSnapshot> GetSnapshotAsync()
    {
        var now = Time.GetUtcNow();
        var clock = directory.Clock;
        Ledger.RollOver(clock.LocalDate(now), clock);
        var profile = Profile;
        var interval = clock.IntervalIndex(now);
        var oldest = Ledger.OldestWaitingSince;
        return Task.FromResult(new QueueSnapshot(
            QueueId, profile.Name, profile.Channel, profile.Target, Ledger.WaitingCount, oldest,
            oldest is null ? 0 : Math.Max(0, (now - oldest.Value).TotalSeconds),
            QueueKpis.From(Ledger.Today, profile.Target),
            interval,
            QueueKpis.From(Ledger.Intervals.GetValueOrDefault(interval) ?? new QueueCounters(), profile.Target),
            AgentsByState(), now, Ledger.Day, Ledger.LastSequence));
    }

    public Task<IReadOnlyList<IntervalStatistics>> GetIntervalsAsync()
    {
        var clock = directory.Clock;
        var target = Profile.Target;
        IReadOnlyList<IntervalStatistics> result = Ledger.Intervals
            .Select(kv => new IntervalStatistics(kv.Key, clock.IntervalStart(Ledger.Day, kv.Key), QueueKpis.From(kv.Value, target)))
            .ToList();
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<ContactInQueue>> GetContactsAsync()
    {
        IReadOnlyList<ContactInQueue> contacts = Ledger.Contacts.Values
            .OrderBy(c => c.ArrivedAt)
            .Select(c => new ContactInQueue(c.ContactId, c.ArrivedAt, c.AnsweredAt, c.AgentId))
            .ToList();
        return Task.FromResult(contacts);
    }

    protected override async Task PublishAsync()
    {
        _agentsChanged = false;
        var snapshot = await GetSnapshotAsync();
        // One reference for the grain's life: resolving one costs a walk over the interface's attributes.
        _notifier ??= GrainFactory.GetGrain<IBoardNotifierGrain>(0);
        await _notifier.QueueChangedAsync(snapshot);
    }

    /// <summary>Agents with a skill for this queue by state; those not signed in count as Offline.</summary>
    private Dictionary<AgentState, int> AgentsByState()
    {
        var skilled = _skilledAgents ??= directory.Agents.Count(a => a.Skills.Any(s => s.QueueId == QueueId));
        var counts = Ledger.AgentStates.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        counts[AgentState.Offline] = Math.Max(0, skilled - Ledger.AgentStates.Count);
        return counts;
    }
}
