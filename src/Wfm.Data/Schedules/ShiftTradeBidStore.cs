using Microsoft.EntityFrameworkCore;
using Wfm.Data.Entities;

namespace Wfm.Data.Schedules;

/// <summary>A colleague's offer to take a traded shift, and when it came.</summary>
public sealed record ShiftTradeBid(long RequestId, string AgentId, DateTimeOffset At);

/// <summary>Colleagues' offers to take shifts put up for trade, in the EF model.</summary>
public sealed class ShiftTradeBidStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time)
{
    /// <summary>Records the offer; false when this colleague had already made it.</summary>
    public async Task<bool> AddAsync(long requestId, string agentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ShiftTradeBids.AnyAsync(b => b.RequestId == requestId && b.AgentId == agentId, cancellationToken))
        {
            return false;
        }

        db.ShiftTradeBids.Add(new ShiftTradeBidEntity { RequestId = requestId, AgentId = agentId, At = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The offers on these trades, first come first.</summary>
    public async Task<IReadOnlyList<ShiftTradeBid>> ListAsync(IReadOnlyCollection<long> requestIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ShiftTradeBids.AsNoTracking().Where(b => requestIds.Contains(b.RequestId)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(b => b.At).ThenBy(b => b.Id).Select(b => new ShiftTradeBid(b.RequestId, b.AgentId, b.At))];
    }
}
