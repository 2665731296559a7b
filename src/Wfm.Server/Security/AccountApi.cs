using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Wfm.Server.Security;

/// <summary>Sign-in and sign-out, the signed-in user's own summary, and the home page that sends each role to its page.</summary>
public static class AccountApi
{
    /// <summary>Who is signed in, with what, and which pages they may open.</summary>
    public sealed record MeDto(string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Teams, string? AgentId, IReadOnlyList<string> Pages, bool ApiKey);

    private static readonly (string Page, string[] Roles)[] PageRoles =
    [
        ("board", Access.Supervisors),
        ("me", [WfmRoles.Agent]),
        ("inbox", [WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Agent]),
        ("forecast", Access.Planners),
        ("planner", Access.Planners),
        ("schedule", Access.Planners),
        ("center", Access.Planners),
        ("coaching", Access.Trainers),
        ("admin", Access.Admins),
    ];

    public static WebApplication MapAccountApi(this WebApplication app)
    {
        app.MapGet("/login", LoginPage).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/login", SignIn).AllowAnonymous().ExcludeFromDescription();
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
                var tokens = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().GetAndStoreTokens(context);
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
        WfmRoles.All.Where(user.IsInRole).ToList() is [WfmRoles.Admin] ? "admin" : PagesOf(user).FirstOrDefault() ?? "denied";

    public static IReadOnlyList<string> PagesOf(ClaimsPrincipal user) =>
        PageRoles.Where(p => p.Roles.Any(user.IsInRole)).Select(p => p.Page).ToList();

    private static IResult LoginPage(HttpContext context)
    {
        SecurityHosting.IssueAntiforgeryCookie(context);
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(PageFiles.PathOf("login.html"), "text/html; charset=utf-8");
    }

    private static async Task<IResult> SignIn(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, SignInManager<WfmUser> signIn, AuditLog audit)
    {
        var local = LocalUrl(returnUrl);
        var back = $"/login?returnUrl={Uri.EscapeDataString(local)}&error=";
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.Redirect(back + "missing");
        }

        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        audit.Record(userName.Trim(), "account.sign-in", "/login", result.Succeeded ? 200 : 401,
            result.Succeeded ? null : result.IsLockedOut ? "locked out" : "wrong user name or password");
        if (result.IsLockedOut)
        {
            return Results.Redirect(back + "locked");
        }

        return result.Succeeded ? Results.Redirect(local) : Results.Redirect(back + "invalid");
    }

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
