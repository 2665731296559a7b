using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wfm.Core.Directory;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>Signing in, the agent's and the admin's pages, and a customer's script that must stay text, in headless Chromium.</summary>
[Collection(ServerCollection.Name)]
public sealed class SecurityBrowserTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AgentProfile Agent(int index) =>
        server.Factory.Services.GetRequiredService<IContactCenterDirectory>().Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(index);

    [Fact]
    public async Task AScriptInACustomersMessage_IsShownAsText_AndNeverRuns()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser);
        var alerts = 0;
        page.Dialog += (_, dialog) => { alerts++; dialog.DismissAsync(); };
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=en").ToString());
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");

        var agent = Agent(40);
        var queue = agent.Skills[0].QueueId;
        var payload = "you stupid idiot <script>window.__xss = 1; alert(1)</script><img src=x onerror=\"window.__xss = 2; alert(2)\">";
        var t = DateTimeOffset.UtcNow.AddSeconds(-20);
        var response = await Events.PostAsync(server.Client, Events.Arrived(queue, "xss-c1", t),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at = t.AddSeconds(2), queueId = queue, contactId = "xss-c1", agentId = agent.Id, text = payload });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        var card = page.Locator("#incidents > *", new() { HasText = "__xss = 1" });
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(card.Locator("blockquote.message")).ToContainTextAsync("<script>");
        await Assertions.Expect(card.Locator("blockquote.message")).ToContainTextAsync("onerror");
        Assert.Equal(0, await card.Locator("script, img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Equal(0, alerts);
        // The board redraws its cards as updates come; the list itself stays.
        await page.Locator("#incidents").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-xss-test.png") });

        // Even a script that got into the page could not run inline: the policy forbids it.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__xss = 3'; document.body.append(s); }");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
    }

    [Fact]
    public async Task SignIn_TakesEachRoleToItsPage_AndTheNavigationShowsOnlyItsPages()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (planner, plannerPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "plan", [WfmRoles.Planner]);

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "forecast").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.FillAsync("#user-name", planner);
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-login-test.png") });

        await page.FillAsync("#user-name", planner);
        await page.FillAsync("#password", plannerPassword);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/forecast$"));
        await Assertions.Expect(page.Locator("header.site nav a")).ToHaveTextAsync(["Forecasting", "Staffing planner", "Schedules", "Capacity plan", "Intraday", "Center"]);
        await Assertions.Expect(page.Locator("#signed-in-user")).ToContainTextAsync(planner);

        var denied = await page.GotoAsync(new Uri(server.BaseAddress, "board").ToString());
        Assert.Equal(403, denied!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Not allowed");

        await page.GotoAsync(new Uri(server.BaseAddress, "forecast").ToString());
        await page.ClickAsync("#sign-out");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await page.GotoAsync(new Uri(server.BaseAddress, "forecast").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task AnAgent_SeesTheirDay_AndReportsAbuse_WhichTheSupervisorSees()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var agent = Agent(44);
        var t = DateTimeOffset.UtcNow.AddSeconds(-40);
        var response = await Events.PostAsync(server.Client,
            Events.State(agent.Id, "Available", t),
            Events.Arrived(agent.Skills[0].QueueId, "me-c1", t.AddSeconds(1)),
            Events.Answered(agent.Skills[0].QueueId, "me-c1", agent.Id, t.AddSeconds(2)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "me", [WfmRoles.Agent], null, agent.Id);

        var page = await SignIn.PageAsync(browser, server.BaseAddress, name, password);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/me$"));
        await Assertions.Expect(page.Locator("#agent-name")).ToHaveTextAsync(agent.Name);
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("On contact");
        await Assertions.Expect(page.Locator("#report-contact")).ToHaveValueAsync("me-c1");
        await page.FillAsync("#report-text", "he kept swearing at me");
        await page.ClickAsync("#report-form button[type=submit]");
        await Assertions.Expect(page.Locator("#report-result")).ToHaveClassAsync("ok");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-me-test.png"), FullPage = true });

        var incidents = await server.Client.GetFromJsonAsync<List<JsonElement>>("api/incidents?open=true", Ct);
        Assert.Contains(incidents!, i => i.GetProperty("contactId").GetString() == "me-c1" && i.GetProperty("source").GetString() == "Reported");
    }

    [Fact]
    public async Task AnAdmin_AddsAUser_AndACreatedPasswordSignsIn()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (admin, adminPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "admin", [WfmRoles.Admin]);
        var page = await SignIn.PageAsync(browser, server.BaseAddress, admin, adminPassword, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        var newUser = "trainer-" + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#user-name", newUser);
        await page.CheckAsync("#roles input[value=trainer]");
        await page.Locator("#teams").SelectOptionAsync(new[] { Agent(0).TeamId });
        await page.ClickAsync("#user-save");
        var secret = page.Locator("#user-result .secret");
        await Assertions.Expect(secret).ToBeVisibleAsync();
        var password = await secret.InnerTextAsync();
        await Assertions.Expect(page.Locator("#users tr", new() { HasText = newUser })).ToBeVisibleAsync();
        await page.FillAsync("#key-name", "wallboard");
        await page.CheckAsync("#scopes input[value='board:read']");
        await page.ClickAsync("#key-form button[type=submit]");
        await Assertions.Expect(page.Locator("#key-result .secret")).ToContainTextAsync("wfm_");
        await page.ClickAsync("#audit-form button[type=submit]");
        await Assertions.Expect(page.Locator("#audit tr", new() { HasText = "api-key.create" })).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-admin-test.png"), FullPage = true });

        using var trainer = await SignIn.ClientAsync(server.BaseAddress, newUser, password);
        Assert.True((await trainer.GetAsync("api/coaching/team", Ct)).IsSuccessStatusCode);
    }
}
