using Microsoft.EntityFrameworkCore;
using Wfm.Data.Entities;

namespace Wfm.Data.Schedules;

/// <summary>An agent's request against a schedule (time off, or a shift swap with a colleague) and the planner's decision.</summary>
public sealed record StoredScheduleRequest(
    long Id, long ScheduleId, string Kind, string AgentId, string? OtherAgentId, DateOnly Date, string Status, string? Note,
    DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string CheckJson);

/// <summary>
/// Time-off, swap and shift-trade requests per schedule: pending until a planner approves or rejects them (a trade a
/// colleague takes without breaking a rule is approved at once).
/// </summary>
public sealed class ScheduleRequestStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time)
{
    public async Task<long> AddAsync(long scheduleId, string kind, string agentId, string? otherAgentId, DateOnly date, string? note, string checkJson)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var row = new ScheduleRequestEntity
        {
            ScheduleId = scheduleId, Kind = kind, AgentId = agentId, OtherAgentId = otherAgentId, Day = date.DayNumber, Status = "pending", Note = note,
            CreatedTicks = time.GetUtcNow().UtcTicks, CheckJson = checkJson,
        };
        db.ScheduleRequests.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    /// <summary>Records the decision on a pending request; false when it is not pending (already decided) or unknown.</summary>
    /// <param name="otherAgentId">For a shift trade: the colleague who takes the shift (kept with the decision).</param>
    public async Task<bool> DecideAsync(long id, string status, string checkJson, string? otherAgentId = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = time.GetUtcNow().UtcTicks;
        // Only a pending request is decided, once: the condition and the change in one statement.
        return await db.ScheduleRequests.Where(r => r.Id == id && r.Status == "pending").ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, status).SetProperty(r => r.DecidedTicks, now).SetProperty(r => r.CheckJson, checkJson)
            .SetProperty(r => r.OtherAgentId, r => otherAgentId ?? r.OtherAgentId)) > 0;
    }

    public async Task<IReadOnlyList<StoredScheduleRequest>> ListAsync(long scheduleId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rows = await db.ScheduleRequests.AsNoTracking().Where(r => r.ScheduleId == scheduleId).OrderBy(r => r.Id).ToListAsync();
        return [.. rows.Select(r => new StoredScheduleRequest(r.Id, r.ScheduleId, r.Kind, r.AgentId, r.OtherAgentId, DateOnly.FromDayNumber((int)r.Day), r.Status,
            r.Note, new DateTimeOffset(r.CreatedTicks, TimeSpan.Zero), r.DecidedTicks is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : null, r.CheckJson))];
    }
}
