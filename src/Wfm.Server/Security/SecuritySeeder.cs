using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wfm.Core.Directory;
using Wfm.Data;
using Wfm.Data.Center;
using Wfm.Server.Hosting;

namespace Wfm.Server.Security;

/// <summary>
/// Creates the security database and the roles. With no users yet it creates an "admin" user; on a demo database
/// also one user per role (supervisor and trainer of every team, agent = the first agent). The new users share one
/// generated password, printed once on the console — there is no fixed password anywhere. A configured
/// simulator key is stored with the scopes the simulator needs.
/// </summary>
public sealed class SecuritySeeder(
    IServiceScopeFactory scopes,
    IDbContextFactory<SecurityDbContext> contexts,
    ApiKeyService keys,
    EfCenterStore centerStore,
    IContactCenterDirectory directory,
    IOptions<SecurityOptions> options,
    ILogger<SecuritySeeder> logger) : IHostedService
{
    public static readonly string[] SimulatorScopes = [WfmScopes.EventsWrite, WfmScopes.SurveysWrite, WfmScopes.BoardRead, WfmScopes.SystemRead];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The silos of a PostgreSQL cluster starting together take turns: one makes the seed users, the others find them.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await SecuritySchema.UnderSchemaLockAsync(db, () => SeedAsync(cancellationToken), cancellationToken);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {

        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in WfmRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<WfmUser>>();
        var demo = await centerStore.IsDemoAsync(cancellationToken);
        var first = !await users.Users.AnyAsync(cancellationToken);
        if (first || (demo && options.Value.ResetDemoPasswords))
        {
            var password = NewPassword();
            var names = new List<string>();
            foreach (var (name, role) in SeedUsers(demo))
            {
                var user = await users.FindByNameAsync(name);
                if (user is null)
                {
                    user = new WfmUser { UserName = name, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
                    Check(await users.CreateAsync(user, password), name);
                    Check(await users.AddToRoleAsync(user, role), name);
                    var claims = role switch
                    {
                        WfmRoles.Supervisor or WfmRoles.Trainer => directory.Teams.Select(t => new Claim(WfmClaims.Team, t.Id)).ToList(),
                        WfmRoles.Agent when directory.Agents.Count > 0 => [new Claim(WfmClaims.Agent, directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).First().Id)],
                        _ => [],
                    };
                    if (claims.Count > 0)
                    {
                        Check(await users.AddClaimsAsync(user, claims), name);
                    }
                }
                else
                {
                    Check(await users.RemovePasswordAsync(user), name);
                    Check(await users.AddPasswordAsync(user, password), name);
                    await users.SetLockoutEndDateAsync(user, null);
                }

                names.Add(name);
            }

            // Printed on the console on purpose: the operator's only copy of the one-time password.
            Console.WriteLine();
            Console.WriteLine($"  Wfm sign-in: users {string.Join(", ", names)} — password {password}");
            Console.WriteLine("  (generated now and shown once; an admin can add users and reset passwords at /admin)");
            Console.WriteLine();
        }

        var simulatorKey = options.Value.SimulatorKey;
        if (simulatorKey is null && demo && first)
        {
            simulatorKey = ApiKeyService.NewKey();
            Console.WriteLine($"  Simulator API key (events, surveys, board, system): {simulatorKey}");
            Console.WriteLine("  e.g. wfm-sim live --api-key <key>");
            Console.WriteLine();
        }

        if (simulatorKey is not null && await keys.EnsureAsync("simulator", simulatorKey, SimulatorScopes))
        {
            logger.LogInformation("Stored the simulator's API key");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<(string Name, string Role)> SeedUsers(bool demo)
    {
        yield return ("admin", WfmRoles.Admin);
        if (demo)
        {
            yield return ("planner", WfmRoles.Planner);
            yield return ("supervisor", WfmRoles.Supervisor);
            yield return ("trainer", WfmRoles.Trainer);
            yield return ("agent", WfmRoles.Agent);
        }
    }

    /// <summary>16 characters from letters, digits and symbols, at least one of each kind Identity asks for.</summary>
    public static string NewPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-_.!+";
        var all = lower + upper + digits + symbols;
        var chars = new List<char> { Pick(lower), Pick(upper), Pick(digits), Pick(symbols) };
        while (chars.Count < 16)
        {
            chars.Add(Pick(all));
        }

        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).ToArray());

        static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding '{what}' failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
