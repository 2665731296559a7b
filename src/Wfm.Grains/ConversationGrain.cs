using Microsoft.Extensions.Options;
using Wfm.Core.Conversations;

namespace Wfm.Grains;

/// <summary>
/// One conversation: applies its contact's events (texts already redacted), tells the inbox, and tracks which
/// agents have it open. State is saved a moment after it changes, and at once when the conversation is resolved or
/// closed — then the grain leaves memory until the customer writes again.
/// </summary>
[CollectionAgeLimit(Minutes = 5)]
public sealed class ConversationGrain(
    [PersistentState("conversation", "wfm")] IPersistentState<Conversation> state,
    IContactCenterDirectory directory,
    IReplyLibrary replies,
    IOptions<WfmGrainOptions> options,
    TimeProvider time) : Grain, IConversationGrain
{
    private readonly Dictionary<string, Presence> _present = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _counted = new(StringComparer.Ordinal);

    // When each present agent was last heard from (their page sends a heartbeat while open).
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private DeferredSave<Conversation>? _saved;

    // Saved a moment after a change, and at once when the conversation closes (a timer only while something is unsaved).
    private DeferredSave<Conversation> Saved => _saved ??= new(this, state, options.Value.SaveEvery);
    private IInboxGrain? _inbox;

    private IInboxGrain Inbox => _inbox ??= GrainFactory.GetGrain<IInboxGrain>(0);

    private Conversation Ledger => state.State;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await SaveIfDirtyAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<ConversationView?> ApplyAsync(IReadOnlyList<ConversationInput> events)
    {
        var changed = false;
        foreach (var input in events)
        {
            var channel = input.Event.QueueId is { } q && directory.FindQueue(q) is { } queue ? queue.Channel : Ledger.Channel;
            var applied = Ledger.Apply(input.Event, channel, input.Text, input.Language, input.Abusive);
            changed |= applied;
            if (applied && input.Event.Type == EventType.MessageSent && input.Text is { Length: > 0 } reply)
            {
                await KeepAnswerAsync(input.Event, reply);
            }
        }

        // The contact ended: the conversation as it stands goes back to ingestion for the coaching read (read from
        // here, the grain is not woken again from the database for it once it has left memory).
        var ended = events.Any(i => i.Event.Type == EventType.ContactEnded) ? await GetAsync() : null;
        if (!changed)
        {
            return ended;
        }

        Saved.MarkDirty();
        await Inbox.UpdateAsync(Ledger.Summary());
        if (!Ledger.Summary().IsOpen)
        {
            await SaveIfDirtyAsync();
            if (_present.Count == 0)
            {
                DeactivateOnIdle();
            }
        }

        return ended;
    }

    /// <summary>An agent's reply to a customer's message goes to the team's library of answers, as a template.</summary>
    private async Task KeepAnswerAsync(ContactCenterEvent sent, string reply)
    {
        var question = Ledger.Messages.Take(Ledger.Messages.Count - 1).LastOrDefault(m => m.Sender == ConversationSender.Customer && m.Text.Length > 0);
        if (question is null || sent.AgentId is null)
        {
            return;
        }

        var agentFirstName = directory.FindAgent(sent.AgentId)?.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var language = question.Language.Length > 0 ? question.Language : Ledger.Language;
        await replies.AddAsync(new ReplyPair(0, sent.At, language, Ledger.QueueId, sent.AgentId, question.Text,
            ReplyIndex.Template(reply, Ledger.CustomerName, agentFirstName)));
    }

    public Task<ConversationView?> GetAsync()
    {
        if (!Ledger.IsStarted)
        {
            return Task.FromResult<ConversationView?>(null);
        }

        Prune();
        return Task.FromResult<ConversationView?>(new ConversationView(Ledger.Summary(), [.. Ledger.Messages], [.. Ledger.Replies], [.. _present.Values]));
    }

    public async Task<IReadOnlyList<Presence>> PresenceAsync(string agentId, PresenceMode mode)
    {
        Prune();
        var now = time.GetUtcNow();
        var since = _present.TryGetValue(agentId, out var was) && was.Mode == mode ? was.Since : now;
        _present[agentId] = new Presence(agentId, mode, since);
        _seen[agentId] = now;
        var others = _present.Values.Where(p => p.AgentId != agentId).ToList();

        // Two agents on one conversation with at least one of them writing: a collision, counted once per pair in 5 minutes.
        if (others.Count > 0 && (mode == PresenceMode.Typing || others.Any(o => o.Mode == PresenceMode.Typing)))
        {
            foreach (var other in others)
            {
                var pair = string.CompareOrdinal(agentId, other.AgentId) < 0 ? $"{agentId}|{other.AgentId}" : $"{other.AgentId}|{agentId}";
                if (!_counted.TryGetValue(pair, out var last) || now - last > TimeSpan.FromMinutes(5))
                {
                    _counted[pair] = now;
                    await Inbox.CollisionAsync(Ledger.QueueId, now);
                }
            }
        }

        return others;
    }

    public async Task EraseCustomerAsync(string replacement)
    {
        if (!Ledger.IsStarted)
        {
            return;
        }

        Ledger.EraseCustomer(replacement);
        Saved.MarkDirty();
        await SaveIfDirtyAsync();
        await Inbox.UpdateAsync(Ledger.Summary() with { UpdatedAt = time.GetUtcNow() > Ledger.UpdatedAt ? time.GetUtcNow() : Ledger.UpdatedAt });
    }

    public Task LeaveAsync(string agentId)
    {
        _present.Remove(agentId);
        _seen.Remove(agentId);
        return Task.CompletedTask;
    }

    /// <summary>Forgets agents whose page stopped sending heartbeats.</summary>
    private void Prune()
    {
        var cutoff = time.GetUtcNow().AddSeconds(-IConversationGrain.PresenceTtlSeconds);
        foreach (var (agent, at) in _seen.ToList())
        {
            if (at < cutoff)
            {
                _seen.Remove(agent);
                _present.Remove(agent);
            }
        }
    }

    private Task SaveIfDirtyAsync() => Saved.SaveIfDirtyAsync();
}
