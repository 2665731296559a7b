using Microsoft.EntityFrameworkCore;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Scenarios;

/// <summary>Staffing plans in the EF model (one table for SQLite and PostgreSQL alike).</summary>
public sealed class EfStaffingPlanStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time) : IStaffingPlanStore
{
    public async Task<long> AddAsync(string name, DateOnly start, int days, int intervalMinutes, string planJson, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = new StaffingPlanEntity { Name = name, CreatedAt = time.GetUtcNow(), Start = start, Days = days, IntervalMinutes = intervalMinutes, PlanJson = planJson };
        db.StaffingPlans.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return entity.Id;
    }

    public async Task<IReadOnlyList<StoredStaffingPlan>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffingPlans.AsNoTracking().OrderByDescending(p => p.Id)
            .Select(p => new StoredStaffingPlan(p.Id, p.Name, p.CreatedAt, p.Start, p.Days, p.IntervalMinutes, null))
            .ToListAsync(cancellationToken);
    }

    public async Task<StoredStaffingPlan?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffingPlans.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new StoredStaffingPlan(p.Id, p.Name, p.CreatedAt, p.Start, p.Days, p.IntervalMinutes, p.PlanJson))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffingPlans.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
