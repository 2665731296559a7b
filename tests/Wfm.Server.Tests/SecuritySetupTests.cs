using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Directory;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>The demo's seeded users, generated passwords and keys, and the company sign-in's claim mapping.</summary>
[Collection(ServerCollection.Name)]
public sealed class SecuritySetupTests(ServerFixture server)
{
    [Fact]
    public async Task ADemoDatabase_GetsOneUserPerRole_LinkedToTeamsAndAnAgent()
    {
        using var scope = server.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WfmUser>>();
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        foreach (var role in WfmRoles.All)
        {
            var user = await users.FindByNameAsync(role);
            Assert.NotNull(user);
            Assert.Equal([role], await users.GetRolesAsync(user));
            var claims = await users.GetClaimsAsync(user);
            var teams = claims.Where(c => c.Type == WfmClaims.Team).Select(c => c.Value).Order().ToList();
            Assert.Equal(role is WfmRoles.Supervisor or WfmRoles.Trainer ? directory.Teams.Select(t => t.Id).Order().ToList() : [], teams);
            Assert.Equal(role == WfmRoles.Agent ? directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).First().Id : null,
                claims.FirstOrDefault(c => c.Type == WfmClaims.Agent)?.Value);
        }

        // The demo's simulator key was stored (its text was printed, never kept).
        Assert.Contains(await server.Factory.Services.GetRequiredService<ApiKeyService>().ListAsync(), k => k.Name == "simulator" && k.Scopes.Contains(WfmScopes.EventsWrite));
    }

    [Fact]
    public void GeneratedPasswordsAndKeys_AreFreshEachTime_AndMeetThePolicy()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => SecuritySeeder.NewPassword()).ToList();
        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.Equal(16, p.Length);
            Assert.Contains(p, char.IsAsciiLetterLower);
            Assert.Contains(p, char.IsAsciiLetterUpper);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.Contains(p, c => !char.IsAsciiLetterOrDigit(c));
        });
        var keys = Enumerable.Range(0, 50).Select(_ => ApiKeyService.NewKey()).ToList();
        Assert.Equal(50, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^wfm_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$", k));
    }

    [Fact]
    public void ACompanySignIn_BringsRolesTeamsAndAgentFromItsClaims_AndNothingElse()
    {
        var oidc = new OidcOptions { Authority = "https://login.example.com", ClientId = "wfm", RoleClaim = "roles", TeamClaim = "wfm_teams", AgentClaim = "wfm_agent" };
        var external = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "u-17"), new Claim("preferred_username", "ayse@example.com"),
            new Claim("roles", "supervisor"), new Claim("roles", "trainer"), new Claim("roles", "superuser"),
            new Claim("wfm_teams", "team-anatolia"), new Claim("wfm_agent", "agent-007"),
        ], "oidc"));

        var principal = SecurityHosting.OidcPrincipal(external, oidc);

        Assert.Equal("ayse@example.com", principal.Identity!.Name);
        Assert.True(principal.IsInRole(WfmRoles.Supervisor));
        Assert.True(principal.IsInRole(WfmRoles.Trainer));
        Assert.False(principal.IsInRole("superuser"));
        Assert.False(principal.IsInRole(WfmRoles.Admin));
        Assert.Equal(["team-anatolia"], principal.FindAll(WfmClaims.Team).Select(c => c.Value));
        Assert.Equal("agent-007", principal.FindFirst(WfmClaims.Agent)!.Value);
        Assert.True(oidc.Enabled);
        Assert.False(new OidcOptions().Enabled);
    }
}
