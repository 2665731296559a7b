namespace Wfm.Core.Ports;

/// <summary>A stored forecast: the series it forecasts, the model used, the request and result as JSON, and its chart.</summary>
public sealed record StoredForecast(
    long Id, string SeriesKey, string Model, DateTimeOffset CreatedAt, int HorizonDays, int IntervalMinutes,
    double Contacts, string RequestJson, string ResultJson, string ChartSvg);

/// <summary>Where forecasts are kept: the request and result as JSON and the chart, so planners can reopen, export and staff them.</summary>
public interface IForecastStore
{
    Task<long> SaveAsync(string seriesKey, string model, int horizonDays, int intervalMinutes, double contacts, string requestJson, string resultJson, string chartSvg);

    /// <summary>Newest first, without the JSON and chart; only <paramref name="seriesKey"/>'s when given.</summary>
    Task<IReadOnlyList<StoredForecast>> ListAsync(string? seriesKey = null);

    Task<StoredForecast?> GetAsync(long id);

    Task<bool> DeleteAsync(long id);
}
