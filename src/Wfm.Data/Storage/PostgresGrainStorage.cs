using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Wfm.Data.Storage;

/// <summary>
/// Grain state as JSON rows in PostgreSQL's GrainStates table (the EF model's, shared by every silo), one statement
/// per write with the etag in its WHERE: a grain that moved to another silo and was saved there cannot be
/// overwritten by a stale activation (<see cref="InconsistentStateException"/>).
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, TimeProvider time) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand("SELECT \"Json\", \"ETag\" FROM \"GrainStates\" WHERE \"GrainType\" = @type AND \"GrainKey\" = @key");
        command.Parameters.AddWithValue("type", stateName);
        command.Parameters.AddWithValue("key", grainId.ToString());
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
        await using var command = dataSource.CreateCommand(expected is null
            ? """
              INSERT INTO "GrainStates" ("GrainType", "GrainKey", "Json", "ETag", "UpdatedAt") VALUES (@type, @key, @json, @next, @at)
              ON CONFLICT ("GrainType", "GrainKey") DO NOTHING
              """
            : """
              UPDATE "GrainStates" SET "Json" = @json, "ETag" = @next, "UpdatedAt" = @at
              WHERE "GrainType" = @type AND "GrainKey" = @key AND "ETag" = @expected
              """);
        command.Parameters.AddWithValue("type", stateName);
        command.Parameters.AddWithValue("key", grainId.ToString());
        command.Parameters.AddWithValue("json", json);
        command.Parameters.AddWithValue("next", next);
        command.Parameters.AddWithValue("at", time.GetUtcNow().UtcTicks);
        if (expected is not null)
        {
            command.Parameters.AddWithValue("expected", expected);
        }

        if (await command.ExecuteNonQueryAsync() == 0)
        {
            throw new InconsistentStateException($"state '{stateName}' of {grainId} was changed by someone else (etag {expected ?? "none"})");
        }

        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM \"GrainStates\" WHERE \"GrainType\" = @type AND \"GrainKey\" = @key");
        command.Parameters.AddWithValue("type", stateName);
        command.Parameters.AddWithValue("key", grainId.ToString());
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
