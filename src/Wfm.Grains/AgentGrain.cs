using Microsoft.Extensions.Options;

namespace Wfm.Grains;

/// <summary>The live agent: applies journaled events to its <see cref="AgentLedger"/> and reports its snapshot.</summary>
public sealed class AgentGrain(
    [PersistentState("agent", "wfm")] IPersistentState<AgentLedger> state,
    IContactCenterDirectory directory,
    IEventJournal journal,
    IOptions<WfmGrainOptions> options,
    TimeProvider time,
    ObservationStart observation)
    : LedgerGrain<AgentLedger>(state, options, time), IAgentGrain
{
    private readonly AdherenceTracker _adherence = new();
    private IBoardNotifierGrain? _notifier;
    private List<IQueueGrain>? _queues;
    private IReadOnlyList<PlannedActivity> _plan = [];
    private DateOnly _planDay;
    private (IReadOnlyList<PlannedActivity> Plan, DateTimeOffset From, IReadOnlyList<PlannedActivity> Clipped)? _observed;

    private string AgentId => this.GetPrimaryKeyString();

    private AgentProfile Profile => directory.FindAgent(AgentId)
        ?? throw new InvalidOperationException($"agent '{AgentId}' is not in the directory");

    protected override long LastSequence
    {
        get => Ledger.LastSequence;
        set => Ledger.LastSequence = value;
    }

    protected override Task<IReadOnlyList<SequencedEvent>> ReadJournalAsync(long afterSequence) =>
        journal.ReadForAgentAsync(AgentId, afterSequence);

    protected override bool ApplyOne(ContactCenterEvent e) => Ledger.Apply(e, directory.Clock);

    public Task<IReadOnlyList<EventError>> ValidateAsync(IReadOnlyList<BatchItem> items)
    {
        var events = items.Select(i => i.Event).ToList();
        IReadOnlyList<EventError> errors = Ledger.Check(events)
            .Select(f => new EventError(items[f.Position].Index, "state", f.Message))
            .ToList();
        return Task.FromResult(errors);
    }

    public async Task ApplyAsync(IReadOnlyList<SequencedEvent> events)
    {
        var before = Ledger.State;
        if (ApplyAll(events) == 0)
        {
            return;
        }

        if (Ledger.State != before)
        {
            // References are kept for the grain's life: resolving one costs a walk over the interface's attributes.
            _queues ??= Profile.Skills.Select(s => GrainFactory.GetGrain<IQueueGrain>(s.QueueId)).ToList();
            foreach (var queue in _queues)
            {
                await queue.AgentStateChangedAsync(AgentId, Ledger.State);
            }
        }

        await PublishAsync();
    }

    private AgentTotals TodayFromMidnight(DateTimeOffset now, DateTimeOffset midnight)
    {
        var totals = new AgentTotals();
        var from = Ledger.Since > midnight ? Ledger.Since : midnight;
        if (now > from && Ledger.Since != default)
        {
            totals.Add(Ledger.State, (now - from).TotalSeconds);
        }

        return totals;
    }

    public async Task<AgentSnapshot> GetSnapshotAsync()
    {
        var now = Time.GetUtcNow();
        var day = directory.Clock.LocalDate(now);
        var timeline = TimelineFor(day);
        var plan = Observed(await PlanForAsync(day), ObservedDay.From(directory.Clock.StartOfDay(day), observation.At, timeline));
        // Yesterday's totals are not today's: before the agent's first event of the day, today counts from midnight.
        var totals = Ledger.Day >= day ? Ledger.TotalsAt(now) : TodayFromMidnight(now, directory.Clock.StartOfDay(day));
        var profile = Profile;
        var adherence = _adherence.Compute(plan, timeline, now);
        return new AgentSnapshot(
            AgentId, profile.Name, profile.TeamId, profile.Skills.Select(s => s.QueueId).ToList(),
            Ledger.State, Ledger.Since, Ledger.ContactId, totals.Handled, totals.TalkSeconds,
            totals.AfterContactWorkSeconds, totals.AvailableSeconds, totals.Occupancy, adherence, now, Ledger.LastSequence, Ledger.ContactQueueId,
            Ledger.Requested, Ledger.RequestedMinutes, Ledger.Until);
    }

    public Task<IReadOnlyList<StateChange>> GetTimelineAsync() =>
        Task.FromResult<IReadOnlyList<StateChange>>(TimelineFor(directory.Clock.LocalDate(Time.GetUtcNow())).ToList());

    public async Task PlanChangedAsync()
    {
        _planDay = default;
        await PublishAsync();
    }

    protected override async Task PublishAsync()
    {
        var snapshot = await GetSnapshotAsync();
        _notifier ??= GrainFactory.GetGrain<IBoardNotifierGrain>(0);
        await _notifier.AgentChangedAsync(snapshot);
    }

    /// <summary>
    /// Today's timeline (the ledger's own list, which only grows); on a day with no event yet, the state carried over
    /// since midnight — for an agent who has any data at all: one never seen has nothing known (Offline, and no earlier
    /// start of their observed day).
    /// </summary>
    private List<StateChange> TimelineFor(DateOnly day)
    {
        if (Ledger.Day == day)
        {
            return Ledger.Timeline;
        }

        return Ledger.Day < day && Ledger.LastSequence > 0 ? [new StateChange(directory.Clock.StartOfDay(day), Ledger.State)] : [];
    }

    /// <summary>The plan from when the agent's data starts; the same list while neither changes, so the tracker keeps its sums.</summary>
    private IReadOnlyList<PlannedActivity> Observed(IReadOnlyList<PlannedActivity> plan, DateTimeOffset from)
    {
        if (_observed is not { } kept || !ReferenceEquals(kept.Plan, plan) || kept.From != from)
        {
            _observed = kept = (plan, from, ObservedDay.Clip(plan, from));
        }

        return kept.Clipped;
    }

    private async Task<IReadOnlyList<PlannedActivity>> PlanForAsync(DateOnly day)
    {
        if (_planDay != day)
        {
            _plan = await GrainFactory.GetGrain<IShiftGrain>(ShiftKey.For(AgentId, day)).GetPlanAsync();
            _planDay = day;
        }

        return _plan;
    }
}
