using System.Collections.Concurrent;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Board;

/// <summary>The newest snapshot of every queue and agent, for a board that connects mid-day.</summary>
public sealed class BoardCache
{
    private readonly ConcurrentDictionary<string, QueueSnapshot> _queues = new();
    private readonly ConcurrentDictionary<string, AgentSnapshot> _agents = new();

    public void Merge(BoardUpdate update)
    {
        foreach (var q in update.Queues)
        {
            _queues.AddOrUpdate(q.QueueId, q, (_, old) => Newer(old.AsOf, q.AsOf) ? q : old);
        }

        foreach (var a in update.Agents)
        {
            _agents.AddOrUpdate(a.AgentId, a, (_, old) => Newer(old.AsOf, a.AsOf) ? a : old);
        }
    }

    /// <summary>Forgets queues and agents that are no longer in the directory (deactivated); returns the ids it still lacks.</summary>
    public (IReadOnlyList<string> Queues, IReadOnlyList<string> Agents) Follow(IEnumerable<string> queueIds, IEnumerable<string> agentIds)
    {
        var queues = queueIds.ToHashSet(StringComparer.Ordinal);
        var agents = agentIds.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _queues.Keys.Where(k => !queues.Contains(k)))
        {
            _queues.TryRemove(gone, out _);
        }

        foreach (var gone in _agents.Keys.Where(k => !agents.Contains(k)))
        {
            _agents.TryRemove(gone, out _);
        }

        return ([.. queues.Where(q => !_queues.ContainsKey(q))], [.. agents.Where(a => !_agents.ContainsKey(a))]);
    }

    public BoardUpdate Snapshot() => new(
        _queues.Values.OrderBy(q => q.QueueId).ToList(),
        _agents.Values.OrderBy(a => a.AgentId).ToList());

    private static bool Newer(DateTimeOffset old, DateTimeOffset candidate) => candidate >= old;
}
