using System.ComponentModel.DataAnnotations;

namespace Wfm.Server.Security;

/// <summary>Settings under "Wfm:Security".</summary>
public sealed class SecurityOptions
{
    public const string Section = "Wfm:Security";

    /// <summary>An API key (wfm_&lt;id&gt;_&lt;secret&gt;) to store at start for the simulator, with the events, surveys, board and system scopes.</summary>
    public string? SimulatorKey { get; set; }

    /// <summary>Give the seeded demo users a new one-time password at start (the old one stops working).</summary>
    public bool ResetDemoPasswords { get; set; }

    /// <summary>Failed sign-ins for one user name from one address before that name is locked for that address.</summary>
    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>Failed sign-ins for one account from all addresses together before the whole account is locked (a backstop against many addresses).</summary>
    [Range(1, 10_000)]
    public int AccountLockoutAttempts { get; set; } = 50;

    /// <summary>Sign-in attempts one address may make per minute (any user names); more are answered 429.</summary>
    [Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>How long a locked account (or a name locked for an address) stays locked.</summary>
    public TimeSpan LockoutTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>How often open hub connections are checked against their sign-in or key (revoked, deleted, signed out, roles changed); also at once after such a change.</summary>
    public TimeSpan HubRecheck { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Company sign-in by OpenID Connect; off when Authority is empty.</summary>
    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>
/// OpenID Connect sign-in (Entra ID, Keycloak, Okta, …). Roles come from <see cref="RoleClaim"/> (values admin,
/// planner, supervisor, trainer, agent), teams from <see cref="TeamClaim"/>, an agent's id from <see cref="AgentClaim"/>.
/// </summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The button's text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Company sign-in";

    public string RoleClaim { get; set; } = "roles";

    public string TeamClaim { get; set; } = "wfm_teams";

    public string AgentClaim { get; set; } = "wfm_agent";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
