using Microsoft.Data.Sqlite;
using Wfm.Core.Forecasting;
using Wfm.Data.Storage;

namespace Wfm.Data.History;

/// <summary>A stored history series: what it covers and where it came from.</summary>
public sealed record StoredSeries(
    string Key, string Queue, string? Channel, int IntervalMinutes, bool HasHandleTimes,
    DateOnly FirstDay, DateOnly LastDay, int Intervals, double Contacts, DateTimeOffset ImportedAt, string FileName);

/// <summary>One stored interval of a series (wall-clock start).</summary>
public readonly record struct StoredInterval(DateTime Start, double Offered, double? AhtSeconds, double? Handled);

/// <summary>What an import did per series: intervals written and stored intervals it replaced.</summary>
public sealed record ImportedSeries(string Key, DateOnly FirstDay, DateOnly LastDay, int Written, int Replaced);

/// <summary>Raised when an import conflicts with what is stored (e.g. a different interval length).</summary>
public sealed class HistoryConflictException(string series, string detail) : Exception($"series '{series}': {detail}")
{
    public string Series { get; } = series;

    public string Detail { get; } = detail;
}

/// <summary>
/// Contact history per series (queue, or queue/channel) on the interval grid, in the embedded SQLite
/// store. An import is one write job — every series of the file or none — and replaces the stored
/// intervals of the days it covers, so importing the same file twice leaves the same history.
/// Closed intervals are simply absent, as in <see cref="DemandHistory"/>.
/// </summary>
public sealed class HistoryStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS HistorySeries (
            SeriesKey TEXT NOT NULL PRIMARY KEY,
            Queue TEXT NOT NULL,
            Channel TEXT NULL,
            IntervalMinutes INTEGER NOT NULL,
            HasAht INTEGER NOT NULL,
            ImportedTicks INTEGER NOT NULL,
            FileName TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS HistoryIntervals (
            SeriesKey TEXT NOT NULL,
            Day INTEGER NOT NULL,
            Slot INTEGER NOT NULL,
            Offered REAL NOT NULL,
            AhtSeconds REAL NULL,
            Handled REAL NULL,
            PRIMARY KEY (SeriesKey, Day, Slot)) WITHOUT ROWID;
        """;

    /// <summary>
    /// Stores <paramref name="histories"/> in one transaction. A series already stored with another
    /// interval length is refused (and nothing of the file is written); days the import covers replace
    /// the stored days, days outside it are kept.
    /// </summary>
    public async Task<IReadOnlyList<ImportedSeries>> ImportAsync(IReadOnlyList<DemandHistory> histories, string fileName)
    {
        if (histories.Count == 0)
        {
            throw new ArgumentException("nothing to import", nameof(histories));
        }

        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            var result = new List<ImportedSeries>();
            foreach (var history in histories)
            {
                result.Add(Import(c, history, fileName));
            }

            return result;
        });
    }

    private static ImportedSeries Import(SqliteConnection c, DemandHistory history, string fileName)
    {
        using (var existing = c.CreateCommand())
        {
            existing.CommandText = "SELECT IntervalMinutes FROM HistorySeries WHERE SeriesKey = $k";
            existing.Parameters.AddWithValue("$k", history.Queue);
            if (existing.ExecuteScalar() is long stored && stored != history.IntervalMinutes)
            {
                throw new HistoryConflictException(
                    history.Queue, $"is stored in {stored}-minute intervals; the file has {history.IntervalMinutes}-minute intervals (import it with intervalMinutes={stored}, or delete the stored series first)");
            }
        }

        var (queue, channel) = Split(history.Queue);
        int replaced;
        using (var delete = c.CreateCommand())
        {
            delete.CommandText = "DELETE FROM HistoryIntervals WHERE SeriesKey = $k AND Day BETWEEN $from AND $to";
            delete.Parameters.AddWithValue("$k", history.Queue);
            delete.Parameters.AddWithValue("$from", history.FirstDay.DayNumber);
            delete.Parameters.AddWithValue("$to", history.LastDay.DayNumber);
            replaced = delete.ExecuteNonQuery();
        }

        using (var upsert = c.CreateCommand())
        {
            upsert.CommandText = """
                INSERT INTO HistorySeries (SeriesKey, Queue, Channel, IntervalMinutes, HasAht, ImportedTicks, FileName)
                VALUES ($k, $q, $c, $m, $a, $t, $f)
                ON CONFLICT(SeriesKey) DO UPDATE SET HasAht = MAX(HasAht, excluded.HasAht), ImportedTicks = excluded.ImportedTicks, FileName = excluded.FileName
                """;
            upsert.Parameters.AddWithValue("$k", history.Queue);
            upsert.Parameters.AddWithValue("$q", queue);
            upsert.Parameters.AddWithValue("$c", (object?)channel ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$m", history.IntervalMinutes);
            upsert.Parameters.AddWithValue("$a", history.HasHandleTimes ? 1 : 0);
            upsert.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            upsert.Parameters.AddWithValue("$f", fileName);
            upsert.ExecuteNonQuery();
        }

        var written = 0;
        using var insert = c.CreateCommand();
        insert.CommandText = "INSERT INTO HistoryIntervals (SeriesKey, Day, Slot, Offered, AhtSeconds, Handled) VALUES ($k, $d, $s, $o, $a, $h)";
        var key = insert.Parameters.AddWithValue("$k", history.Queue);
        var day = insert.Parameters.Add("$d", SqliteType.Integer);
        var slot = insert.Parameters.Add("$s", SqliteType.Integer);
        var offered = insert.Parameters.Add("$o", SqliteType.Real);
        var aht = insert.Parameters.Add("$a", SqliteType.Real);
        var handled = insert.Parameters.Add("$h", SqliteType.Real);
        insert.Prepare();
        for (var d = 0; d < history.DayCount; d++)
        {
            var volumes = history.DayVolumes(d);
            for (var s = 0; s < history.SlotsPerDay; s++)
            {
                if (double.IsNaN(volumes[s]))
                {
                    continue;
                }

                var (a, w) = history.HandleTime(d, s);
                day.Value = history.FirstDay.DayNumber + d;
                slot.Value = s;
                offered.Value = volumes[s];
                aht.Value = double.IsNaN(a) ? DBNull.Value : a;
                handled.Value = history.HasHandleTimes ? w : DBNull.Value;
                insert.ExecuteNonQuery();
                written++;
            }
        }

        return new ImportedSeries(history.Queue, history.FirstDay, history.LastDay, written, replaced);
    }

    public async Task<IReadOnlyList<StoredSeries>> ListAsync()
    {
        await ReadyAsync();
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.SeriesKey, s.Queue, s.Channel, s.IntervalMinutes, s.HasAht, s.ImportedTicks, s.FileName,
                   MIN(i.Day), MAX(i.Day), COUNT(i.Day), TOTAL(i.Offered)
            FROM HistorySeries s LEFT JOIN HistoryIntervals i ON i.SeriesKey = s.SeriesKey
            GROUP BY s.SeriesKey ORDER BY s.SeriesKey
            """;
        var result = new List<StoredSeries>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var first = reader.IsDBNull(7) ? DateOnly.MinValue : DateOnly.FromDayNumber((int)reader.GetInt64(7));
            var last = reader.IsDBNull(8) ? DateOnly.MinValue : DateOnly.FromDayNumber((int)reader.GetInt64(8));
            result.Add(new StoredSeries(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (int)reader.GetInt64(3), reader.GetInt64(4) != 0,
                first, last, (int)reader.GetInt64(9), reader.GetDouble(10), new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero), reader.GetString(6)));
        }

        return result;
    }

    public async Task<StoredSeries?> FindAsync(string key) => (await ListAsync()).FirstOrDefault(s => s.Key == key);

    /// <summary>Stored intervals of a series from <paramref name="from"/> to <paramref name="to"/> (inclusive days), in time order.</summary>
    public async Task<IReadOnlyList<StoredInterval>> IntervalsAsync(string key, DateOnly? from = null, DateOnly? to = null)
    {
        await ReadyAsync();
        using var connection = Database.Open();
        int minutes;
        using (var series = connection.CreateCommand())
        {
            series.CommandText = "SELECT IntervalMinutes FROM HistorySeries WHERE SeriesKey = $k";
            series.Parameters.AddWithValue("$k", key);
            if (series.ExecuteScalar() is not long m)
            {
                return [];
            }

            minutes = (int)m;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Day, Slot, Offered, AhtSeconds, Handled FROM HistoryIntervals WHERE SeriesKey = $k AND Day BETWEEN $from AND $to ORDER BY Day, Slot";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$from", (from ?? DateOnly.MinValue).DayNumber);
        command.Parameters.AddWithValue("$to", (to ?? DateOnly.MaxValue).DayNumber);
        var result = new List<StoredInterval>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var start = DateOnly.FromDayNumber((int)reader.GetInt64(0)).ToDateTime(TimeOnly.MinValue).AddMinutes(reader.GetInt64(1) * minutes);
            result.Add(new StoredInterval(
                start, reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4)));
        }

        return result;
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
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "DELETE FROM HistoryIntervals WHERE SeriesKey = $k; DELETE FROM HistorySeries WHERE SeriesKey = $k;";
            command.Parameters.AddWithValue("$k", key);
            return command.ExecuteNonQuery() > 0;
        });
    }

    private static (string Queue, string? Channel) Split(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (key, null) : (key[..slash], key[(slash + 1)..]);
    }
}
