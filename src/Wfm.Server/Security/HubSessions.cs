using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Wfm.Server.Security;

/// <summary>
/// Ties every open hub connection to the identity that opened it. A REST call is checked on every request (the
/// security stamp, the key); a SignalR connection is authenticated once, when it opens. This keeps the open
/// connections and closes each whose API key was revoked, or whose user was deleted (also by personal-data
/// erasure), signed out, or given a new password or new roles (each of which changes the user's security stamp):
/// every <see cref="SecurityOptions.HubRecheck"/>, and at once when <see cref="Recheck"/> is called after such a change.
/// A company (OpenID Connect) sign-in without a local account is governed by its identity provider and left alone.
/// </summary>
public sealed class HubSessions(IDbContextFactory<SecurityDbContext> contexts, IOptions<SecurityOptions> options, IOptions<IdentityOptions> identity, ILogger<HubSessions> log)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, string? KeyId, string? UserId, string? Stamp)> _open = new();
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Connections checked since start that were closed because their identity no longer holds.</summary>
    public int Closed => _closed;

    private int _closed;

    /// <summary>Called by a hub when a connection opens.</summary>
    public void Track(HubCallerContext context)
    {
        var user = context.User ?? new ClaimsPrincipal();
        var keyId = user.FindFirstValue(WfmClaims.ApiKey);
        var local = user.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme;
        var userId = keyId is null && local ? user.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) : null;
        var stamp = userId is null ? null : user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (keyId is not null || userId is not null)
        {
            _open[context.ConnectionId] = (context, keyId, userId, stamp);
        }
    }

    /// <summary>Called by a hub when a connection closes.</summary>
    public void Forget(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>Check the open connections now (after a key is revoked or a user changed, deleted or signed out).</summary>
    public void Recheck()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(options.Value.HubRecheck, stoppingToken);
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Checking open hub connections failed; trying again");
            }
        }
    }

    /// <summary>Closes every open connection whose key or sign-in no longer holds; returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var open = _open.ToArray();
        if (open.Length == 0)
        {
            return 0;
        }

        var keyIds = open.Select(o => o.Value.KeyId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var userIds = open.Select(o => o.Value.UserId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var liveKeys = keyIds.Count == 0
            ? []
            : (await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id) && k.RevokedAt == null).Select(k => k.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var stamps = userIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.SecurityStamp, StringComparer.Ordinal, ct);

        var closed = 0;
        foreach (var (id, (context, keyId, userId, stamp)) in open)
        {
            var holds = keyId is not null
                ? liveKeys.Contains(keyId)
                : userId is not null && stamps.TryGetValue(userId, out var current) && string.Equals(current, stamp, StringComparison.Ordinal);
            if (!holds && _open.TryRemove(id, out _))
            {
                log.LogInformation("Closing hub connection {Connection} of {Who}: its {What} no longer holds", id, context.User?.Identity?.Name, keyId is null ? "sign-in" : "API key");
                context.Abort();
                closed++;
            }
        }

        Interlocked.Add(ref _closed, closed);
        return closed;
    }
}
