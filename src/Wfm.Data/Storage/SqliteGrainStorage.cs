using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Wfm.Data.Storage;

/// <summary>
/// Grain state as JSON rows in GrainStates, written through the shared <see cref="SqliteWriter"/> so that
/// many grains saving at once cost one transaction. ETags give optimistic concurrency.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, SqliteWriter writer) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Json, ETag FROM GrainStates WHERE GrainType = @type AND GrainKey = @key";
        command.Parameters.AddWithValue("@type", stateName);
        command.Parameters.AddWithValue("@key", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!;
            grainState.ETag = reader.GetString(1);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = JsonSerializer.Serialize(grainState.State, Json);
        var expected = grainState.ETag;
        var next = Guid.NewGuid().ToString("N");
        var key = grainId.ToString();
        var changed = await writer.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = expected is null
                ? "INSERT OR IGNORE INTO GrainStates (GrainType, GrainKey, Json, ETag, UpdatedAt) VALUES (@type, @key, @json, @next, @now)"
                : "UPDATE GrainStates SET Json = @json, ETag = @next, UpdatedAt = @now WHERE GrainType = @type AND GrainKey = @key AND ETag = @expected";
            command.Parameters.AddWithValue("@type", stateName);
            command.Parameters.AddWithValue("@key", key);
            command.Parameters.AddWithValue("@json", json);
            command.Parameters.AddWithValue("@next", next);
            command.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.UtcTicks);
            command.Parameters.AddWithValue("@expected", (object?)expected ?? DBNull.Value);
            return command.ExecuteNonQuery();
        });
        if (changed == 0)
        {
            throw new InconsistentStateException($"state '{stateName}' of {grainId} was changed by someone else (etag {expected ?? "none"})");
        }

        grainState.ETag = next;
        grainState.RecordExists = true;
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
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
