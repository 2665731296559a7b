using System.Net.Http.Json;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>Users for the tests: made through Identity's own user manager, signed in through the sign-in page.</summary>
public static partial class SignIn
{
    /// <summary>Every role but agent: admins, planners, supervisors and trainers see the whole center.</summary>
    public static readonly string[] Staff = [WfmRoles.Admin, WfmRoles.Planner, WfmRoles.Supervisor, WfmRoles.Trainer];

    /// <summary>Creates a user (a fresh name each call) and returns its name and generated password.</summary>
    public static async Task<(string UserName, string Password)> CreateUserAsync(
        IServiceProvider services, string prefix, IReadOnlyList<string> roles, IReadOnlyList<string>? teams = null, string? agentId = null)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WfmUser>>();
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var password = SecuritySeeder.NewPassword();
        var user = new WfmUser { UserName = name, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, roles));
        var claims = (teams ?? []).Select(t => new Claim(WfmClaims.Team, t)).ToList();
        if (agentId is not null)
        {
            claims.Add(new Claim(WfmClaims.Agent, agentId));
        }

        if (claims.Count > 0)
        {
            Check(await users.AddClaimsAsync(user, claims));
        }

        return (name, password);
    }

    /// <summary>A new user with <paramref name="roles"/>, signed in: the client keeps the cookie and sends the antiforgery header on writes.</summary>
    public static async Task<HttpClient> ClientAsync(
        Uri baseAddress, IServiceProvider services, IReadOnlyList<string> roles, IReadOnlyList<string>? teams = null, string? agentId = null)
    {
        var (name, password) = await CreateUserAsync(services, roles.Count == 0 ? "none" : roles[0], roles, teams, agentId);
        return await ClientAsync(baseAddress, name, password);
    }

    public static async Task<HttpClient> ClientAsync(Uri baseAddress, string userName, string password) =>
        (await ClientWithCookiesAsync(baseAddress, userName, password)).Client;

    /// <summary>As <see cref="ClientAsync(Uri, string, string)"/>, with the cookies (a hub connection signs in with them).</summary>
    public static async Task<(HttpClient Client, CookieContainer Cookies)> ClientWithCookiesAsync(Uri baseAddress, string userName, string password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var response = await PostFormAsync(client, cookies, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("error=", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"sign-in of {userName} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var antiforgery = await client.GetFromJsonAsync<AntiforgeryDto>("api/auth/antiforgery");
        client.DefaultRequestHeaders.Add(antiforgery!.Header, antiforgery.Token);
        return (client, cookies);
    }

    /// <summary>Posts the sign-in form as the page does: with the antiforgery token the page was served with.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, CookieContainer cookies, string userName, string password)
    {
        (await client.GetAsync("login")).EnsureSuccessStatusCode();
        var token = cookies.GetCookies(client.BaseAddress!).FirstOrDefault(c => c.Name == SecurityHosting.AntiforgeryCookie)?.Value
            ?? throw new InvalidOperationException("the sign-in page set no antiforgery cookie");
        return await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = Uri.UnescapeDataString(token),
        }));
    }

    /// <summary>A browser page signed in through the sign-in page.</summary>
    public static async Task<IPage> PageAsync(IBrowser browser, Uri baseAddress, string userName, string password, BrowserNewPageOptions? options = null)
    {
        var page = await browser.NewPageAsync(options ?? new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        // On a busy machine (a dozen servers of the test run on two cores, password hashing included) signing in can take
        // longer than Playwright's default 30 s: wait for the state — the page left /login — for up to 90 s.
        await page.GotoAsync(new Uri(baseAddress, "login?lang=en").ToString(), new() { Timeout = 90_000 });
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in button[type=submit]");
        // Signed in once the browser has left /login; the caller goes on to the page it wants and waits for that page's state.
        // (WaitForURL would also wait for the landing page's load event when the URL has already changed, and a page
        // whose script awaits its live connection at the top can hold that event back on a busy machine.)
        for (var deadline = DateTime.UtcNow.AddSeconds(90); page.Url.Contains("/login", StringComparison.Ordinal); await Task.Delay(100))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"still on {page.Url} 90 s after signing in as {userName}");
            }
        }
        return page;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private sealed record AntiforgeryDto(string Header, string Token);
}
