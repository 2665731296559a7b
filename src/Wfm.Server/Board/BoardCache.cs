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

    public BoardUpdate Snapshot() => new(
        _queues.Values.OrderBy(q => q.QueueId).ToList(),
        _agents.Values.OrderBy(a => a.AgentId).ToList());

    private static bool Newer(DateTimeOffset old, DateTimeOffset candidate) => candidate >= old;
}
