using Wfm.Core.Forecasting;

namespace Wfm.Core.Ports;

/// <summary>A stored history series: what it covers and where it came from.</summary>
public sealed record StoredSeries(
    string Key, string Queue, string? Channel, int IntervalMinutes, bool HasHandleTimes,
    DateOnly FirstDay, DateOnly LastDay, int Intervals, double Contacts, DateTimeOffset ImportedAt, string FileName);

/// <summary>One stored interval of a series (wall-clock start).</summary>
public readonly record struct StoredInterval(DateTime Start, double Offered, double? AhtSeconds, double? Handled);

/// <summary>What an import did per series: intervals written and stored intervals it replaced.</summary>
public sealed record ImportedSeries(string Key, DateOnly FirstDay, DateOnly LastDay, int Written, int Replaced);

/// <summary>
/// What an import into a stored series whose days it does not meet does with them: <c>Append</c> keeps the stored days
/// and adds the file's (the gap stays a gap), <c>Replace</c> drops what is stored first, <c>New</c> stores the file as a
/// new series beside it ("name (2)").
/// </summary>
public enum HistoryImportMode
{
    Append,
    Replace,
    New,
}

/// <summary>Raised when an import conflicts with what is stored (e.g. a different interval length, or days that do not meet).</summary>
public sealed class HistoryConflictException(string series, string detail, string field = "intervalMinutes") : Exception($"series '{series}': {detail}")
{
    /// <summary>The request field the conflict is about (the interval length, or the import mode).</summary>
    public string Field { get; } = field;

    public string Series { get; } = series;

    public string Detail { get; } = detail;
}

/// <summary>Where contact history is kept per series: imports (one write per file, all series or none), reads, renames, deletes.</summary>
public interface IHistoryStore
{
    /// <summary>Stores the histories; into <paramref name="series"/> when named. Days that do not meet the stored ones need a <paramref name="mode"/>.</summary>
    Task<IReadOnlyList<ImportedSeries>> ImportAsync(IReadOnlyList<DemandHistory> histories, string fileName, string? series = null, HistoryImportMode? mode = null);

    Task<IReadOnlyList<StoredSeries>> ListAsync();

    Task<StoredSeries?> FindAsync(string key);

    Task<IReadOnlyList<StoredInterval>> IntervalsAsync(string key, DateOnly? from = null, DateOnly? to = null);

    Task<DemandHistory?> LoadAsync(string key);

    Task<bool> DeleteAsync(string key);

    Task<bool> RenameAsync(string key, string name);
}
