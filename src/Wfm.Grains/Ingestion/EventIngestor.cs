using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Wfm.Core.Conversations;

namespace Wfm.Grains.Ingestion;

/// <summary>
/// Takes a batch of events all-or-nothing: checks fields and references, drops repeats, asks every agent
/// and queue grain involved whether the events fit its state, records the batch in the journal (the
/// acknowledgement point) and then applies it. A refused batch changes nothing.
/// </summary>
/// <param name="bounds">How late events may arrive (the default when null).</param>
/// <param name="ends">Where the ends of conversations go for the coaching read (none when null).</param>
/// <param name="gate">Whose turn it is: this process's alone (the default), or the cluster's (a lock in the shared database).</param>
public sealed class EventIngestor(
    IGrainFactory grains, IEventJournal journal, IContactCenterDirectory directory, TimeProvider time, EventBounds? bounds = null, ConversationEnds? ends = null,
    IIngestionGate? gate = null) : IDisposable
{
    /// <summary>The ingestion meter: time per phase of a batch (watch with <c>dotnet-counters monitor --counters Wfm.Ingestion</c>).</summary>
    public const string MeterName = "Wfm.Ingestion";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Phase = Meter.CreateHistogram<double>("wfm.ingestion.phase", "ms", "Time per phase of an event batch");
    private static readonly Counter<double> PhaseTotal = Meter.CreateCounter<double>("wfm.ingestion.phase.total", "ms", "Time spent per phase, summed (its rate is the share of each second a phase takes)");
    private static readonly Counter<long> Batches = Meter.CreateCounter<long>("wfm.ingestion.batches", "batches", "Batches recorded");
    private static readonly Counter<long> Recorded = Meter.CreateCounter<long>("wfm.ingestion.events", "events", "Events recorded");

    private readonly AbuseDetector _detector = AbuseDetector.Default;

    // Contacts that had a message: their life events go to the conversation too, whatever the channel.
    private readonly BoundedSet _withConversation = new(200_000);

    // Grain references of the directory's agents and queues, made once: resolving one walks the interface's attributes.
    private readonly ConcurrentDictionary<string, IAgentGrain> _agentGrains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IQueueGrain> _queueGrains = new(StringComparer.Ordinal);

    private IAgentGrain Agent(string id) => _agentGrains.GetOrAdd(id, static (key, g) => g.GetGrain<IAgentGrain>(key), grains);

    private IQueueGrain Queue(string id) => _queueGrains.GetOrAdd(id, static (key, g) => g.GetGrain<IQueueGrain>(key), grains);

    // Batches are applied one at a time so that each grain sees journal sequences in increasing order.
    private readonly LocalIngestionGate? _local = gate is null ? new LocalIngestionGate() : null;

    private IIngestionGate Gate => gate ?? _local!;

    public void Dispose() => _local?.Dispose();

    /// <summary>Records the time a phase outside the ingestor took (e.g. the API reading the request).</summary>
    public static void RecordPhase(string phase, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("phase", phase);
        Phase.Record(elapsed.TotalMilliseconds, tag);
        PhaseTotal.Add(elapsed.TotalMilliseconds, tag);
    }

    public async Task<IngestResult> IngestAsync(IReadOnlyList<ContactCenterEvent?> batch, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var errors = EventValidator.Validate(batch, directory, time.GetUtcNow(), bounds?.MaxAge);
        RecordPhase("validate", Stopwatch.GetElapsedTime(started));
        if (errors.Count > 0)
        {
            return IngestResult.Rejected(errors);
        }

        var items = batch.Select((e, i) => new BatchItem(i, e!)).ToList();
        var mark = Stopwatch.GetTimestamp();
        void Lap(string phase)
        {
            var now = Stopwatch.GetTimestamp();
            RecordPhase(phase, Stopwatch.GetElapsedTime(mark, now));
            mark = now;
        }

        await using var turn = await Gate.EnterAsync(cancellationToken);
        Lap("gate");
        if (turn.Unapplied is { } unapplied)
        {
            await ApplyUnappliedAsync(turn, unapplied.After, unapplied.Through, cancellationToken);
            Lap("recover");
        }

        // Repeats (the validator has refused an id given twice in one batch): ids recorded before are looked up only when
        // the grains refuse something — a retried event fails their checks — since the journal records an id once anyway
        // (an index probe per id is the costliest read of a batch, and most batches hold no repeat).
        var fresh = items;
        var refusals = await CheckAgainstStateAsync(fresh);
        Lap("check");
        if (refusals.Count > 0)
        {
            var existing = await journal.FindExistingAsync(fresh.Select(i => EventKey.Of(i.Event)).ToList(), cancellationToken);
            Lap("dedupe");
            if (existing.Count > 0)
            {
                fresh = fresh.Where(i => !existing.Contains(EventKey.Of(i.Event))).ToList();
                if (fresh.Count == 0)
                {
                    return new IngestResult(0, items.Count, []);
                }

                refusals = await CheckAgainstStateAsync(fresh);
                Lap("check");
            }

            if (refusals.Count > 0)
            {
                return IngestResult.Rejected(refusals);
            }
        }

        // Recorded: from here the batch is acknowledged even if applying it fails (the next turn applies it).
        var recorded = await journal.AppendAsync(fresh.Select(i => i.Event).ToList(), CancellationToken.None);
        Lap("journal");
        if (recorded.Count > 0)
        {
            turn.Recorded(recorded[^1].Sequence);
        }

        // Agents and queues, and the conversations of the batch's messages, are independent: applied together.
        var verdicts = Classify(recorded);
        await Task.WhenAll(ApplyAsync(recorded), ConversationsAsync(recorded, verdicts));
        Lap("apply");
        await RaiseIncidentsAsync(recorded, verdicts);
        Lap("incidents");
        if (recorded.Count > 0)
        {
            turn.Applied(recorded[^1].Sequence);
        }

        await turn.DisposeAsync();
        Lap("end");
        Recorded.Add(recorded.Count);
        Batches.Add(1);
        return new IngestResult(recorded.Count, items.Count - recorded.Count, []);
    }

    /// <summary>
    /// Events an earlier turn recorded and did not finish applying (its silo died mid-batch, or a grain call failed):
    /// applied to their agents and queues now, before anything newer, so no grain skips them. A grain ignores what it
    /// has already applied (sequences at or below its own), so applying twice counts once. Conversations and abuse
    /// incidents are not raised from here: they need the messages' words, which the journal never keeps.
    /// </summary>
    private async Task ApplyUnappliedAsync(IIngestionTurn turn, long after, long through, CancellationToken cancellationToken)
    {
        const int Chunk = 20_000;
        for (var from = after; from < through; from += Chunk)
        {
            var events = await journal.ReadRangeAsync(from, Math.Min(through, from + Chunk), cancellationToken);
            await ApplyAsync(events);
        }

        turn.Applied(through);
    }

    private async Task<List<EventError>> CheckAgainstStateAsync(List<BatchItem> items)
    {
        var checks = new List<Task<IReadOnlyList<EventError>>>();
        foreach (var group in items.Where(i => AffectsAgent(i.Event)).GroupBy(i => i.Event.AgentId!))
        {
            checks.Add(Agent(group.Key).ValidateAsync(group.ToList()));
        }

        foreach (var group in items.Where(i => AffectsQueue(i.Event)).GroupBy(i => i.Event.QueueId!))
        {
            checks.Add(Queue(group.Key).ValidateAsync(group.ToList()));
        }

        var results = await Task.WhenAll(checks);
        return results.SelectMany(r => r).OrderBy(e => e.Index).ToList();
    }

    private Task ApplyAsync(IReadOnlyList<SequencedEvent> recorded)
    {
        var applies = new List<Task>();
        foreach (var group in recorded.Where(s => AffectsAgent(s.Event)).GroupBy(s => s.Event.AgentId!))
        {
            applies.Add(Agent(group.Key).ApplyAsync(group.ToList()));
        }

        foreach (var group in recorded.Where(s => AffectsQueue(s.Event)).GroupBy(s => s.Event.QueueId!))
        {
            applies.Add(Queue(group.Key).ApplyAsync(group.ToList()));
        }

        return Task.WhenAll(applies);
    }

    /// <summary>
    /// Customers' messages are checked for abuse as they arrive (about 40 µs each); an abusive one, or an
    /// agent's report, becomes an incident that reaches the board at once. The message is kept redacted only.
    /// </summary>
    private Dictionary<string, AbuseVerdict> Classify(IReadOnlyList<SequencedEvent> recorded)
    {
        var verdicts = new Dictionary<string, AbuseVerdict>(StringComparer.Ordinal);
        foreach (var e in recorded.Select(r => r.Event).Where(e => e.Type is EventType.MessageReceived or EventType.AbuseReported))
        {
            if (e.Text is { Length: > 0 } text)
            {
                verdicts[e.Id] = _detector.Classify(text, e.Language);
            }
        }

        return verdicts;
    }

    /// <summary>
    /// Conversations follow their contacts: every message (redacted, its language detected when not given), and
    /// once a contact has had one, the rest of its life (answer, transfer, resolution, end), go to the contact's
    /// conversation grain — chat, e-mail, social, messaging, or a voice call with transcript lines alike.
    /// </summary>
    private async Task ConversationsAsync(IReadOnlyList<SequencedEvent> recorded, Dictionary<string, AbuseVerdict> verdicts)
    {
        var inputs = new Dictionary<string, List<ConversationInput>>(StringComparer.Ordinal);
        foreach (var (_, e) in recorded)
        {
            if (e.ContactId is null || e.Type is EventType.AgentStateChanged or EventType.StateRequested or EventType.AbuseReported)
            {
                continue;
            }

            // A conversation starts with its first message; the contact's life (answer, transfer, resolution,
            // end) follows it from then on, whatever the channel.
            var message = e.Type is EventType.MessageReceived or EventType.MessageSent;
            if (message)
            {
                _withConversation.Add(e.ContactId);
            }
            else if (!_withConversation.Contains(e.ContactId))
            {
                continue;
            }

            string? text = null;
            string? language = e.Language;
            if (message && e.Text is { Length: > 0 } raw)
            {
                text = PiiRedactor.Redact(raw).Text;
                language ??= verdicts.TryGetValue(e.Id, out var v) ? v.Language : LanguageDetector.Detect(raw);
            }

            if (!inputs.TryGetValue(e.ContactId, out var list))
            {
                inputs[e.ContactId] = list = [];
            }

            list.Add(new ConversationInput(e, text, language, verdicts.TryGetValue(e.Id, out var verdict) && verdict.Abusive));
        }

        var keys = inputs.Keys.ToList();
        var views = await Task.WhenAll(keys.Select(key => grains.GetGrain<IConversationGrain>(key).ApplyAsync(inputs[key])));
        if (ends is not null)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (views[i] is { } view && inputs[keys[i]].LastOrDefault(x => x.Event.Type == EventType.ContactEnded) is { } end)
                {
                    ends.Add(keys[i], end.Event.At, view);
                }
            }
        }
    }

    private async Task RaiseIncidentsAsync(IReadOnlyList<SequencedEvent> recorded, Dictionary<string, AbuseVerdict> verdicts)
    {
        var registry = grains.GetGrain<IIncidentRegistryGrain>(0);
        foreach (var e in recorded.Select(r => r.Event).Where(e => e.Type is EventType.MessageReceived or EventType.AbuseReported))
        {
            var verdict = verdicts.GetValueOrDefault(e.Id);
            if (e.Type == EventType.MessageReceived && verdict is not { Abusive: true })
            {
                continue;
            }

            var source = e.Type == EventType.AbuseReported ? IncidentSource.Reported : IncidentSource.Detected;
            await registry.RaiseAsync(AbuseIncident.From(
                $"inc-{e.Id}", e.At, e.AgentId, e.QueueId!, e.ContactId!, e.CustomerId, source, e.Text, verdict));
        }
    }

    private static bool AffectsAgent(ContactCenterEvent e) =>
        e.Type is EventType.ContactAnswered or EventType.ContactEnded or EventType.AgentStateChanged or EventType.StateRequested;

    private static bool AffectsQueue(ContactCenterEvent e) => e.IsContactLifecycle;
}

/// <summary>A set that forgets its oldest entries past a capacity.</summary>
internal sealed class BoundedSet(int capacity)
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool Contains(string item) => _set.Contains(item);

    public void Add(string item)
    {
        if (!_set.Add(item))
        {
            return;
        }

        _order.Enqueue(item);
        if (_order.Count > capacity)
        {
            _set.Remove(_order.Dequeue());
        }
    }
}
