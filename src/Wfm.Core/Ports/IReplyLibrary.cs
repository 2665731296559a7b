using Wfm.Core.Conversations;

namespace Wfm.Core.Ports;

/// <summary>
/// The team's past answers (a customer's question and the agent's reply as a template), append-only; the
/// suggestion index reads it on start and then what was added since.
/// </summary>
public interface IReplyLibrary
{
    /// <summary>Keeps a pair; its <see cref="ReplyPair.Id"/> is given by the library.</summary>
    Task AddAsync(ReplyPair pair, CancellationToken cancellationToken = default);

    /// <summary>Pairs with an id above <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ReplyPair>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest pairs at or after <paramref name="since"/>, and at least the newest <paramref name="atLeast"/>, but no more
    /// than the newest <paramref name="atMost"/>; oldest first.
    /// </summary>
    Task<IReadOnlyList<ReplyPair>> ReadRecentAsync(DateTimeOffset since, int atLeast, int atMost = int.MaxValue, CancellationToken cancellationToken = default);
}

/// <summary>Pairs in memory (tests and tools; the server keeps them in SQLite).</summary>
public sealed class InMemoryReplyLibrary : IReplyLibrary
{
    private readonly List<ReplyPair> _pairs = [];
    private readonly Lock _gate = new();

    public Task AddAsync(ReplyPair pair, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _pairs.Add(pair with { Id = _pairs.Count + 1 });
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReplyPair>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ReplyPair>>(_pairs.Where(p => p.Id > afterId).Take(limit).ToList());
        }
    }

    public Task<IReadOnlyList<ReplyPair>> ReadRecentAsync(DateTimeOffset since, int atLeast, int atMost = int.MaxValue, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ReplyPair>>(_pairs.Where((p, i) => (p.At >= since || i >= _pairs.Count - atLeast) && i >= (long)_pairs.Count - atMost).ToList());
        }
    }
}
