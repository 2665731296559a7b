using Wfm.Core.Forecasting;
using Wfm.Core.Ports;
using Wfm.Planning.Center;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Forecasting;

/// <summary>
/// How a history file is read and where it goes: its columns (<c>name=header</c>), the interval length to store, its
/// time zone (default: the center's), the queue of a file without a queue column, the series to import into and what to
/// do when its days do not meet the stored ones (append, replace or new).
/// </summary>
public sealed record HistoryImportRequest(
    string FileName, IReadOnlyList<string>? Columns = null, int? IntervalMinutes = null, string? TimeZone = null, string? Queue = null,
    string? Series = null, string? Mode = null);

/// <summary>
/// Contact history as a planner manages it: imports of history files (the CSV is read here, at the edge) into named
/// series, checked against the center's queues and read on the center's clock; lists, renames and deletes.
/// </summary>
public sealed class HistoryService(IHistoryStore store, CenterService center)
{
    /// <summary>Reads the file and stores it, all series or none. Errors name the line, column or field and what was expected.</summary>
    public async Task<IReadOnlyList<ImportedSeries>> ImportAsync(TextReader file, HistoryImportRequest request, CancellationToken cancellationToken = default)
    {
        HistoryImportMode? mode = null;
        if (!string.IsNullOrWhiteSpace(request.Mode))
        {
            if (!Enum.TryParse<HistoryImportMode>(request.Mode, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw new PlanningException("mode", $"expected append, replace or new, got '{request.Mode}'");
            }

            mode = parsed;
        }

        var fileName = string.IsNullOrWhiteSpace(request.FileName) ? "history.csv" : Path.GetFileName(request.FileName.Trim());
        var setup = await center.GetAsync(cancellationToken);
        HistoryReadOptions options;
        try
        {
            var known = setup.Queues.Where(q => q.IsActive).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
            options = new HistoryReadOptions
            {
                Columns = new HistoryColumns().Map(request.Columns ?? []),
                IntervalMinutes = request.IntervalMinutes,
                TimeZone = HistoryReadOptions.FindZone(request.TimeZone ?? setup.Settings.TimeZone, "timeZone"),
                DefaultQueue = request.Queue?.Trim() ?? string.Empty,
                KnownQueues = known.Count > 0 ? known : null,
            };
        }
        catch (ForecastInputException ex)
        {
            throw new PlanningException(ex.Field, ex.Detail);
        }

        IReadOnlyList<DemandHistory> histories;
        try
        {
            histories = HistoryCsv.Read(file, fileName, options);
        }
        catch (InputFileException ex)
        {
            throw new PlanningException(ex.Column ?? "file", ex.RawMessage);
        }
        catch (ForecastInputException ex)
        {
            throw new PlanningException(ex.Field, $"{fileName}: {ex.Message}");
        }

        return await ImportAsync(histories, fileName, request.Series, mode);
    }

    /// <summary>Stores histories already read (a generator's, another system's).</summary>
    public async Task<IReadOnlyList<ImportedSeries>> ImportAsync(IReadOnlyList<DemandHistory> histories, string fileName, string? series = null, HistoryImportMode? mode = null)
    {
        try
        {
            return await store.ImportAsync(histories, fileName, string.IsNullOrWhiteSpace(series) ? null : series.Trim(), mode);
        }
        catch (HistoryConflictException ex)
        {
            throw new PlanningException(ex.Field, ex.Message);
        }
    }

    public async Task<bool> RenameAsync(string series, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 120)
        {
            throw new PlanningException("name", "give the series a name of 1 to 120 characters");
        }

        try
        {
            return await store.RenameAsync(series, name.Trim());
        }
        catch (HistoryConflictException ex)
        {
            throw new PlanningException(ex.Field, ex.Message);
        }
    }

    public Task<IReadOnlyList<StoredSeries>> ListAsync() => store.ListAsync();

    public Task<StoredSeries?> FindAsync(string series) => store.FindAsync(series);

    public Task<IReadOnlyList<StoredInterval>> IntervalsAsync(string series, DateOnly? from = null, DateOnly? to = null)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw new PlanningException("to", $"must not be before from ({f:yyyy-MM-dd})");
        }

        return store.IntervalsAsync(series, from, to);
    }

    public Task<bool> DeleteAsync(string series) => store.DeleteAsync(series);
}
