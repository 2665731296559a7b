using Microsoft.EntityFrameworkCore;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Scenarios;

/// <summary>Each queue's staffing calibration in the EF model (one table for SQLite and PostgreSQL alike).</summary>
public sealed class EfStaffingCalibrationStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time) : IStaffingCalibrationStore
{
    public async Task SaveAsync(string queueId, string source, string reportJson, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.StaffingCalibrations.FirstOrDefaultAsync(c => c.QueueId == queueId, cancellationToken);
        if (entity is null)
        {
            db.StaffingCalibrations.Add(new StaffingCalibrationEntity { QueueId = queueId, CreatedAt = time.GetUtcNow(), Source = source, ReportJson = reportJson });
        }
        else
        {
            entity.CreatedAt = time.GetUtcNow();
            entity.Source = source;
            entity.ReportJson = reportJson;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<StoredCalibration?> GetAsync(string queueId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffingCalibrations.AsNoTracking().Where(c => c.QueueId == queueId)
            .Select(c => new StoredCalibration(c.QueueId, c.CreatedAt, c.Source, c.ReportJson))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredCalibration>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.StaffingCalibrations.AsNoTracking()
            .Select(c => new StoredCalibration(c.QueueId, c.CreatedAt, c.Source, c.ReportJson))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(c => c.QueueId, StringComparer.Ordinal)];
    }

    public async Task<bool> DeleteAsync(string queueId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffingCalibrations.Where(c => c.QueueId == queueId).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
