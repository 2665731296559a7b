using Microsoft.Data.Sqlite;
using Wfm.Core.Forecasting;
using Wfm.Core.Ports;
using Wfm.Data.Storage;

namespace Wfm.Data.History;

/// <summary>
/// Contact history per series (queue, or queue/channel) on the interval grid, in the embedded SQLite
/// store. An import is one write job — every series of the file or none — and replaces the stored
/// intervals of the days it covers, so importing the same file twice leaves the same history.
/// Closed intervals are simply absent, as in <see cref="DemandHistory"/>.
/// </summary>
public sealed class HistoryStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema), IHistoryStore
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

        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            var result = new List<ImportedSeries>();
            foreach (var history in histories)
            {
                result.Add(Import(c, history, series ?? history.Queue, fileName, mode));
            }

            return result;
        });
    }

    private static ImportedSeries Import(SqliteConnection c, DemandHistory history, string key, string fileName, HistoryImportMode? mode)
    {
        if (Stored(c, key) is { } stored)
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

                key = FreeKey(c, key);
            }
        }

        var (queue, channel) = Split(history.Queue);
        int replaced;
        using (var delete = c.CreateCommand())
        {
            // Replace drops every stored day of the series; otherwise only the days the file covers.
            delete.CommandText = mode == HistoryImportMode.Replace
                ? "DELETE FROM HistoryIntervals WHERE SeriesKey = $k"
                : "DELETE FROM HistoryIntervals WHERE SeriesKey = $k AND Day BETWEEN $from AND $to";
            delete.Parameters.AddWithValue("$k", key);
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
            upsert.Parameters.AddWithValue("$k", key);
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
        insert.Parameters.AddWithValue("$k", key);
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

        return new ImportedSeries(key, history.FirstDay, history.LastDay, written, replaced);
    }

    /// <summary>A stored series' interval length and the days it holds, or null when there is no such series.</summary>
    private static (int IntervalMinutes, DateOnly FirstDay, DateOnly LastDay)? Stored(SqliteConnection c, string key)
    {
        using var command = c.CreateCommand();
        command.CommandText = """
            SELECT s.IntervalMinutes, MIN(i.Day), MAX(i.Day) FROM HistorySeries s LEFT JOIN HistoryIntervals i ON i.SeriesKey = s.SeriesKey
            WHERE s.SeriesKey = $k GROUP BY s.SeriesKey
            """;
        command.Parameters.AddWithValue("$k", key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        // A series whose days were all deleted meets any file.
        return reader.IsDBNull(1)
            ? ((int)reader.GetInt64(0), DateOnly.MinValue, DateOnly.MaxValue)
            : ((int)reader.GetInt64(0), DateOnly.FromDayNumber((int)reader.GetInt64(1)), DateOnly.FromDayNumber((int)reader.GetInt64(2)));
    }

    /// <summary>"key (2)", "key (3)", … : the first that no stored series has.</summary>
    private static string FreeKey(SqliteConnection c, string key)
    {
        for (var n = 2; ; n++)
        {
            var candidate = $"{key} ({n})";
            if (Stored(c, candidate) is null)
            {
                return candidate;
            }
        }
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

    /// <summary>
    /// Gives a series another name, with its intervals and the forecasts made from it; refused (false) when there is no
    /// such series, and when the name is taken (<see cref="HistoryConflictException"/>).
    /// </summary>
    public async Task<bool> RenameAsync(string key, string name)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            if (Stored(c, key) is null)
            {
                return false;
            }

            if (Stored(c, name) is not null)
            {
                throw new HistoryConflictException(name, "is the name of another stored series; choose another name or delete that series first", "name");
            }

            using var command = c.CreateCommand();
            command.CommandText = """
                UPDATE HistorySeries SET SeriesKey = $n WHERE SeriesKey = $k;
                UPDATE HistoryIntervals SET SeriesKey = $n WHERE SeriesKey = $k;
                """;
            if (SqliteStore.TableExists(c, "Forecasts"))
            {
                command.CommandText += "UPDATE Forecasts SET SeriesKey = $n WHERE SeriesKey = $k;";
            }

            command.Parameters.AddWithValue("$k", key);
            command.Parameters.AddWithValue("$n", name);
            command.ExecuteNonQuery();
            return true;
        });
    }

    private static (string Queue, string? Channel) Split(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (key, null) : (key[..slash], key[(slash + 1)..]);
    }
}
