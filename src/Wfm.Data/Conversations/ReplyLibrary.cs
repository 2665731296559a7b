using Microsoft.EntityFrameworkCore;
using Wfm.Core.Conversations;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Conversations;

/// <summary>The team's past answers in the ReplyLibrary table (one row per agent reply that followed a customer's message).</summary>
public sealed class ReplyLibrary(IDbContextFactory<WfmDbContext> contexts) : IReplyLibrary
{
    public async Task AddAsync(ReplyPair pair, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Replies.Add(new ReplyEntity
        {
            AtTicks = pair.At.UtcTicks,
            Language = pair.Language,
            QueueId = pair.QueueId,
            AgentId = pair.AgentId,
            Question = pair.Question,
            Reply = pair.Reply,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReplyPair>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Replies.AsNoTracking().Where(r => r.Id > afterId).OrderBy(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(Pair).ToList();
    }

    public async Task<IReadOnlyList<ReplyPair>> ReadRecentAsync(DateTimeOffset since, int atLeast, int atMost = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

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
