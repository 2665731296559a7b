using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Wfm.Server.Security;

/// <summary>A key as listed to an admin: never the key or its hash.</summary>
public sealed record ApiKeyDto(string Id, string Name, IReadOnlyList<string> Scopes, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

/// <summary>The answer to creating a key: the key itself, shown this once.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyDto Details);

/// <summary>
/// Creates, checks and revokes API keys. A key reads <c>wfm_&lt;id&gt;_&lt;secret&gt;</c>: 8 random characters that
/// name the row and 32 random bytes; only the SHA-256 of the whole key is stored (a random 256-bit secret needs
/// no slow hash), compared in constant time. Checked keys are remembered for a minute; revoking forgets at once.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<SecurityDbContext> contexts, TimeProvider time)
{
    private const string Prefix = "wfm_";

    private readonly ConcurrentDictionary<string, (ApiKeyRecord Key, DateTimeOffset CheckedAt)> _cache = new();

    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> scopes, string createdBy, string? key = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("name: expected 1 to 100 characters");
        }

        var unknown = scopes.Where(s => !WfmScopes.All.Contains(s)).ToList();
        if (scopes.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"scopes: expected one or more of {string.Join(", ", WfmScopes.All)}" + (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : ""));
        }

        key ??= NewKey();
        var id = ParseId(key) ?? throw new ArgumentException("key: expected wfm_<8 letters or digits>_<at least 32 characters>");
        var record = new ApiKeyRecord
        {
            Id = id,
            Name = name.Trim(),
            Hash = Hash(key),
            Scopes = string.Join(' ', scopes.Distinct().Order(StringComparer.Ordinal)),
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync();
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync();
        return new CreatedApiKey(key, ToDto(record));
    }

    /// <summary>Stores a key whose text the operator chose (the simulator's seed key), unless a key with that id exists.</summary>
    public async Task<bool> EnsureAsync(string name, string key, IReadOnlyCollection<string> scopes)
    {
        var id = ParseId(key) ?? throw new ArgumentException("key: expected wfm_<8 letters or digits>_<at least 32 characters>");
        await using var db = await contexts.CreateDbContextAsync();
        var existing = await db.ApiKeys.FindAsync(id);
        if (existing is not null)
        {
            return false;
        }

        await CreateAsync(name, scopes, "system", key);
        return true;
    }

    public async Task<IReadOnlyList<ApiKeyDto>> ListAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync();
        return keys.OrderByDescending(k => k.CreatedAt).Select(ToDto).ToList();
    }

    public async Task<bool> RevokeAsync(string id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var key = await db.ApiKeys.FindAsync(id);
        if (key is null)
        {
            return false;
        }

        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync();
        _cache.TryRemove(id, out _);
        return true;
    }

    /// <summary>The stored key the presented text is, or null when unknown, revoked or not matching.</summary>
    public async Task<ApiKeyRecord?> VerifyAsync(string presented)
    {
        var id = ParseId(presented);
        if (id is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(id, out var cached) || now - cached.CheckedAt > TimeSpan.FromMinutes(1))
        {
            await using var db = await contexts.CreateDbContextAsync();
            var record = await db.ApiKeys.FindAsync(id);
            if (record is null)
            {
                _cache.TryRemove(id, out _);
                return null;
            }

            if (record.RevokedAt is null && (record.LastUsedAt is null || now - record.LastUsedAt > TimeSpan.FromMinutes(1)))
            {
                record.LastUsedAt = now;
                await db.SaveChangesAsync();
            }

            cached = (record, now);
            _cache[id] = cached;
        }

        var expected = Convert.FromHexString(cached.Key.Hash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual) && cached.Key.RevokedAt is null ? cached.Key : null;
    }

    public static string NewKey()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyz23456789";
        var id = string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
            }
        });
        return $"{Prefix}{id}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string? ParseId(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length < Prefix.Length + 8 + 1 + 32 || key[Prefix.Length + 8] != '_')
        {
            return null;
        }

        var id = key.Substring(Prefix.Length, 8);
        return id.All(char.IsAsciiLetterOrDigit) ? id : null;
    }

    private static ApiKeyDto ToDto(ApiKeyRecord k) =>
        new(k.Id, k.Name, k.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), k.CreatedBy, k.CreatedAt, k.RevokedAt, k.LastUsedAt);
}

/// <summary>Signs in a request that carries <c>X-Api-Key: wfm_…</c> (or <c>Authorization: ApiKey wfm_…</c>) as the key, with its scopes as claims.</summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string Header = "X-Api-Key";

    public static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            return value.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["ApiKey ".Length..].Trim();
        }

        // Browsers' WebSocket API cannot set headers; SignalR clients pass the key as access_token on the hub's URL.
        if (request.Path.StartsWithSegments("/hubs") && request.Query.TryGetValue("access_token", out var token) && token.ToString().StartsWith("wfm_", StringComparison.Ordinal))
        {
            return token.ToString();
        }

        return null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.VerifyAsync(presented);
        if (key is null)
        {
            return AuthenticateResult.Fail("the API key is unknown, revoked or wrong");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, $"key:{key.Id}"),
            new(ClaimTypes.NameIdentifier, $"key:{key.Id}"),
            new(WfmClaims.ApiKey, key.Id),
        };
        claims.AddRange(key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(WfmClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
