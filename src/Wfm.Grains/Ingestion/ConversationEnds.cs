using System.Collections.Concurrent;

namespace Wfm.Grains.Ingestion;

/// <summary>
/// Conversations whose contact has just ended, as ingestion applies the end (each as its grain returned it): what the
/// coaching read takes next. Bounded (a conversation's messages are held here until read):
/// past <see cref="Capacity"/> waiting, the oldest are let go (a reader that fell that far behind catches up on new ones).
/// </summary>
public sealed class ConversationEnds
{
    public const int Capacity = 20_000;

    private readonly ConcurrentQueue<(string ContactId, DateTimeOffset At, ConversationView View)> _ended = new();

    public int Count => _ended.Count;

    public void Add(string contactId, DateTimeOffset at, ConversationView view)
    {
        _ended.Enqueue((contactId, at, view));
        while (_ended.Count > Capacity && _ended.TryDequeue(out _))
        {
        }
    }

    /// <summary>Everything waiting, oldest first (a contact ended twice comes once, with its last end).</summary>
    public IReadOnlyList<(string ContactId, DateTimeOffset At, ConversationView View)> Take()
    {
        var taken = new Dictionary<string, (DateTimeOffset, ConversationView)>(StringComparer.Ordinal);
        while (_ended.TryDequeue(out var item))
        {
            taken[item.ContactId] = (item.At, item.View);
        }

        return [.. taken.Select(p => (p.Key, p.Value.Item1, p.Value.Item2))];
    }
}
