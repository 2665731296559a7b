using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>The audit log keeps what it was told when its database fails for a moment, and never hangs a flush.</summary>
public sealed class AuditLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A context factory whose first <paramref name="failures"/> contexts cannot be made (a busy or unreachable database).</summary>
    private sealed class FailingFactory(DbContextOptions<SecurityDbContext> options, int failures) : IDbContextFactory<SecurityDbContext>
    {
        private int _made;

        public SecurityDbContext CreateDbContext() =>
            Interlocked.Increment(ref _made) <= failures ? throw new InvalidOperationException("database is locked") : new SecurityDbContext(options);
    }

    private static async Task<IReadOnlyList<AuditEntry>> RecordAndReadAsync(int failures)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wfm-audit-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SecurityDbContext>().UseSqlite($"Data Source={path};Pooling=false").Options;
        try
        {
            await using (var db = new SecurityDbContext(options))
            {
                await db.Database.EnsureCreatedAsync(Ct);
            }

            var audit = new AuditLog(new FailingFactory(options, failures), TimeProvider.System, NullLogger<AuditLog>.Instance);
            await audit.StartAsync(Ct);
            audit.Record("supervisor-1", "incidents.read", "/api/incidents");
            audit.Record("supervisor-1", "wellbeing.read", "/api/wellbeing/agents/a1");
            await audit.FlushAsync().WaitAsync(TimeSpan.FromMinutes(1), Ct);
            await audit.StopAsync(Ct);
            await using var reader = new SecurityDbContext(options);
            return await reader.Audit.OrderBy(a => a.Id).ToListAsync(Ct);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task EntriesWhoseFirstWritesFail_AreWrittenOnALaterAttempt_InOrder()
    {
        var written = await RecordAndReadAsync(failures: AuditLog.Attempts - 1);

        Assert.Equal(["incidents.read", "wellbeing.read"], written.Select(e => e.Action));
    }

    [Fact]
    public async Task ADatabaseThatNeverAnswers_DoesNotHangTheFlush()
    {
        Assert.Empty(await RecordAndReadAsync(failures: int.MaxValue));
    }
}
