using Microsoft.EntityFrameworkCore;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Scenarios;

/// <summary>Capacity plans in the EF model (one table for SQLite and PostgreSQL alike).</summary>
public sealed class EfCapacityPlanStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time) : ICapacityPlanStore
{
    public async Task<long> AddAsync(string name, DateOnly start, int weeks, string requestJson, string resultJson, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = new CapacityPlanEntity { Name = name, CreatedAt = time.GetUtcNow(), Start = start, Weeks = weeks, RequestJson = requestJson, ResultJson = resultJson };
        db.CapacityPlans.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return entity.Id;
    }

    public async Task<IReadOnlyList<StoredCapacityPlan>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CapacityPlans.AsNoTracking().OrderByDescending(p => p.Id)
            .Select(p => new StoredCapacityPlan(p.Id, p.Name, p.CreatedAt, p.Start, p.Weeks, null, null))
            .ToListAsync(cancellationToken);
    }

    public async Task<StoredCapacityPlan?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CapacityPlans.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new StoredCapacityPlan(p.Id, p.Name, p.CreatedAt, p.Start, p.Weeks, p.RequestJson, p.ResultJson))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CapacityPlans.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
