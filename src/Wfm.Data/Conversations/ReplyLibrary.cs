using Microsoft.EntityFrameworkCore;
using Wfm.Core.Conversations;
using Wfm.Core.Ports;
using Wfm.Data.Entities;
using Wfm.Data.Storage;

namespace Wfm.Data.Conversations;

/// <summary>
/// The team's past answers in the ReplyLibrary table (one row per agent reply that followed a customer's message).
/// Replies arrive with every batch of messages: those added at once are stored together, in one transaction.
/// </summary>
public sealed class ReplyLibrary : IReplyLibrary, IAsyncDisposable
{
    private readonly IDbContextFactory<WfmDbContext> _contexts;
    private readonly BatchedWrites<ReplyPair> _adds;

    public ReplyLibrary(IDbContextFactory<WfmDbContext> contexts)
    {
        _contexts = contexts;
        _adds = new BatchedWrites<ReplyPair>(StoreAsync);
    }

    /// <summary>Completes once the pair is stored (with the others added meanwhile).</summary>
    public Task AddAsync(ReplyPair pair, CancellationToken cancellationToken = default) => _adds.AddAsync(pair);

    private async Task StoreAsync(IReadOnlyList<ReplyPair> pairs)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        db.Replies.AddRange(pairs.Select(pair => new ReplyEntity
        {
            AtTicks = pair.At.UtcTicks,
            Language = pair.Language,
            QueueId = pair.QueueId,
            AgentId = pair.AgentId,
            Question = pair.Question,
            Reply = pair.Reply,
        }));
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => _adds.DisposeAsync();

    public async Task<IReadOnlyList<ReplyPair>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Replies.AsNoTracking().Where(r => r.Id > afterId).OrderBy(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(Pair).ToList();
    }

    public async Task<IReadOnlyList<ReplyPair>> ReadRecentAsync(DateTimeOffset since, int atLeast, int atMost = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);

        // The newest atLeast rows however old, rows since the time, and never more than the newest atMost.
        var atLeastFrom = await IdFromNewestAsync(db, atLeast, cancellationToken);
        var atMostFrom = await IdFromNewestAsync(db, atMost, cancellationToken);
        var ticks = since.UtcTicks;
        var rows = await db.Replies.AsNoTracking()
            .Where(r => (r.AtTicks >= ticks || r.Id >= atLeastFrom) && r.Id >= atMostFrom)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return rows.Select(Pair).ToList();
    }

    /// <summary>The id of the n-th newest row (the oldest of the newest n, at least the newest); 0 when there are fewer.</summary>
    private static async Task<long> IdFromNewestAsync(WfmDbContext db, int n, CancellationToken cancellationToken) =>
        await db.Replies.OrderByDescending(r => r.Id).Skip(Math.Max(0, n - 1)).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    private static ReplyPair Pair(ReplyEntity r) =>
        new(r.Id, new DateTimeOffset(r.AtTicks, TimeSpan.Zero), r.Language, r.QueueId, r.AgentId, r.Question, r.Reply);
}
