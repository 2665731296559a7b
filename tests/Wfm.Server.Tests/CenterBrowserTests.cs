using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Wfm.Server.Tests;

/// <summary>An admin sets up a new center on /center in headless Chromium, as a person would.</summary>
[Collection(OwnCenterCollection.Name)]
public sealed class CenterBrowserTests(OwnCenterFixture center)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdmin_CreatesAQueueATeamAContractAndTwoAgents_AndAnEventOfANewAgentIsAccepted()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await center.PageAsync(browser);
        await page.GotoAsync(new Uri(center.BaseAddress, "center?lang=en#queues").ToString());

        await Fill(page, "queues", new() { ["id"] = "web-voice", ["name"] = "Web hotline", ["targetPercent"] = "85", ["targetSeconds"] = "15", ["hours"] = "Mon-Fri 08:00-18:00" });
        await Expect(page, "queues", "web-voice");
        await Fill(page, "teams", new() { ["id"] = "web-team", ["name"] = "Ankara" });
        await Expect(page, "teams", "web-team");
        await Fill(page, "contracts", new() { ["id"] = "web-ft", ["name"] = "Full time", ["minHoursPerWeek"] = "30" });
        await Expect(page, "contracts", "web-ft");

        // A mistake first: the server's words show next to the form, and nothing is stored.
        await Fill(page, "agents", new() { ["id"] = "web-a1", ["name"] = "Elif Demir", ["skills"] = "no-such-queue:4" }, selects: new() { ["teamId"] = "web-team", ["contractId"] = "web-ft" });
        await Assertions.Expect(page.Locator("#kind-agents > p[role=status]")).ToContainTextAsync("'no-such-queue' is not an active queue");
        foreach (var (id, name) in new[] { ("web-a1", "Elif Demir"), ("web-a2", "Mehdi Hosseini") })
        {
            await Fill(page, "agents", new() { ["id"] = id, ["name"] = name, ["skills"] = "web-voice:4" }, selects: new() { ["teamId"] = "web-team", ["contractId"] = "web-ft", ["locale"] = "tr" });
            await Expect(page, "agents", id);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-center-test.png"), FullPage = true });
        var at = DateTimeOffset.UtcNow.AddSeconds(-10);
        var posted = await Events.PostAsync(center.Admin, Events.State("web-a2", "Available", at), Events.Arrived("web-voice", "web-c1", at));
        var agent = await center.Admin.GetFromJsonAsync<JsonElement>("api/agents/web-a2", Ct);

        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Available", agent.GetProperty("state").GetString());

        // The center's own days: a bad line is refused naming it, good ones are kept (forecasts take them as special days).
        await page.ClickAsync("#tabs button[data-target='kind-settings']");
        var days = page.Locator("#days-form");
        await days.Locator("textarea").FillAsync("2027-03-21, Nowruz, closed\n2027-13-40, Typo");
        await days.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(days.Locator("p.error")).ToContainTextAsync("2");
        await days.Locator("textarea").FillAsync("2027-03-21, Nowruz, closed\n2027-01-04, Bill run, open");
        await days.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(days.Locator("p.ok")).ToBeVisibleAsync();
        var stored = (await center.Admin.GetFromJsonAsync<JsonElement>("api/center/setup", Ct)).GetProperty("days").EnumerateArray()
            .Select(d => $"{d.GetProperty("date").GetString()} {d.GetProperty("name").GetString()} {d.GetProperty("closed").GetBoolean()}").ToList();
        Assert.Equal(["2027-01-04 Bill run False", "2027-03-21 Nowruz True"], stored);

        await page.GotoAsync(new Uri(center.BaseAddress, "center?lang=fa#agents").ToString());
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("#kind-agents tr[data-id='web-a2']")).ToContainTextAsync("Mehdi Hosseini");
        await Assertions.Expect(page.Locator("#kind-agents h2")).ToHaveTextAsync("کارشناسان");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-center-fa-test.png"), FullPage = true });
    }

    private static async Task Fill(IPage page, string kind, Dictionary<string, string> texts, Dictionary<string, string>? selects = null)
    {
        await page.ClickAsync($"#tabs button[data-target='kind-{kind}']");
        var form = page.Locator($"#kind-{kind} form");
        await form.Locator("button[type=button]").ClickAsync();
        foreach (var (name, value) in texts)
        {
            await form.Locator($"[name='{name}']").FillAsync(value);
        }

        foreach (var (name, value) in selects ?? [])
        {
            await form.Locator($"select[name='{name}']").SelectOptionAsync(value);
        }

        await form.Locator("button[type=submit]").ClickAsync();
    }

    private static Task Expect(IPage page, string kind, string id) =>
        Assertions.Expect(page.Locator($"#kind-{kind} tr[data-id='{id}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
}
