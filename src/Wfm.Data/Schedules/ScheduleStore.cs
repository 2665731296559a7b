using Wfm.Core.Ports;
using Wfm.Data.Storage;

namespace Wfm.Data.Schedules;

/// <summary>Schedules made by the scheduler, kept so planners can review, export and publish them.</summary>
public sealed class ScheduleStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema, ("Schedules", "ProblemJson", "TEXT NULL")), IScheduleStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS Schedules (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            Name TEXT NOT NULL,
            CreatedTicks INTEGER NOT NULL,
            StartDay INTEGER NOT NULL,
            Days INTEGER NOT NULL,
            IntervalMinutes INTEGER NOT NULL,
            Shifts INTEGER NOT NULL,
            PaidHours REAL NOT NULL,
            Unmet INTEGER NOT NULL,
            PublishedTicks INTEGER NULL,
            ResultJson TEXT NOT NULL,
            RequestJson TEXT NOT NULL)
        """;

    private const string Columns = "Id, Name, CreatedTicks, StartDay, Days, IntervalMinutes, Shifts, PaidHours, Unmet, PublishedTicks";

    public async Task<long> SaveAsync(
        string name, DateOnly start, int days, int intervalMinutes, int shifts, double paidHours, int unmet, string resultJson, string requestJson, string? problemJson = null)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO Schedules (Name, CreatedTicks, StartDay, Days, IntervalMinutes, Shifts, PaidHours, Unmet, ResultJson, RequestJson, ProblemJson)
                VALUES ($n, $t, $s, $d, $i, $sh, $p, $u, $r, $q, $pj); SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$n", name);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("$s", start.DayNumber);
            command.Parameters.AddWithValue("$d", days);
            command.Parameters.AddWithValue("$i", intervalMinutes);
            command.Parameters.AddWithValue("$sh", shifts);
            command.Parameters.AddWithValue("$p", paidHours);
            command.Parameters.AddWithValue("$u", unmet);
            command.Parameters.AddWithValue("$r", resultJson);
            command.Parameters.AddWithValue("$q", requestJson);
            command.Parameters.AddWithValue("$pj", (object?)problemJson ?? DBNull.Value);
            return (long)command.ExecuteScalar()!;
        });
    }

    public async Task<IReadOnlyList<StoredSchedule>> ListAsync()
    {
        await ReadyAsync();
        return Query($"SELECT {Columns}, '', '', NULL FROM Schedules ORDER BY Id DESC", null);
    }

    public async Task<StoredSchedule?> GetAsync(long id)
    {
        await ReadyAsync();
        return Query($"SELECT {Columns}, ResultJson, RequestJson, ProblemJson FROM Schedules WHERE Id = $id", id).SingleOrDefault();
    }

    /// <summary>Replaces the schedule's result after an edit (it is no longer what was published).</summary>
    public async Task UpdateAsync(long id, int shifts, double paidHours, int unmet, string resultJson)
    {
        await ReadyAsync();
        await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE Schedules SET Shifts = $sh, PaidHours = $p, Unmet = $u, ResultJson = $r, PublishedTicks = NULL WHERE Id = $id";
            command.Parameters.AddWithValue("$sh", shifts);
            command.Parameters.AddWithValue("$p", paidHours);
            command.Parameters.AddWithValue("$u", unmet);
            command.Parameters.AddWithValue("$r", resultJson);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery();
        });
    }

    public async Task MarkPublishedAsync(long id)
    {
        await ReadyAsync();
        await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE Schedules SET PublishedTicks = $t WHERE Id = $id";
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery();
        });
    }

    public Task<bool> DeleteAsync(long id) => DeleteRowAsync("Schedules", id);

    private List<StoredSchedule> Query(string sql, long? id)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is { } value)
        {
            command.Parameters.AddWithValue("$id", value);
        }

        var result = new List<StoredSchedule>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredSchedule(
                reader.GetInt64(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), DateOnly.FromDayNumber((int)reader.GetInt64(3)),
                (int)reader.GetInt64(4), (int)reader.GetInt64(5), (int)reader.GetInt64(6), reader.GetDouble(7), (int)reader.GetInt64(8),
                reader.IsDBNull(9) ? null : new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero), reader.GetString(10), reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return result;
    }
}
