using Microsoft.EntityFrameworkCore;
using Wfm.Core.Ports;
using Wfm.Data.Entities;

namespace Wfm.Data.Forecasts;

/// <summary>Forecasts made from stored history, kept so planners can reopen, export and staff them.</summary>
public sealed class ForecastStore(IDbContextFactory<WfmDbContext> contexts, TimeProvider time) : IForecastStore
{
    public async Task<long> SaveAsync(
        string seriesKey, string model, int horizonDays, int intervalMinutes, double contacts, string requestJson, string resultJson, string chartSvg)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var row = new ForecastEntity
        {
            SeriesKey = seriesKey, Model = model, CreatedTicks = time.GetUtcNow().UtcTicks, HorizonDays = horizonDays, IntervalMinutes = intervalMinutes,
            Contacts = contacts, RequestJson = requestJson, ResultJson = resultJson, ChartSvg = chartSvg,
        };
        db.Forecasts.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    /// <summary>Newest first, without the JSON and chart; only <paramref name="seriesKey"/>'s when given.</summary>
    public async Task<IReadOnlyList<StoredForecast>> ListAsync(string? seriesKey = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var query = db.Forecasts.AsNoTracking();
        if (seriesKey is not null)
        {
            query = query.Where(f => f.SeriesKey == seriesKey);
        }

        return await query.OrderByDescending(f => f.Id)
            .Select(f => new StoredForecast(f.Id, f.SeriesKey, f.Model, new DateTimeOffset(f.CreatedTicks, TimeSpan.Zero), f.HorizonDays, f.IntervalMinutes, f.Contacts,
                string.Empty, string.Empty, string.Empty))
            .ToListAsync();
    }

    public async Task<StoredForecast?> GetAsync(long id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Forecasts.AsNoTracking().Where(f => f.Id == id)
            .Select(f => new StoredForecast(f.Id, f.SeriesKey, f.Model, new DateTimeOffset(f.CreatedTicks, TimeSpan.Zero), f.HorizonDays, f.IntervalMinutes, f.Contacts,
                f.RequestJson, f.ResultJson, f.ChartSvg))
            .FirstOrDefaultAsync();
    }

    public async Task<bool> DeleteAsync(long id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Forecasts.Where(f => f.Id == id).ExecuteDeleteAsync() > 0;
    }
}
