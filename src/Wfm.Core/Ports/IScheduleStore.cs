namespace Wfm.Core.Ports;

/// <summary>
/// A stored schedule: its horizon, headline figures, the result as JSON and when it was published to the shifts; the
/// problem it solved as JSON (null for schedules stored before it was kept: their request files give it again).
/// </summary>
public sealed record StoredSchedule(
    long Id, string Name, DateTimeOffset CreatedAt, DateOnly Start, int Days, int IntervalMinutes, int Shifts, double PaidHours, int Unmet,
    DateTimeOffset? PublishedAt, string ResultJson, string RequestJson, string? ProblemJson = null);

/// <summary>Where schedules are kept: headline figures, the result and the problem as JSON, when each was published.</summary>
public interface IScheduleStore
{
    Task<long> SaveAsync(
        string name, DateOnly start, int days, int intervalMinutes, int shifts, double paidHours, int unmet, string resultJson, string requestJson, string? problemJson = null);

    Task<IReadOnlyList<StoredSchedule>> ListAsync();

    Task<StoredSchedule?> GetAsync(long id);

    Task UpdateAsync(long id, int shifts, double paidHours, int unmet, string resultJson);

    Task MarkPublishedAsync(long id);

    Task<bool> DeleteAsync(long id);
}

/// <summary>Writes an agent's planned day (what the board's adherence and the wellbeing factors read); an empty list is a day off.</summary>
public interface IShiftPlanWriter
{
    Task SetPlanAsync(string agentId, DateOnly day, IReadOnlyList<Adherence.PlannedActivity> activities);
}
