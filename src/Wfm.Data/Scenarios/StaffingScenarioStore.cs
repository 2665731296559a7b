using Microsoft.EntityFrameworkCore;
using Wfm.Data.Entities;

namespace Wfm.Data.Scenarios;

/// <summary>A saved staffing scenario: its request and computed result as JSON, with a name and time, and the stored forecast it was computed from (if any).</summary>
public sealed record StoredScenario(long Id, string Name, string Queue, DateTimeOffset CreatedAt, string RequestJson, string ResultJson, long? ForecastId = null);

/// <summary>Staffing scenarios (a queue's requirement computed and saved from the planner page or the API).</summary>
public sealed class StaffingScenarioStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time)
{
    public async Task<long> SaveAsync(string name, string queue, string requestJson, string resultJson, long? forecastId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new StaffingScenarioEntity
        {
            Name = name, Queue = queue, CreatedTicks = time.GetUtcNow().UtcTicks, RequestJson = requestJson, ResultJson = resultJson, ForecastId = forecastId,
        };
        db.StaffingScenarios.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>Saved scenarios, newest first; with <paramref name="forecastId"/> only those computed from that forecast; the JSON only when asked for.</summary>
    public async Task<IReadOnlyList<StoredScenario>> ListAsync(bool withJson = false, long? forecastId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.StaffingScenarios.AsNoTracking();
        if (forecastId is not null)
        {
            query = query.Where(s => s.ForecastId == forecastId);
        }

        return await query.OrderByDescending(s => s.Id)
            .Select(s => new StoredScenario(s.Id, s.Name, s.Queue, new DateTimeOffset(s.CreatedTicks, TimeSpan.Zero),
                withJson ? s.RequestJson : string.Empty, withJson ? s.ResultJson : string.Empty, s.ForecastId))
            .ToListAsync(cancellationToken);
    }

    public async Task<StoredScenario?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffingScenarios.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new StoredScenario(s.Id, s.Name, s.Queue, new DateTimeOffset(s.CreatedTicks, TimeSpan.Zero), s.RequestJson, s.ResultJson, s.ForecastId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffingScenarios.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
