using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Wfm.Data.Storage;

/// <summary>
/// Many small writes as one round trip and one commit: statements queued here by many callers at once (grain state
/// saves) go to PostgreSQL together as one batch in one transaction, and each caller learns how many rows its own
/// statement changed. The commit does not wait for the disk: what goes through here is grain state, a cache over
/// the journal (a grain replays the journal past the sequence its state reflects), so a state write lost in a crash
/// of PostgreSQL itself only means a longer replay — the journal's own commits do wait. Measured against one commit
/// per save: docs/benchmarks.md, "PostgreSQL beside SQLite".
/// </summary>
public sealed class PostgresWriter : IAsyncDisposable
{
    private const int MaxStatementsPerBatch = 256;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly Channel<Job> _jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public PostgresWriter(NpgsqlDataSource dataSource, ILogger logger)
    {
        (_dataSource, _logger) = (dataSource, logger);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Runs the statement in the next batch; completes after the commit with the rows it changed.</summary>
    public Task<int> WriteAsync(NpgsqlBatchCommand command)
    {
        var job = new Job(command);
        ObjectDisposedException.ThrowIf(!_jobs.Writer.TryWrite(job), this);
        return job.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Job>();
        while (await _jobs.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxStatementsPerBatch && _jobs.Reader.TryRead(out var job))
            {
                batch.Add(job);
            }

            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await using var command = new NpgsqlBatch(connection, transaction);
                command.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
                foreach (var job in batch)
                {
                    command.BatchCommands.Add(job.Command);
                }

                await command.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                foreach (var job in batch)
                {
                    job.Done.TrySetResult(job.Command.RecordsAffected);
                }
            }
            catch (Exception e)
            {
                // A statement that fails fails its batch: each caller hears of it (and saves again later).
                _logger.LogWarning(e, "A batch of {Count} writes failed", batch.Count);
                foreach (var job in batch)
                {
                    job.Done.TrySetException(e);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await _loop;
    }

    private sealed class Job(NpgsqlBatchCommand command)
    {
        public NpgsqlBatchCommand Command { get; } = command;

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
