using Microsoft.Extensions.Logging;
using Npgsql;
using Wfm.Core.Ports;

namespace Wfm.Data.Storage;

/// <summary>
/// The cluster's one ingestion turn: a PostgreSQL advisory lock on a connection of this silo's own, taken by the
/// batch that goes next whichever silo received it. A silo that dies holding it loses its connection and with it the
/// lock, at once. Beside the lock, "IngestWatermark" says through which sequence recorded events were applied: a turn
/// that finds the journal further on knows the last holder recorded a batch and did not finish applying it.
/// </summary>
public sealed class PostgresIngestionGate(NpgsqlDataSource dataSource, ILogger<PostgresIngestionGate> logger) : IIngestionGate, IAsyncDisposable
{
    /// <summary>The advisory lock of the turn (any 64-bit number no other code of the database uses).</summary>
    public const long TurnLock = 0x57464D_494E47; // "WFM" "ING"

    private readonly SemaphoreSlim _local = new(1, 1);
    private NpgsqlConnection? _connection;
    private bool _watermarkMade;

    public async Task<IIngestionTurn> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _local.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                _connection = await dataSource.OpenConnectionAsync(cancellationToken);

                // The watermark's commits need not wait for the disk: one lost in a crash only makes the next turn apply a
                // range again, which grains ignore (they skip sequences at or below their own). A waiting commit would wait
                // for every byte of WAL written before it — the grain states' writes too.
                await using var asynchronous = new NpgsqlCommand("SET synchronous_commit = off", _connection);
                await asynchronous.ExecuteNonQueryAsync(cancellationToken);
            }

            // The watermark's row is made by the first turn this silo takes (a new database has none).
            await using var command = new NpgsqlCommand(
                $"SELECT pg_advisory_lock({TurnLock});" +
                (_watermarkMade ? "" : "INSERT INTO \"IngestWatermark\" (\"Id\", \"AppliedThrough\") SELECT 1, COALESCE(MAX(\"Sequence\"), 0) FROM \"Events\" ON CONFLICT (\"Id\") DO NOTHING;") +
                "SELECT (SELECT \"AppliedThrough\" FROM \"IngestWatermark\" WHERE \"Id\" = 1), (SELECT COALESCE(MAX(\"Sequence\"), 0) FROM \"Events\");",
                _connection);
            long applied, recorded;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                // The lock's (empty) row first, then the two figures.
                while (reader.FieldCount != 2 && await reader.NextResultAsync(cancellationToken))
                {
                }

                await reader.ReadAsync(cancellationToken);
                (applied, recorded) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            _watermarkMade = true;

            if (recorded > applied)
            {
                logger.LogWarning("Events {After}–{Through} were recorded and not all applied by the last holder of the ingestion turn; applying them first", applied + 1, recorded);
            }

            return new Turn(this, recorded > applied ? (applied, recorded) : null, applied);
        }
        catch
        {
            await DropConnectionAsync();
            _local.Release();
            throw;
        }
    }

    private async Task EndAsync(long appliedBefore, long applied)
    {
        try
        {
            await using var command = new NpgsqlCommand(
                (applied > appliedBefore ? "UPDATE \"IngestWatermark\" SET \"AppliedThrough\" = GREATEST(\"AppliedThrough\", @applied) WHERE \"Id\" = 1; " : string.Empty) +
                $"SELECT pg_advisory_unlock({TurnLock});", _connection);
            command.Parameters.AddWithValue("applied", applied);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone, and the lock with it: the next turn opens a new one (and applies what is left).
            logger.LogWarning(e, "Ending the ingestion turn failed; its connection is dropped");
            await DropConnectionAsync();
        }
        finally
        {
            _local.Release();
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropConnectionAsync();
        _local.Dispose();
    }

    private sealed class Turn(PostgresIngestionGate gate, (long, long)? unapplied, long appliedBefore) : IIngestionTurn
    {
        private readonly long _appliedBefore = appliedBefore;
        private long _applied = appliedBefore;
        private bool _ended;

        public (long After, long Through)? Unapplied { get; } = unapplied;

        public void Recorded(long sequence)
        {
            // The journal itself says what was recorded.
        }

        public void Applied(long sequence) => _applied = Math.Max(_applied, sequence);

        public async ValueTask DisposeAsync()
        {
            if (!_ended)
            {
                _ended = true;
                await gate.EndAsync(_appliedBefore, _applied);
            }
        }
    }
}
