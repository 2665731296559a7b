using System.Text.Json;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Wfm.Data.Storage;

/// <summary>
/// Grain state as JSON rows in PostgreSQL's GrainStates table (the EF model's, shared by every silo), one statement
/// per write with the etag in its WHERE: a grain that moved to another silo and was saved there cannot be
/// overwritten by a stale activation (<see cref="InconsistentStateException"/>). Reads and writes of many grains at
/// once go to the database together (<see cref="PostgresStateReader"/>, <see cref="PostgresWriter"/>).
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, PostgresStateReader reader, PostgresWriter writer, TimeProvider time) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GrainStateRows.Read(grainState, await reader.ReadAsync(stateName, grainId.ToString()));

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = JsonSerializer.Serialize(grainState.State, GrainStateRows.Json);
        var expected = grainState.ETag;
        var next = Guid.NewGuid().ToString("N");
        var command = new NpgsqlBatchCommand(expected is null
            ? """
              INSERT INTO "GrainStates" ("GrainType", "GrainKey", "Json", "ETag", "UpdatedAt") VALUES (@type, @key, @json, @next, @at)
              ON CONFLICT ("GrainType", "GrainKey") DO NOTHING
              """
            : """
              UPDATE "GrainStates" SET "Json" = @json, "ETag" = @next, "UpdatedAt" = @at
              WHERE "GrainType" = @type AND "GrainKey" = @key AND "ETag" = @expected
              """);
        command.Parameters.Add(new NpgsqlParameter<string>("type", stateName));
        command.Parameters.Add(new NpgsqlParameter<string>("key", grainId.ToString()));
        command.Parameters.Add(new NpgsqlParameter<string>("json", json));
        command.Parameters.Add(new NpgsqlParameter<string>("next", next));
        command.Parameters.Add(new NpgsqlParameter<long>("at", time.GetUtcNow().UtcTicks));
        if (expected is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("expected", expected));
        }

        GrainStateRows.Written(grainState, await writer.WriteAsync(command), stateName, grainId, expected, next);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM \"GrainStates\" WHERE \"GrainType\" = @type AND \"GrainKey\" = @key");
        command.Parameters.AddWithValue("type", stateName);
        command.Parameters.AddWithValue("key", grainId.ToString());
        await command.ExecuteNonQueryAsync();
        GrainStateRows.Cleared(grainState);
    }
}
