using Microsoft.EntityFrameworkCore;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Schedules;

/// <summary>Schedules made by the scheduler, kept so planners can review, export and publish them.</summary>
public sealed class ScheduleStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time) : IScheduleStore
{
    public async Task<long> SaveAsync(
        string name, DateOnly start, int days, int intervalMinutes, int shifts, double paidHours, int unmet, string resultJson, string requestJson, string? problemJson = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var row = new ScheduleEntity
        {
            Name = name, CreatedTicks = time.GetUtcNow().UtcTicks, StartDay = start.DayNumber, Days = days, IntervalMinutes = intervalMinutes, Shifts = shifts,
            PaidHours = paidHours, Unmet = unmet, ResultJson = resultJson, RequestJson = requestJson, ProblemJson = problemJson,
        };
        db.Schedules.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    /// <summary>Newest first, without the JSON.</summary>
    public async Task<IReadOnlyList<StoredSchedule>> ListAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rows = await db.Schedules.AsNoTracking().OrderByDescending(s => s.Id)
            .Select(s => new { s.Id, s.Name, s.CreatedTicks, s.StartDay, s.Days, s.IntervalMinutes, s.Shifts, s.PaidHours, s.Unmet, s.PublishedTicks })
            .ToListAsync();
        return [.. rows.Select(s => new StoredSchedule(s.Id, s.Name, At(s.CreatedTicks), DateOnly.FromDayNumber((int)s.StartDay), s.Days, s.IntervalMinutes, s.Shifts,
            s.PaidHours, s.Unmet, s.PublishedTicks is { } p ? At(p) : null, string.Empty, string.Empty))];
    }

    public async Task<StoredSchedule?> GetAsync(long id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id) is { } s
            ? new StoredSchedule(s.Id, s.Name, At(s.CreatedTicks), DateOnly.FromDayNumber((int)s.StartDay), s.Days, s.IntervalMinutes, s.Shifts, s.PaidHours, s.Unmet,
                s.PublishedTicks is { } p ? At(p) : null, s.ResultJson, s.RequestJson, s.ProblemJson)
            : null;
    }

    /// <summary>Replaces the schedule's result after an edit (it is no longer what was published).</summary>
    public async Task UpdateAsync(long id, int shifts, double paidHours, int unmet, string resultJson)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Schedules.Where(s => s.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.Shifts, shifts).SetProperty(s => s.PaidHours, paidHours).SetProperty(s => s.Unmet, unmet)
            .SetProperty(s => s.ResultJson, resultJson).SetProperty(s => s.PublishedTicks, (long?)null));
    }

    public async Task MarkPublishedAsync(long id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = time.GetUtcNow().UtcTicks;
        await db.Schedules.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.PublishedTicks, now));
    }

    public async Task<bool> DeleteAsync(long id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Schedules.Where(s => s.Id == id).ExecuteDeleteAsync() > 0;
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
