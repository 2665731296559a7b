using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wfm.Core.Directory;

namespace Wfm.Server.Security;

/// <summary>/api/admin: users and their roles, API keys and the audit log. Admins only; every write is audited.</summary>
public static class AdminApi
{
    public sealed record UserDto(string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Teams, string? AgentId, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

    public sealed record UserRequest(string? UserName, string? DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Teams, string? AgentId);

    /// <summary>A new or reset password, shown this once.</summary>
    public sealed record PasswordDto(UserDto User, string Password);

    public sealed record KeyRequest(string? Name, IReadOnlyList<string>? Scopes);

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAccess(Access.Admins);
        admin.MapGet("/users", ListUsers).WithSummary("Every user with roles, teams, agent id and lockout");
        admin.MapPost("/users", CreateUser).WithSummary("Adds a user; the answer carries a generated one-time password").Audited("user.create");
        admin.MapPut("/users/{userName}", UpdateUser).WithSummary("Replaces a user's roles, teams and agent id").Audited("user.roles");
        admin.MapPost("/users/{userName}/password", ResetPassword).WithSummary("A new generated password (the old one stops working)").Audited("user.password");
        admin.MapPost("/users/{userName}/unlock", Unlock).WithSummary("Ends a lockout after failed sign-ins").Audited("user.unlock");
        admin.MapDelete("/users/{userName}", DeleteUser).Audited("user.delete");
        admin.MapGet("/api-keys", (ApiKeyService keys) => keys.ListAsync()).WithSummary("API keys (never the key itself)");
        admin.MapPost("/api-keys", CreateKey).WithSummary("A new key with scopes; the answer carries the key, shown once").Audited("api-key.create");
        admin.MapDelete("/api-keys/{id}", async (string id, ApiKeyService keys, HubSessions sessions) =>
        {
            if (!await keys.RevokeAsync(id))
            {
                return Results.Problem(statusCode: 404, detail: $"API key '{id}' does not exist");
            }

            sessions.Recheck();
            return Results.NoContent();
        }).Audited("api-key.revoke");
        admin.MapGet("/audit", ReadAudit).WithSummary("Who read or changed what and when, newest first");
        return api;
    }

    private static async Task<IReadOnlyList<UserDto>> ListUsers(UserManager<WfmUser> users, SignInGuard guard)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync();
        var result = new List<UserDto>();
        foreach (var user in all)
        {
            result.Add(await ToDtoAsync(users, user, guard));
        }

        return result;
    }

    private static async Task<IResult> CreateUser(UserRequest body, UserManager<WfmUser> users, IContactCenterDirectory directory)
    {
        if (string.IsNullOrWhiteSpace(body.UserName))
        {
            return Invalid("userName: expected a sign-in name");
        }

        if (Validate(body, directory) is { } error)
        {
            return Invalid(error);
        }

        if (await users.FindByNameAsync(body.UserName.Trim()) is not null)
        {
            return Results.Problem(statusCode: 409, detail: $"userName: '{body.UserName.Trim()}' is taken");
        }

        var user = new WfmUser { UserName = body.UserName.Trim(), DisplayName = body.DisplayName?.Trim(), CreatedAt = DateTimeOffset.UtcNow };
        var password = SecuritySeeder.NewPassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Invalid("userName: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await SetAccessAsync(users, user, body);
        return Results.Ok(new PasswordDto(await ToDtoAsync(users, user), password));
    }

    private static async Task<IResult> UpdateUser(string userName, UserRequest body, UserManager<WfmUser> users, IContactCenterDirectory directory, ClaimsPrincipal me, HubSessions sessions)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return Results.Problem(statusCode: 404, detail: $"user '{userName}' does not exist");
        }

        if (Validate(body, directory) is { } error)
        {
            return Invalid(error);
        }

        if (user.UserName == me.Identity?.Name && !(body.Roles ?? []).Contains(WfmRoles.Admin))
        {
            return Invalid("roles: you cannot take the admin role from yourself");
        }

        if (body.DisplayName is not null)
        {
            user.DisplayName = body.DisplayName.Trim();
            await users.UpdateAsync(user);
        }

        await SetAccessAsync(users, user, body);
        sessions.Recheck();
        return Results.Ok(await ToDtoAsync(users, user));
    }

    private static async Task<IResult> ResetPassword(string userName, UserManager<WfmUser> users, HubSessions sessions)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return Results.Problem(statusCode: 404, detail: $"user '{userName}' does not exist");
        }

        var password = SecuritySeeder.NewPassword();
        await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
        {
            return Invalid(string.Join("; ", added.Errors.Select(e => e.Description)));
        }

        await users.UpdateSecurityStampAsync(user);
        sessions.Recheck();
        return Results.Ok(new PasswordDto(await ToDtoAsync(users, user), password));
    }

    private static async Task<IResult> Unlock(string userName, UserManager<WfmUser> users, SignInGuard guard)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return Results.Problem(statusCode: 404, detail: $"user '{userName}' does not exist");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        guard.Unlock(userName);
        return Results.Ok(await ToDtoAsync(users, user, guard));
    }

    private static async Task<IResult> DeleteUser(string userName, UserManager<WfmUser> users, ClaimsPrincipal me, HubSessions sessions)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return Results.Problem(statusCode: 404, detail: $"user '{userName}' does not exist");
        }

        if (user.UserName == me.Identity?.Name)
        {
            return Invalid("userName: you cannot delete yourself");
        }

        await users.DeleteAsync(user);
        sessions.Recheck();
        return Results.NoContent();
    }

    private static async Task<IResult> CreateKey(KeyRequest body, ApiKeyService keys, ClaimsPrincipal me)
    {
        try
        {
            return Results.Ok(await keys.CreateAsync(body.Name ?? "", body.Scopes ?? [], AuditLog.ActorOf(me)));
        }
        catch (ArgumentException e)
        {
            return Invalid(e.Message);
        }
    }

    private static async Task<IReadOnlyList<AuditEntry>> ReadAudit(AuditLog audit, DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, int? limit)
    {
        await audit.FlushAsync();
        return await audit.ReadAsync(from, to, actor, action, limit ?? 500);
    }

    private static string? Validate(UserRequest body, IContactCenterDirectory directory)
    {
        var roles = body.Roles ?? [];
        if (roles.Count == 0)
        {
            return $"roles: expected one or more of {string.Join(", ", WfmRoles.All)}";
        }

        if (roles.FirstOrDefault(r => !WfmRoles.All.Contains(r)) is { } unknown)
        {
            return $"roles: '{unknown}' is not a role; expected {string.Join(", ", WfmRoles.All)}";
        }

        if ((body.Teams ?? []).FirstOrDefault(t => directory.Teams.All(x => x.Id != t)) is { } team)
        {
            return $"teams: '{team}' is not a team of this center";
        }

        if (roles.Contains(WfmRoles.Agent) && (body.AgentId is null || directory.FindAgent(body.AgentId) is null))
        {
            return $"agentId: an agent user needs the id of an agent of this center (got '{body.AgentId}')";
        }

        return null;
    }

    private static async Task SetAccessAsync(UserManager<WfmUser> users, WfmUser user, UserRequest body)
    {
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(body.Roles!));
        await users.AddToRolesAsync(user, body.Roles!.Except(current).Distinct());
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type is WfmClaims.Team or WfmClaims.Agent).ToList();
        if (claims.Count > 0)
        {
            await users.RemoveClaimsAsync(user, claims);
        }

        var wanted = (body.Teams ?? []).Distinct().Select(t => new Claim(WfmClaims.Team, t)).ToList();
        if (body.AgentId is not null && body.Roles!.Contains(WfmRoles.Agent))
        {
            wanted.Add(new Claim(WfmClaims.Agent, body.AgentId));
        }

        if (wanted.Count > 0)
        {
            await users.AddClaimsAsync(user, wanted);
        }

        // Signs the user's open sessions out within a minute, so new roles apply at once.
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>A user as the admin page lists them; locked until the later of the account's lockout and a lockout for some address.</summary>
    private static async Task<UserDto> ToDtoAsync(UserManager<WfmUser> users, WfmUser user, SignInGuard? guard = null)
    {
        var account = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : (DateTimeOffset?)null;
        var address = guard?.LockedUntil(user.UserName!);
        var locked = account is null ? address : address is null || account > address ? account : address;
        var roles = await users.GetRolesAsync(user);
        var claims = await users.GetClaimsAsync(user);
        return new UserDto(user.UserName!, user.DisplayName, roles.Order(StringComparer.Ordinal).ToList(),
            claims.Where(c => c.Type == WfmClaims.Team).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
            claims.FirstOrDefault(c => c.Type == WfmClaims.Agent)?.Value,
            locked, user.CreatedAt);
    }

    private static IResult Invalid(string detail) => Results.Problem(statusCode: 400, title: "Invalid request", detail: detail);
}
