using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Wfm.Data.Storage;

/// <summary>What both grain storages share: the state as JSON, a row read into a grain's state, and the etag rules.</summary>
internal static class GrainStateRows
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads the (Json, ETag) row <paramref name="command"/> selects into the grain's state; a new state when there is none.</summary>
    public static async Task ReadAsync<T>(DbCommand command, IGrainState<T> grainState)
    {
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!;
            grainState.ETag = reader.GetString(1);
            grainState.RecordExists = true;
        }
        else
        {
            Cleared(grainState);
        }
    }

    /// <summary>A stored row (or none) into the grain's state.</summary>
    public static void Read<T>(IGrainState<T> grainState, StoredState? row)
    {
        if (row is null)
        {
            Cleared(grainState);
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(row.Json, Json)!;
        grainState.ETag = row.ETag;
        grainState.RecordExists = true;
    }

    /// <summary>After a write that changed its row: the state's new etag.</summary>
    public static void Written<T>(IGrainState<T> grainState, int changed, string stateName, GrainId grainId, string? expected, string next)
    {
        if (changed == 0)
        {
            throw new InconsistentStateException($"state '{stateName}' of {grainId} was changed by someone else (etag {expected ?? "none"})");
        }

        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public static void Cleared<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
