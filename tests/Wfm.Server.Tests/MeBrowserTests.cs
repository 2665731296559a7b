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
        var (scheduleId, schedule, today) = await PublishedWeekAsync("me2");

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

    /// <summary>A center "prefix" with a week's schedule from today, published; the schedule and today.</summary>
    private async Task<(long Id, JsonElement Schedule, DateOnly Today)> PublishedWeekAsync(string prefix)
    {
        await PlanningChainApiTests.SetUpAsync(center.Admin, prefix, agents: 6);
        var info = await center.Admin.GetFromJsonAsync<JsonElement>("api/center", Ct);
        var today = DateOnly.Parse(info.GetProperty("today").GetString()!, CultureInfo.InvariantCulture);
        var imported = await center.Admin.PostAsync($"api/history?name={prefix}.csv&series={prefix}%20line",
            new StringContent(PlanningChainApiTests.History($"{prefix}-voice", today.AddDays(-28), 28, 2), Encoding.UTF8, "text/csv"), Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        var forecast = await center.Admin.PostAsJsonAsync("api/forecasts", new { series = $"{prefix} line", model = "seasonal-naive", horizonDays = 14, origins = 2 }, Ct);
        Assert.True(forecast.IsSuccessStatusCode, await forecast.Content.ReadAsStringAsync(Ct));
        var forecastId = (await forecast.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var plan = await center.Admin.PostAsJsonAsync("api/staffing/plans", new { start = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), weeks = 1, forecastIds = new[] { forecastId } }, Ct);
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync(Ct));
        var made = await center.Admin.PostAsJsonAsync("api/schedules/center",
            new { staffingPlanId = (await plan.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64(), ruleSetId = $"{prefix}-rules", teamIds = new[] { $"{prefix}-team" }, timeLimitSeconds = 10 }, Ct);
        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync(Ct));
        var schedule = await made.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = schedule.GetProperty("id").GetInt64();
        Assert.True((await center.Admin.PostAsync($"api/schedules/{id}/publish", null, Ct)).IsSuccessStatusCode);
        return (id, schedule, today);
    }

    [Fact]
    public async Task AnAgent_PutsAShiftUpForTrade_AndAColleagueTakesItFromTheirPage()
    {
        var (scheduleId, schedule, today) = await PublishedWeekAsync("me3");
        var shifts = schedule.GetProperty("result").GetProperty("shifts").EnumerateArray()
            .Select(s => (Agent: s.GetProperty("agentId").GetString()!, Date: DateOnly.Parse(s.GetProperty("date").GetString()!, CultureInfo.InvariantCulture))).ToList();
        var agents = Enumerable.Range(1, 6).Select(i => $"me3-a{i:00}").ToList();

        // The colleague who will take it: the planner clears their week first (edits, then publishes again), so taking one
        // shift breaks none of their contract's rules and the trade is theirs at once.
        var taker = agents.OrderBy(a => shifts.Count(s => s.Agent == a)).ThenBy(a => a, StringComparer.Ordinal).First();
        foreach (var (_, off) in shifts.Where(s => s.Agent == taker).ToList())
        {
            var edit = await center.Admin.PostAsJsonAsync($"api/schedules/{scheduleId}/edits", new { agentId = taker, date = off.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), remove = true }, Ct);
            Assert.True(edit.IsSuccessStatusCode, await edit.Content.ReadAsStringAsync(Ct));
        }

        Assert.True((await center.Admin.PostAsync($"api/schedules/{scheduleId}/publish", null, Ct)).IsSuccessStatusCode);
        var (giver, day) = shifts.Where(s => s.Agent != taker && s.Date > today).OrderBy(s => s.Date).ThenBy(s => s.Agent, StringComparer.Ordinal).First();
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (giverUser, giverPassword) = await SignIn.CreateUserAsync(center.Factory.Services, "me3-giver", [WfmRoles.Agent], null, giver);
        var (takerUser, takerPassword) = await SignIn.CreateUserAsync(center.Factory.Services, "me3-taker", [WfmRoles.Agent], null, taker);

        // The giver offers the day's shift from their page.
        var page = await SignIn.PageAsync(browser, center.BaseAddress, giverUser, giverPassword, Phone);
        await page.GotoAsync(new Uri(center.BaseAddress, "me?lang=en").ToString());
        await Assertions.Expect(page.Locator($"#request-date option[value='{date}']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.Locator("#request-kind").SelectOptionAsync("trade");
        await page.Locator("#request-date").SelectOptionAsync(date);
        await page.Locator("#request-note").FillAsync("family wedding");
        await page.Locator("#request-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#request-result")).ToHaveClassAsync("ok", new() { Timeout = 30_000 });

        // The colleague sees it on their page and takes it: nothing is broken, so it is theirs at once.
        var other = await SignIn.PageAsync(browser, center.BaseAddress, takerUser, takerPassword, Phone);
        await other.GotoAsync(new Uri(center.BaseAddress, "me?lang=en").ToString());
        var offered = other.Locator("#trades li", new() { HasText = "family wedding" });
        await Assertions.Expect(offered).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await offered.Locator("button.take").ClickAsync();
        await Assertions.Expect(other.Locator("#trade-result")).ToContainTextAsync("It is yours", new() { Timeout = 30_000 });
        await Assertions.Expect(other.Locator($"#weeks tr[data-date='{date}'] td").Nth(1)).ToContainTextAsync("Hotline", new() { Timeout = 30_000 });
        await Assertions.Expect(other.Locator("#trades li")).ToHaveCountAsync(0);
        await other.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-me-trade-phone-en-test.png"), FullPage = true });

        // The plans follow: the shift is the taker's, the giver is off; the request says who took it.
        Assert.NotEqual(0, (await center.Admin.GetFromJsonAsync<JsonElement>($"api/shifts/{taker}/{date}", Ct)).GetArrayLength());
        Assert.Equal(0, (await center.Admin.GetFromJsonAsync<JsonElement>($"api/shifts/{giver}/{date}", Ct)).GetArrayLength());
        var requests = await center.Admin.GetFromJsonAsync<JsonElement>($"api/schedules/{scheduleId}/requests", Ct);
        var trade = requests.EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "trade" && r.GetProperty("agentId").GetString() == giver);
        Assert.Equal(("approved", taker), (trade.GetProperty("status").GetString(), trade.GetProperty("otherAgentId").GetString()));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"#weeks tr[data-date='{date}'] td").Nth(1)).ToHaveTextAsync("Day off", new() { Timeout = 30_000 });
    }
}
