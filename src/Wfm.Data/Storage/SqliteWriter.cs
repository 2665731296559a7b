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
            // The writer touches the journal's indexes all the time: a 64 MB page cache keeps them in memory
            // (the default 2 MB made each insert slower as the journal grew), and checkpointing every
            // 40 MB of WAL instead of every 4 MB spares the commits most of that work.
            pragma.CommandText = "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=10000;";
            pragma.ExecuteNonQuery();
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Runs <paramref name="work"/> inside the next write transaction; completes after the commit.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work)
    {
        var job = new Job(c => work(c)!);
        if (!_jobs.Writer.TryWrite(job))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter));
        }

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
        await _connection.DisposeAsync();
    }

    private sealed class Job(Func<SqliteConnection, object> work)
    {
        public Func<SqliteConnection, object> Work { get; } = work;

        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
