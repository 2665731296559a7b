using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Wfm.Server.Security;

/// <summary>
/// Writes who did what and when. Entries go through a queue to one background writer, so a request never waits
/// on the audit table; <see cref="FlushAsync"/> waits for what was queued (tests, shutdown).
/// </summary>
public sealed class AuditLog(IDbContextFactory<SecurityDbContext> contexts, TimeProvider time, ILogger<AuditLog> logger) : BackgroundService
{
    private readonly Channel<(AuditEntry Entry, TaskCompletionSource? Flushed)> _queue = Channel.CreateUnbounded<(AuditEntry, TaskCompletionSource?)>();

    public void Record(ClaimsPrincipal? user, string action, string target, int status = 200, string? detail = null) =>
        Record(ActorOf(user), action, target, status, detail);

    public void Record(string actor, string action, string target, int status = 200, string? detail = null) =>
        _queue.Writer.TryWrite((new AuditEntry { At = time.GetUtcNow(), Actor = actor, Action = action, Target = target, Status = status, Detail = detail }, null));

    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((null!, flushed));
        return flushed.Task;
    }

    public static string ActorOf(ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous";

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, int limit)
    {
        await using var db = await contexts.CreateDbContextAsync();
        IQueryable<AuditEntry> query = db.Audit.AsNoTracking();
        if (actor is not null)
        {
            query = query.Where(a => a.Actor == actor);
        }

        if (action is not null)
        {
            query = query.Where(a => a.Action.StartsWith(action));
        }

        // At is stored as Unix milliseconds (a converter), so these comparisons run in SQL.
        if (from is { } start)
        {
            query = query.Where(a => a.At >= start);
        }

        if (to is { } end)
        {
            query = query.Where(a => a.At < end);
        }

        return await query.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 5000)).ToListAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>();
        var waiting = new List<TaskCompletionSource>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (_queue.Reader.TryRead(out var item))
                {
                    if (item.Flushed is not null)
                    {
                        waiting.Add(item.Flushed);
                    }
                    else
                    {
                        batch.Add(item.Entry);
                    }
                }

                await WriteAsync(batch, waiting);
            }
        }
        catch (OperationCanceledException)
        {
            while (_queue.Reader.TryRead(out var item))
            {
                if (item.Flushed is not null)
                {
                    waiting.Add(item.Flushed);
                }
                else
                {
                    batch.Add(item.Entry);
                }
            }

            await WriteAsync(batch, waiting);
        }
    }

    /// <summary>Tries to write a batch this many times (a busy database, a dropped connection) before giving it up.</summary>
    public const int Attempts = 5;

    private async Task WriteAsync(List<AuditEntry> batch, List<TaskCompletionSource> waiting)
    {
        try
        {
            for (var attempt = 1; batch.Count > 0; attempt++)
            {
                try
                {
                    await using var db = await contexts.CreateDbContextAsync();
                    db.Audit.AddRange(batch);
                    await db.SaveChangesAsync();
                    break;
                }
                catch (Exception e) when (attempt < Attempts)
                {
                    // An audit log that drops what it was told is no audit log: the same entries again, a little later.
                    logger.LogWarning(e, "Writing {Count} audit entries failed (attempt {Attempt} of {Attempts}); trying again", batch.Count, attempt, Attempts);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), time);
                }
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not write {Count} audit entries after {Attempts} attempts", batch.Count, Attempts);
        }
        finally
        {
            batch.Clear();
            waiting.ForEach(w => w.TrySetResult());
            waiting.Clear();
        }
    }
}

/// <summary>Marks an endpoint's calls for the audit log under an action name.</summary>
public static class AuditExtensions
{
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            var target = http.Request.Path + http.Request.QueryString;
            http.RequestServices.GetRequiredService<AuditLog>().Record(http.User, action, target.ToString(), status);
            return result;
        });
}
