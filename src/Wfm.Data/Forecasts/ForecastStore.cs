using Microsoft.Data.Sqlite;
using Wfm.Core.Ports;
using Wfm.Data.Storage;

namespace Wfm.Data.Forecasts;

/// <summary>Forecasts made from stored history, kept so planners can reopen, export and staff them.</summary>
public sealed class ForecastStore(SqliteDatabase database, SqliteWriter writer) : SqliteStore(database, writer, Schema), IForecastStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS Forecasts (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            SeriesKey TEXT NOT NULL,
            Model TEXT NOT NULL,
            CreatedTicks INTEGER NOT NULL,
            HorizonDays INTEGER NOT NULL,
            IntervalMinutes INTEGER NOT NULL,
            Contacts REAL NOT NULL,
            RequestJson TEXT NOT NULL,
            ResultJson TEXT NOT NULL,
            ChartSvg TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_Forecasts_Series ON Forecasts (SeriesKey, Id);
        """;

    private const string ListColumns = "Id, SeriesKey, Model, CreatedTicks, HorizonDays, IntervalMinutes, Contacts";

    public async Task<long> SaveAsync(
        string seriesKey, string model, int horizonDays, int intervalMinutes, double contacts, string requestJson, string resultJson, string chartSvg)
    {
        await ReadyAsync();
        return await Writer.WriteAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO Forecasts (SeriesKey, Model, CreatedTicks, HorizonDays, IntervalMinutes, Contacts, RequestJson, ResultJson, ChartSvg)
                VALUES ($k, $m, $t, $h, $i, $c, $req, $res, $svg); SELECT last_insert_rowid();
                """;
            command.Parameters.AddWithValue("$k", seriesKey);
            command.Parameters.AddWithValue("$m", model);
            command.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("$h", horizonDays);
            command.Parameters.AddWithValue("$i", intervalMinutes);
            command.Parameters.AddWithValue("$c", contacts);
            command.Parameters.AddWithValue("$req", requestJson);
            command.Parameters.AddWithValue("$res", resultJson);
            command.Parameters.AddWithValue("$svg", chartSvg);
            return (long)command.ExecuteScalar()!;
        });
    }

    /// <summary>Newest first, without the JSON and chart; only <paramref name="seriesKey"/>'s when given.</summary>
    public async Task<IReadOnlyList<StoredForecast>> ListAsync(string? seriesKey = null)
    {
        await ReadyAsync();
        var where = seriesKey is null ? string.Empty : "WHERE SeriesKey = $k";
        return Query($"SELECT {ListColumns}, '', '', '' FROM Forecasts {where} ORDER BY Id DESC", command =>
        {
            if (seriesKey is not null)
            {
                command.Parameters.AddWithValue("$k", seriesKey);
            }
        });
    }

    public async Task<StoredForecast?> GetAsync(long id)
    {
        await ReadyAsync();
        return Query($"SELECT {ListColumns}, RequestJson, ResultJson, ChartSvg FROM Forecasts WHERE Id = $id", c => c.Parameters.AddWithValue("$id", id)).SingleOrDefault();
    }

    public Task<bool> DeleteAsync(long id) => DeleteRowAsync("Forecasts", id);

    private List<StoredForecast> Query(string sql, Action<SqliteCommand> bind)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var result = new List<StoredForecast>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredForecast(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                (int)reader.GetInt64(4), (int)reader.GetInt64(5), reader.GetDouble(6), reader.GetString(7), reader.GetString(8), reader.GetString(9)));
        }

        return result;
    }
}
