using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Wfm.Data.Storage;

/// <summary>
/// SQLite has one writer: every write of the process goes through this queue, and whatever is waiting is
/// committed together in one transaction (each job in its own savepoint, so one failure fails only itself).
/// </summary>
public sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxJobsPerTransaction = 512;
    private readonly Channel<Job> _jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly Task _loop;
    private readonly ILogger<SqliteWriter> _logger;

    public SqliteWriter(SqliteDatabase database, ILogger<SqliteWriter> logger)
    {
        _logger = logger;
        _connection = database.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // The writer touches the journal's indexes all the time: a 16 MB page cache keeps their newest pages in
            // memory (the default 2 MB made each insert slower as the journal grew; since the agent and queue
            // indexes go by sequence block the pages a batch touches are few, and 64 MB bought nothing more).
            // Commits do not checkpoint: copying the WAL into the database file is done beside them on a
            // connection of its own (below), so a commit only appends to the WAL.
            pragma.CommandText = "PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=0;";
            pragma.ExecuteNonQuery();
        }

        _checkpointer = database.Open();
        using (var pragma = _checkpointer.CreateCommand())
        {
            // A checkpoint waiting for a long reader (a report over the whole journal) holds up new commits
            // while it waits: it gives up after 50 ms and does what it can, the next one comes half a second later.
            pragma.CommandText = "PRAGMA busy_timeout=50;";
            pragma.ExecuteNonQuery();
        }

        _loop = Task.Run(RunAsync);
        _checkpoints = Task.Run(CheckpointAsync);
    }

    /// <summary>How often the WAL is copied into the database file, beside the commits.</summary>
    public static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(500);

    private readonly SqliteConnection _checkpointer;
    private readonly Task _checkpoints;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>
    /// Twice a second, everything in the WAL is copied into the database file and the WAL starts over from
    /// its beginning (a RESTART checkpoint: it waits for readers of old pages — at most 50 ms — and new commits
    /// wait for it). The WAL so stays near what two commits a second write, instead of growing while
    /// readers are always busy, and the commits never copy pages themselves.
    /// </summary>
    private async Task CheckpointAsync()
    {
        using var checkpoint = _checkpointer.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(RESTART)";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckpointEvery, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                _logger.LogWarning(e, "Checkpoint of the WAL failed; trying again shortly");
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> inside the next write transaction; completes after the commit.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work)
    {
        var job = new Job(c => work(c)!);
        ObjectDisposedException.ThrowIf(!_jobs.Writer.TryWrite(job), this);

        return AwaitAsync<T>(job);
    }

    /// <summary>Runs one SQL text (e.g. a store's CREATE TABLE IF NOT EXISTS schema) in the next write transaction.</summary>
    public Task<int> ExecuteAsync(string sql) => WriteAsync(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    });

    private static async Task<T> AwaitAsync<T>(Job job) => (T)(await job.Completion.Task)!;

    private async Task RunAsync()
    {
        var batch = new List<Job>();
        while (await _jobs.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxJobsPerTransaction && _jobs.Reader.TryRead(out var job))
            {
                batch.Add(job);
            }

            Commit(batch);
        }
    }

    private void Commit(List<Job> batch)
    {
        var results = new object?[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            using var transaction = _connection.BeginTransaction();
            for (var i = 0; i < batch.Count; i++)
            {
                transaction.Save("job");
                try
                {
                    results[i] = batch[i].Work(_connection);
                    transaction.Release("job");
                }
                catch (Exception e)
                {
                    transaction.Rollback("job");
                    failures[i] = e;
                }
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Write transaction of {Count} jobs failed", batch.Count);
            foreach (var job in batch)
            {
                job.Completion.TrySetException(e);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Completion.TrySetException(failure);
            }
            else
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await _loop;
        await _stop.CancelAsync();
        await _checkpoints;
        await _checkpointer.DisposeAsync();
        _stop.Dispose();
        await _connection.DisposeAsync();
    }

    private sealed class Job(Func<SqliteConnection, object> work)
    {
        public Func<SqliteConnection, object> Work { get; } = work;

        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
