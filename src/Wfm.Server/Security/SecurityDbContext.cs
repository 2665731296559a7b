using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Wfm.Server.Security;

/// <summary>A person who signs in. Teams and the agent id are claims (<see cref="WfmClaims"/>).</summary>
public sealed class WfmUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A machine client's key: only its SHA-256 hash is kept; the key itself is shown once.</summary>
public sealed class ApiKeyRecord
{
    /// <summary>The key's public part (the text between "wfm_" and the second underscore).</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Space-separated scopes.</summary>
    public string Scopes { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>One sensitive read or write: who, what, when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user name, or "key:&lt;id&gt;" for an API key, or "system".</summary>
    public string Actor { get; set; } = "";

    /// <summary>What was done, e.g. "incidents.read", "schedule.edit", "user.roles".</summary>
    public string Action { get; set; } = "";

    /// <summary>What it was done to: the request path, or the user or agent concerned.</summary>
    public string Target { get; set; } = "";

    public int Status { get; set; }

    public string? Detail { get; set; }
}

/// <summary>
/// Identity's users and roles, API keys and the audit log: in their own SQLite file beside the data, or in the PostgreSQL
/// database with everything else (and there also the keys that protect sign-in cookies).
/// </summary>
public sealed class SecurityDbContext(DbContextOptions<SecurityDbContext> options) : IdentityDbContext<WfmUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ApiKeyRecord>(k =>
        {
            k.HasKey(x => x.Id);
            k.Property(x => x.Name).HasMaxLength(100);
            k.Property(x => x.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
            k.Property(x => x.RevokedAt).HasConversion(v => v == null ? (long?)null : v.Value.ToUnixTimeMilliseconds(), v => v == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(v.Value));
            k.Property(x => x.LastUsedAt).HasConversion(v => v == null ? (long?)null : v.Value.ToUnixTimeMilliseconds(), v => v == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(v.Value));
        });
        builder.Entity<AuditEntry>(a =>
        {
            a.HasKey(x => x.Id);
            a.Property(x => x.At).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
            a.HasIndex(x => x.At);
            a.HasIndex(x => x.Actor);
        });
        builder.Entity<WfmUser>().Property(x => x.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

        // SQLite cannot order by DateTimeOffset; Identity's lockout end is stored as Unix milliseconds too.
        builder.Entity<WfmUser>().Property(x => x.LockoutEnd).HasConversion(
            v => v == null ? (long?)null : v.Value.ToUnixTimeMilliseconds(), v => v == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(v.Value));
    }

    /// <summary>Roles as Identity stores them (normalised names are upper case).</summary>
    public static IdentityRole Role(string name) => new(name) { NormalizedName = name.ToUpperInvariant() };
}
