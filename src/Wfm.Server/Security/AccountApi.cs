using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Wfm.Server.Security;

/// <summary>Sign-in and sign-out, the signed-in user's own summary, and the home page that sends each role to its page.</summary>
public static class AccountApi
{
    /// <summary>Who is signed in, with what, and which pages they may open.</summary>
    public sealed record MeDto(string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Teams, string? AgentId, IReadOnlyList<string> Pages, bool ApiKey);

    private static readonly (string Page, string[] Roles)[] PageRoles =
    [
        ("board", Access.Supervisors),
        ("me", [WfmRoles.Agent, WfmRoles.Admin]),
        ("inbox", [WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Agent]),
        ("forecast", Access.Planners),
        ("planner", Access.Planners),
        ("schedule", Access.Planners),
        ("capacity", Access.Planners),
        ("center", Access.Planners),
        ("intraday", Access.Intraday),
        ("coaching", Access.Trainers),
        ("admin", Access.Admins),
    ];

    public static WebApplication MapAccountApi(this WebApplication app)
    {
        app.MapGet("/login", LoginPage).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/login", SignIn).AllowAnonymous().RequireRateLimiting(SecurityHosting.SignInRateLimit).ExcludeFromDescription();
        app.MapGet("/login/oidc", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = "/login/oidc/done?returnUrl=" + Uri.EscapeDataString(LocalUrl(returnUrl)) }, [SecurityHosting.OidcScheme]))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/login/oidc/done", OidcDone).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/logout", SignOut).RequireAccess(Access.Everyone).ExcludeFromDescription();
        app.MapGet("/denied", () => Results.File(PageFiles.PathOf("denied.html"), "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/", (HttpContext context) => Results.Redirect("/" + Home(context.User)))
            .RequireAccess(Access.Everyone).ExcludeFromDescription();
        app.MapGet("/api/me", Me).RequireAccess(Access.Everyone, [.. WfmScopes.All]).WithTags("Account")
            .WithSummary("The signed-in user (or API key): roles, teams, agent id and the pages they may open");
        app.MapGet("/api/auth/antiforgery", (HttpContext context) =>
            {
                SecurityHosting.IssueAntiforgeryCookie(context);
                var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
                return Results.Ok(new { header = SecurityHosting.AntiforgeryHeader, token = tokens.RequestToken });
            })
            .RequireAccess(Access.Everyone).WithTags("Account")
            .WithSummary("For a script signed in with the cookie: the token its writes must carry in the X-XSRF-TOKEN header");
        app.MapGet("/api/auth/options", (IOptions<SecurityOptions> o) => new { oidc = o.Value.Oidc.Enabled, oidcName = o.Value.Oidc.Enabled ? o.Value.Oidc.DisplayName : null })
            .AllowAnonymous().WithTags("Account").WithSummary("What the sign-in page offers besides a password");
        return app;
    }

    /// <summary>Where "/" sends a user: the page of their working role (an admin who holds no other role: administration).</summary>
    public static string Home(ClaimsPrincipal user) =>
        WfmRoles.All.Where(user.IsInRole).ToList() is [WfmRoles.Admin] ? "admin" : PagesOf(user) is [var first, ..] ? first : "denied";

    public static IReadOnlyList<string> PagesOf(ClaimsPrincipal user) =>
        PageRoles.Where(p => p.Roles.Any(user.IsInRole)).Select(p => p.Page).ToList();

    private static IResult LoginPage(HttpContext context)
    {
        SecurityHosting.IssueAntiforgeryCookie(context);
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(PageFiles.PathOf("login.html"), "text/html; charset=utf-8");
    }

    private static async Task<IResult> SignIn(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext context, SignInManager<WfmUser> signIn,
        SignInGuard guard, AuditLog audit)
    {
        var local = LocalUrl(returnUrl);
        var back = $"/login?returnUrl={Uri.EscapeDataString(local)}&error=";
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.Redirect(back + "missing");
        }

        // Every answer is the same for a name that exists and one that does not: "invalid", then "locked" for this
        // address after the same number of tries, in about the same time (a password is checked against a hash either way).
        var name = userName.Trim();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (guard.LockedUntil(name, address) is not null)
        {
            audit.Record(name, "account.sign-in", "/login", 401, $"locked out for {address}");
            return Results.Redirect(back + "locked");
        }

        SignInResult result;
        if (await signIn.UserManager.FindByNameAsync(name) is not { } user)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new WfmUser(), UnknownUserHash.Value, password);
            result = SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        }

        if (result.Succeeded)
        {
            guard.Succeeded(name, address);
            audit.Record(name, "account.sign-in", "/login", 200);
            return Results.Redirect(local);
        }

        var locked = guard.Failed(name, address) || result.IsLockedOut;
        audit.Record(name, "account.sign-in", "/login", 401, locked ? $"locked out{(result.IsLockedOut ? "" : $" for {address}")}" : "wrong user name or password");
        return Results.Redirect(back + (locked ? "locked" : "invalid"));
    }

    /// <summary>A hash no password matches, checked for unknown names so they take as long as known ones.</summary>
    private static readonly Lazy<string> UnknownUserHash = new(() => new PasswordHasher<WfmUser>().HashPassword(new WfmUser(), Guid.NewGuid().ToString("N")));

    private static async Task<IResult> OidcDone(HttpContext context, string? returnUrl, AuditLog audit)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null)
        {
            return Results.Redirect("/login?error=invalid");
        }

        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        await context.SignInAsync(IdentityConstants.ApplicationScheme, external.Principal);
        audit.Record(external.Principal, "account.sign-in", "/login/oidc");
        return Results.Redirect(LocalUrl(returnUrl));
    }

    private static async Task<IResult> SignOut(HttpContext context, AuditLog audit, UserManager<WfmUser> users, HubSessions sessions)
    {
        audit.Record(context.User, "account.sign-out", "/logout");
        // A new security stamp ends the session for good: a copy of the cookie replayed later is refused (the stamp is checked on every request).
        if (await users.GetUserAsync(context.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            sessions.Recheck();
        }

        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        context.Response.Cookies.Delete(SecurityHosting.AntiforgeryCookie);
        return Results.Ok(new { signedOut = true });
    }

    private static MeDto Me(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        WfmRoles.All.Where(user.IsInRole).ToList(),
        user.FindAll(WfmClaims.Team).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
        user.FindFirst(WfmClaims.Agent)?.Value,
        PagesOf(user),
        user.HasClaim(c => c.Type == WfmClaims.ApiKey));

    /// <summary>Only paths on this site: an open redirect would let a phishing link bounce through the sign-in page.</summary>
    private static string LocalUrl(string? url) => Security.LocalUrl.Of(url);
}
