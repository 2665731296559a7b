using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using SQLitePCL;

namespace Wfm.Data.Storage;

/// <summary>
/// Grain state as JSON rows in GrainStates, written through the shared <see cref="SqliteWriter"/> so that
/// many grains saving at once cost one transaction. ETags give optimistic concurrency.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, SqliteWriter writer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Json, ETag FROM GrainStates WHERE GrainType = @type AND GrainKey = @key";
        command.Parameters.AddWithValue("@type", stateName);
        command.Parameters.AddWithValue("@key", grainId.ToString());
        await GrainStateRows.ReadAsync(command, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // UTF-8 bytes bound as text: no UTF-16 string of the state and no second UTF-8 copy made to bind it.
        var json = JsonSerializer.SerializeToUtf8Bytes(grainState.State, GrainStateRows.Json);
        var expected = grainState.ETag;
        var next = Guid.NewGuid().ToString("N");
        var key = grainId.ToString();
        var changed = await writer.WriteAsync(connection =>
        {
            var db = connection.Handle!;
            var sql = expected is null
                ? "INSERT OR IGNORE INTO GrainStates (GrainType, GrainKey, Json, ETag, UpdatedAt) VALUES (?1, ?2, ?3, ?4, ?5)"
                : "UPDATE GrainStates SET Json = ?3, ETag = ?4, UpdatedAt = ?5 WHERE GrainType = ?1 AND GrainKey = ?2 AND ETag = ?6";
            using var statement = SqliteRaw.Prepare(db, sql);
            SqliteRaw.Text(statement, 1, stateName);
            SqliteRaw.Text(statement, 2, key);
            raw.sqlite3_bind_text(statement, 3, json.AsSpan());
            SqliteRaw.Text(statement, 4, next);
            raw.sqlite3_bind_int64(statement, 5, DateTimeOffset.UtcNow.UtcTicks);
            if (expected is not null)
            {
                SqliteRaw.Text(statement, 6, expected);
            }

            return SqliteRaw.Execute(db, statement);
        });
        GrainStateRows.Written(grainState, changed, stateName, grainId, expected, next);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        await writer.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM GrainStates WHERE GrainType = @type AND GrainKey = @key";
            command.Parameters.AddWithValue("@type", stateName);
            command.Parameters.AddWithValue("@key", key);
            return command.ExecuteNonQuery();
        });
        GrainStateRows.Cleared(grainState);
    }
}
