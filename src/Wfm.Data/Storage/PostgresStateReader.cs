using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Wfm.Data.Storage;

/// <summary>
/// Grain state reads of many grains at once as one query: an event batch activates hundreds of grains together (a
/// new conversation per contact with a message, agents and queues after a restart), and each activation reads its
/// row. Reads queued while a query runs go together in the next, so a burst costs a few round trips instead of one
/// each. Measured against one query per read: docs/benchmarks.md, "PostgreSQL beside SQLite".
/// </summary>
public sealed class PostgresStateReader : IAsyncDisposable
{
    private const int MaxReadsPerQuery = 512;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly Channel<Read> _reads = Channel.CreateUnbounded<Read>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public PostgresStateReader(NpgsqlDataSource dataSource, ILogger logger)
    {
        (_dataSource, _logger) = (dataSource, logger);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The stored row of one grain's state (its JSON and etag), or null when it has none.</summary>
    public Task<StoredState?> ReadAsync(string grainType, string grainKey)
    {
        var read = new Read(grainType, grainKey);
        ObjectDisposedException.ThrowIf(!_reads.Writer.TryWrite(read), this);
        return read.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Read>();
        while (await _reads.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxReadsPerQuery && _reads.Reader.TryRead(out var read))
            {
                batch.Add(read);
            }

            try
            {
                var found = await QueryAsync(batch);
                foreach (var read in batch)
                {
                    read.Done.TrySetResult(found.GetValueOrDefault((read.GrainType, read.GrainKey)));
                }
            }
            catch (Exception e)
            {
                // Each activation that asked fails (Orleans retries it on the next call).
                _logger.LogWarning(e, "A query of {Count} grain states failed", batch.Count);
                foreach (var read in batch)
                {
                    read.Done.TrySetException(e);
                }
            }
        }
    }

    private async Task<Dictionary<(string, string), StoredState>> QueryAsync(List<Read> batch)
    {
        var found = new Dictionary<(string, string), StoredState>();
        await using var command = _dataSource.CreateCommand(
            """
            SELECT s."GrainType", s."GrainKey", s."Json", s."ETag"
            FROM unnest(@types, @keys) AS k("GrainType", "GrainKey")
            JOIN "GrainStates" s ON s."GrainType" = k."GrainType" AND s."GrainKey" = k."GrainKey"
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. batch.Select(r => r.GrainType)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. batch.Select(r => r.GrainKey)]));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[(reader.GetString(0), reader.GetString(1))] = new StoredState(reader.GetString(2), reader.GetString(3));
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        _reads.Writer.TryComplete();
        await _loop;
    }

    private sealed class Read(string grainType, string grainKey)
    {
        public string GrainType { get; } = grainType;

        public string GrainKey { get; } = grainKey;

        public TaskCompletionSource<StoredState?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A grain's stored state: its JSON and etag.</summary>
public sealed record StoredState(string Json, string ETag);
