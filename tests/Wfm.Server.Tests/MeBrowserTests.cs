using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>
/// An agent's own page on a phone: the coming weeks as published, time off and a swap asked for from the page, the
/// planner's answer on the page and in the agent's plan; and an admin opening the page of an agent.
/// </summary>
[Collection(OwnCenterCollection.Name)]
public sealed class MeBrowserTests(OwnCenterFixture center)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly BrowserNewPageOptions Phone = new() { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true };

    [Fact]
    public async Task Agent_SeesTheComingWeeks_AsksForTimeOffAndASwap_AndThePlannersAnswerShows()
    {
        // A center with a published schedule from today.
        await PlanningChainApiTests.SetUpAsync(center.Admin, "me2", agents: 6);
        var info = await center.Admin.GetFromJsonAsync<JsonElement>("api/center", Ct);
        var today = DateOnly.Parse(info.GetProperty("today").GetString()!, CultureInfo.InvariantCulture);
        var imported = await center.Admin.PostAsync("api/history?name=me2.csv&series=Me2%20line",
            new StringContent(PlanningChainApiTests.History("me2-voice", today.AddDays(-28), 28, 2), Encoding.UTF8, "text/csv"), Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        var forecast = await center.Admin.PostAsJsonAsync("api/forecasts", new { series = "Me2 line", model = "seasonal-naive", horizonDays = 14, origins = 2 }, Ct);
        Assert.True(forecast.IsSuccessStatusCode, await forecast.Content.ReadAsStringAsync(Ct));
        var forecastId = (await forecast.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var plan = await center.Admin.PostAsJsonAsync("api/staffing/plans", new { start = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), weeks = 1, forecastIds = new[] { forecastId } }, Ct);
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync(Ct));
        var planId = (await plan.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var made = await center.Admin.PostAsJsonAsync("api/schedules/center", new { staffingPlanId = planId, ruleSetId = "me2-rules", teamIds = new[] { "me2-team" }, timeLimitSeconds = 10 }, Ct);
        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync(Ct));
        var schedule = await made.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var scheduleId = schedule.GetProperty("id").GetInt64();
        Assert.True((await center.Admin.PostAsync($"api/schedules/{scheduleId}/publish", null, Ct)).IsSuccessStatusCode);

        // The agent with the most working days after today, and a colleague.
        var workDays = schedule.GetProperty("result").GetProperty("shifts").EnumerateArray()
            .Select(s => (Agent: s.GetProperty("agentId").GetString()!, Date: s.GetProperty("date").GetString()!))
            .Where(s => string.CompareOrdinal(s.Date, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) > 0)
            .GroupBy(s => s.Agent).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        Assert.True(workDays.Count() >= 2, "the schedule gives every agent fewer than two days after today");
        var agent = workDays.Key;
        var (offDay, swapDay) = (workDays.Select(d => d.Date).Order(StringComparer.Ordinal).First(), workDays.Select(d => d.Date).Order(StringComparer.Ordinal).Last());
        var colleague = agent == "me2-a01" ? "me2-a02" : "me2-a01";
        var (user, password) = await SignIn.CreateUserAsync(center.Factory.Services, "me2-agent", [WfmRoles.Agent], null, agent);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn.PageAsync(browser, center.BaseAddress, user, password, Phone);
        await page.GotoAsync(new Uri(center.BaseAddress, "me?lang=en").ToString());
        var offRow = page.Locator($"#weeks tr[data-date='{offDay}']");
        await Assertions.Expect(offRow.Locator("td").Nth(1)).ToContainTextAsync("Hotline", new() { Timeout = 30_000 });
        await Assertions.Expect(offRow.Locator("td").Nth(2)).ToContainTextAsync("Lunch");
        await Assertions.Expect(page.Locator("#weeks tr")).ToHaveCountAsync(14);
        await Assertions.Expect(page.Locator("#calendars a.calendar-link")).ToHaveAttributeAsync("href", $"/api/schedules/{scheduleId}/agents/{agent}.ics");

        // Time off on one working day, a swap with a colleague on another.
        await page.Locator("#request-kind").SelectOptionAsync("time-off");
        await page.Locator("#request-date").SelectOptionAsync(offDay);
        await page.Locator("#request-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#request-result")).ToHaveClassAsync("ok", new() { Timeout = 30_000 });
        await page.Locator("#request-kind").SelectOptionAsync("swap");
        await page.Locator("#request-date").SelectOptionAsync(swapDay);
        await page.Locator("#request-other").SelectOptionAsync(colleague);
        await page.Locator("#request-note").FillAsync("my daughter's school play");
        await page.Locator("#request-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#my-requests li")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#my-requests li .status").First).ToHaveTextAsync("Waiting for the planner");

        // The planner sees both, and grants the time off: the agent's plan for that day is emptied at once.
        var requests = await center.Admin.GetFromJsonAsync<JsonElement>($"api/schedules/{scheduleId}/requests", Ct);
        var mine = requests.EnumerateArray().Where(r => r.GetProperty("agentId").GetString() == agent).ToList();
        Assert.Equal(["swap", "time-off"], mine.Select(r => r.GetProperty("kind").GetString()!).Order(StringComparer.Ordinal).ToArray());
        var swap = mine.Single(r => r.GetProperty("kind").GetString() == "swap");
        Assert.Equal((colleague, "my daughter's school play"), (swap.GetProperty("otherAgentId").GetString(), swap.GetProperty("note").GetString()));
        var timeOff = mine.Single(r => r.GetProperty("kind").GetString() == "time-off").GetProperty("id").GetInt64();
        var approved = await center.Admin.PostAsync($"api/schedules/{scheduleId}/requests/{timeOff}/approve", null, Ct);
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync(Ct));
        var planned = await center.Admin.GetFromJsonAsync<JsonElement>($"api/shifts/{agent}/{offDay}", Ct);
        Assert.Equal(0, planned.GetArrayLength());

        await page.ReloadAsync();
        await Assertions.Expect(offRow.Locator("td").Nth(1)).ToHaveTextAsync("Day off", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"#my-requests li[data-request='{timeOff}'] .status")).ToHaveTextAsync("Approved");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-me-phone-en-test.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 391"), "the page scrolls sideways on a phone");

        await page.GotoAsync(new Uri(center.BaseAddress, "me?lang=fa").ToString());
        await Assertions.Expect(offRow.Locator("td").Nth(1)).ToHaveTextAsync("روز تعطیل", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-me-phone-fa-test.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 391"), "the Persian page scrolls sideways on a phone");

        // A day that has passed, or one no published schedule covers, is refused saying why.
        using var agentClient = await SignIn.ClientAsync(center.BaseAddress, user, password);
        var past = await agentClient.PostAsJsonAsync("api/me/requests", new { kind = "time-off", date = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, Ct);
        Assert.Contains("has passed", await past.Content.ReadAsStringAsync(Ct));
        var uncovered = await agentClient.PostAsJsonAsync("api/me/requests", new { kind = "time-off", date = today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, Ct);
        Assert.Contains("no published schedule", await uncovered.Content.ReadAsStringAsync(Ct));

        // The admin opens the agent's page too (no 403), choosing the agent.
        var adminPage = await center.PageAsync(browser);
        await adminPage.GotoAsync(new Uri(center.BaseAddress, $"me?agent={agent}&lang=en").ToString());
        await Assertions.Expect(adminPage.Locator($"#weeks tr[data-date='{offDay}'] td").Nth(1)).ToHaveTextAsync("Day off", new() { Timeout = 30_000 });
        await Assertions.Expect(adminPage.Locator("#agent-pick")).ToHaveValueAsync(agent);
    }
}
