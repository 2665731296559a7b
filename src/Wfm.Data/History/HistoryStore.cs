using Microsoft.EntityFrameworkCore;
using Wfm.Core.Forecasting;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.History;

/// <summary>
/// Contact history per series (queue, or queue/channel) on the interval grid, in the EF model. An import is one
/// transaction — every series of the file or none — and replaces the stored intervals of the days it covers, so
/// importing the same file twice leaves the same history. Closed intervals are simply absent, as in <see cref="DemandHistory"/>.
/// </summary>
public sealed class HistoryStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time) : IHistoryStore
{
    /// <summary>
    /// Stores <paramref name="histories"/> in one transaction, each under its queue's series, or the one file's series
    /// under <paramref name="series"/>. A series already stored with another interval length is refused (and nothing of
    /// the file is written). Days the import covers replace the stored days and days outside it are kept — when the
    /// file's days meet the stored ones; when a gap lies between them the import is refused unless
    /// <paramref name="mode"/> says what to do, so a file of another year never merges silently into a series.
    /// </summary>
    public async Task<IReadOnlyList<ImportedSeries>> ImportAsync(
        IReadOnlyList<DemandHistory> histories, string fileName, string? series = null, HistoryImportMode? mode = null)
    {
        if (histories.Count == 0)
        {
            throw new ArgumentException("nothing to import", nameof(histories));
        }

        if (series is not null && histories.Count > 1)
        {
            throw new HistoryConflictException(series, $"the file holds {histories.Count} queues ({string.Join(", ", histories.Select(h => h.Queue))}); name a series only for a file of one queue", "series");
        }

        await using var db = await contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = new List<ImportedSeries>();
        foreach (var history in histories)
        {
            result.Add(await ImportAsync(db, history, series ?? history.Queue, fileName, mode));
        }

        await transaction.CommitAsync();
        return result;
    }

    private async Task<ImportedSeries> ImportAsync(WfmDbContext db, DemandHistory history, string key, string fileName, HistoryImportMode? mode)
    {
        if (await StoredAsync(db, key) is { } stored)
        {
            // A file of another interval length never goes into the series, whatever the mode (a new series takes it).
            if (mode != HistoryImportMode.New && stored.IntervalMinutes != history.IntervalMinutes)
            {
                throw new HistoryConflictException(
                    key, $"is stored in {stored.IntervalMinutes}-minute intervals; the file has {history.IntervalMinutes}-minute intervals (import it with intervalMinutes={stored.IntervalMinutes}, or delete the stored series first)");
            }

            var gap = history.FirstDay.DayNumber > stored.LastDay.DayNumber + 1 || history.LastDay.DayNumber < stored.FirstDay.DayNumber - 1;
            if (mode == HistoryImportMode.New || (mode is null && gap))
            {
                if (mode is null)
                {
                    var days = history.FirstDay > stored.LastDay ? history.FirstDay.DayNumber - stored.LastDay.DayNumber - 1 : stored.FirstDay.DayNumber - history.LastDay.DayNumber - 1;
                    throw new HistoryConflictException(key,
                        $"holds {stored.FirstDay:yyyy-MM-dd} to {stored.LastDay:yyyy-MM-dd}; the file covers {history.FirstDay:yyyy-MM-dd} to {history.LastDay:yyyy-MM-dd}, " +
                        $"{days} days apart. Say what to do: mode=append (keep both, the gap stays empty), replace (drop what is stored) or new (a series of its own)", "mode");
                }

                key = await FreeKeyAsync(db, key);
            }
        }

        // Replace drops every stored day of the series; otherwise only the days the file covers.
        var (first, last) = (history.FirstDay.DayNumber, history.LastDay.DayNumber);
        var intervals = db.HistoryIntervals.Where(i => i.SeriesKey == key);
        var replaced = await (mode == HistoryImportMode.Replace ? intervals : intervals.Where(i => i.Day >= first && i.Day <= last)).ExecuteDeleteAsync();

        var (queue, channel) = Split(history.Queue);
        var row = await db.HistorySeries.FindAsync(key);
        if (row is null)
        {
            row = new HistorySeriesEntity { SeriesKey = key, Queue = queue, Channel = channel, IntervalMinutes = history.IntervalMinutes, FileName = fileName };
            db.HistorySeries.Add(row);
        }

        row.HasAht |= history.HasHandleTimes;
        row.ImportedTicks = time.GetUtcNow().UtcTicks;
        row.FileName = fileName;

        var written = 0;
        for (var d = 0; d < history.DayCount; d++)
        {
            var volumes = history.DayVolumes(d);
            for (var s = 0; s < history.SlotsPerDay; s++)
            {
                if (double.IsNaN(volumes[s]))
                {
                    continue;
                }

                var (aht, handled) = history.HandleTime(d, s);
                db.HistoryIntervals.Add(new HistoryIntervalEntity
                {
                    SeriesKey = key,
                    Day = first + d,
                    Slot = s,
                    Offered = volumes[s],
                    AhtSeconds = double.IsNaN(aht) ? null : aht,
                    Handled = history.HasHandleTimes ? handled : null,
                });
                written++;
            }
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return new ImportedSeries(key, history.FirstDay, history.LastDay, written, replaced);
    }

    /// <summary>A stored series' interval length and the days it holds, or null when there is no such series.</summary>
    private static async Task<(int IntervalMinutes, DateOnly FirstDay, DateOnly LastDay)?> StoredAsync(WfmDbContext db, string key)
    {
        var minutes = await db.HistorySeries.Where(s => s.SeriesKey == key).Select(s => (int?)s.IntervalMinutes).FirstOrDefaultAsync();
        if (minutes is null)
        {
            return null;
        }

        var days = await db.HistoryIntervals.Where(i => i.SeriesKey == key).GroupBy(i => i.SeriesKey)
            .Select(g => new { First = g.Min(i => i.Day), Last = g.Max(i => i.Day) }).FirstOrDefaultAsync();

        // A series whose days were all deleted meets any file.
        return days is null
            ? (minutes.Value, DateOnly.MinValue, DateOnly.MaxValue)
            : (minutes.Value, DateOnly.FromDayNumber(days.First), DateOnly.FromDayNumber(days.Last));
    }

    /// <summary>"key (2)", "key (3)", … : the first that no stored series has.</summary>
    private static async Task<string> FreeKeyAsync(WfmDbContext db, string key)
    {
        for (var n = 2; ; n++)
        {
            var candidate = $"{key} ({n})";
            if (!await db.HistorySeries.AnyAsync(s => s.SeriesKey == candidate))
            {
                return candidate;
            }
        }
    }

    public async Task<IReadOnlyList<StoredSeries>> ListAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var series = await db.HistorySeries.AsNoTracking().OrderBy(s => s.SeriesKey).ToListAsync();
        var totals = await db.HistoryIntervals.GroupBy(i => i.SeriesKey)
            .Select(g => new { Key = g.Key, First = g.Min(i => i.Day), Last = g.Max(i => i.Day), Count = g.Count(), Offered = g.Sum(i => i.Offered) })
            .ToDictionaryAsync(t => t.Key, StringComparer.Ordinal);
        return series.Select(s =>
        {
            var t = totals.GetValueOrDefault(s.SeriesKey);
            return new StoredSeries(
                s.SeriesKey, s.Queue, s.Channel, s.IntervalMinutes, s.HasAht,
                t is null ? DateOnly.MinValue : DateOnly.FromDayNumber(t.First), t is null ? DateOnly.MinValue : DateOnly.FromDayNumber(t.Last),
                t?.Count ?? 0, t?.Offered ?? 0, new DateTimeOffset(s.ImportedTicks, TimeSpan.Zero), s.FileName);
        }).ToList();
    }

    public async Task<StoredSeries?> FindAsync(string key) => (await ListAsync()).FirstOrDefault(s => s.Key == key);

    /// <summary>Stored intervals of a series from <paramref name="from"/> to <paramref name="to"/> (inclusive days), in time order.</summary>
    public async Task<IReadOnlyList<StoredInterval>> IntervalsAsync(string key, DateOnly? from = null, DateOnly? to = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var minutes = await db.HistorySeries.Where(s => s.SeriesKey == key).Select(s => (int?)s.IntervalMinutes).FirstOrDefaultAsync();
        if (minutes is not { } m)
        {
            return [];
        }

        var (first, last) = ((from ?? DateOnly.MinValue).DayNumber, (to ?? DateOnly.MaxValue).DayNumber);
        var rows = await db.HistoryIntervals.AsNoTracking().Where(i => i.SeriesKey == key && i.Day >= first && i.Day <= last)
            .OrderBy(i => i.Day).ThenBy(i => i.Slot).Select(i => new { i.Day, i.Slot, i.Offered, i.AhtSeconds, i.Handled }).ToListAsync();
        return rows.Select(i => new StoredInterval(
            DateOnly.FromDayNumber(i.Day).ToDateTime(TimeOnly.MinValue).AddMinutes(i.Slot * m), i.Offered, i.AhtSeconds, i.Handled)).ToList();
    }

    /// <summary>The stored series as a history grid for forecasting; null when there is no such series.</summary>
    public async Task<DemandHistory?> LoadAsync(string key)
    {
        var series = await FindAsync(key);
        if (series is null)
        {
            return null;
        }

        var intervals = await IntervalsAsync(key);
        var row = 0L;
        return DemandHistory.Build(key, series.IntervalMinutes, intervals.Select(i => new DemandObservation(i.Start, i.Offered, i.AhtSeconds, i.Handled, ++row)));
    }

    public async Task<bool> DeleteAsync(string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var intervals = await db.HistoryIntervals.Where(i => i.SeriesKey == key).ExecuteDeleteAsync();
        var series = await db.HistorySeries.Where(s => s.SeriesKey == key).ExecuteDeleteAsync();
        await transaction.CommitAsync();
        return intervals + series > 0;
    }

    /// <summary>
    /// Gives a series another name, with its intervals and the forecasts made from it; refused (false) when there is no
    /// such series, and when the name is taken (<see cref="HistoryConflictException"/>).
    /// </summary>
    public async Task<bool> RenameAsync(string key, string name)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await StoredAsync(db, key) is null)
        {
            return false;
        }

        if (await StoredAsync(db, name) is not null)
        {
            throw new HistoryConflictException(name, "is the name of another stored series; choose another name or delete that series first", "name");
        }

        // The series row is replaced (its key is the primary key), its intervals and forecasts follow it.
        var row = await db.HistorySeries.AsNoTracking().SingleAsync(s => s.SeriesKey == key);
        row.SeriesKey = name;
        db.HistorySeries.Add(row);
        await db.SaveChangesAsync();
        await db.HistoryIntervals.Where(i => i.SeriesKey == key).ExecuteUpdateAsync(s => s.SetProperty(i => i.SeriesKey, name));
        await db.Forecasts.Where(f => f.SeriesKey == key).ExecuteUpdateAsync(s => s.SetProperty(f => f.SeriesKey, name));
        await db.HistorySeries.Where(s => s.SeriesKey == key).ExecuteDeleteAsync();
        await transaction.CommitAsync();
        return true;
    }

    private static (string Queue, string? Channel) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, null) : (key[..slash], key[(slash + 1)..]);
    }
}
