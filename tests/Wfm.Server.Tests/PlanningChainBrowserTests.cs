using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>
/// A planner's day in headless Chromium on a center of their own: history in, forecast, staffing plan, a week's
/// schedule for the center's agents without any scheduler file, published, and on the board as scheduled activity.
/// </summary>
[Collection(OwnCenterCollection.Name)]
public sealed class PlanningChainBrowserTests(OwnCenterFixture center)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Planner_ImportsForecastsStaffsSchedulesAndPublishes_AndTheBoardShowsTheShifts()
    {
        // The center as an admin set it up: a queue open around the clock, a team, a contract, shifts that can start at any hour.
        await PlanningChainApiTests.SetUpAsync(center.Admin, "web2", agents: 14, anyHour: true);
        var info = await center.Admin.GetFromJsonAsync<JsonElement>("api/center", Ct);
        var today = DateOnly.Parse(info.GetProperty("today").GetString()!, CultureInfo.InvariantCulture);

        // Another queue whose newest forecast ended weeks ago: a plan of the newest forecasts leaves it out and says so.
        await PlanningChainApiTests.SetUpAsync(center.Admin, "web2old", agents: 2);
        var old = await center.Admin.PostAsync("api/history?name=old.csv&series=Old%20line",
            new StringContent(PlanningChainApiTests.History("web2old-voice", today.AddDays(-70), 28, 2), Encoding.UTF8, "text/csv"), Ct);
        Assert.True(old.IsSuccessStatusCode, await old.Content.ReadAsStringAsync(Ct));
        var oldForecast = await center.Admin.PostAsJsonAsync("api/forecasts", new { series = "Old line", model = "seasonal-naive", horizonDays = 7, origins = 2 }, Ct);
        Assert.True(oldForecast.IsSuccessStatusCode, await oldForecast.Content.ReadAsStringAsync(Ct));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(info.GetProperty("timeZone").GetString()!);
        var historyFile = Path.Combine(Path.GetTempPath(), $"wfm-chain-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(historyFile, PlanningChainApiTests.History("web2-voice", today.AddDays(-28), 28, peak: 3, open: (0, 96)), Ct);
        var (name, password) = await SignIn.CreateUserAsync(center.Factory.Services, "web2-planner", [WfmRoles.Planner, WfmRoles.Supervisor], ["web2-team"]);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn.PageAsync(browser, center.BaseAddress, name, password);
        try
        {
            // History → a series of its own → a forecast.
            await page.GotoAsync(new Uri(center.BaseAddress, "forecast?lang=en").ToString());
            await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
            await page.Locator("#file").SetInputFilesAsync(historyFile);
            await page.Locator("#import-series").FillAsync("Web2 hotline");
            await page.Locator("#import-form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#import-note")).ToContainTextAsync("Web2 hotline", new() { Timeout = 30_000 });
            await page.Locator("#series-select").SelectOptionAsync("Web2 hotline");
            await page.Locator("#model").SelectOptionAsync("seasonal-naive");
            await page.Locator("#origins").FillAsync("2");
            await page.Locator("#run").ClickAsync();
            await Assertions.Expect(page.Locator("#result-title")).ToContainTextAsync("Web2 hotline", new() { Timeout = 60_000 });

            // The forecast → a staffing plan for this week, starting today.
            await page.Locator("#plan-start").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.Locator("#plan-make").ClickAsync();
            await Assertions.Expect(page.Locator("#plan-queues tr[data-queue='web2-voice']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("#plan-left-out")).ToContainTextAsync("web2old-voice");
            await Assertions.Expect(page.Locator("#plan-queues tr[data-queue='web2old-voice']")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-chain-forecast-test.png"), FullPage = true });

            // The plan → a schedule for the team's agents under the center's rule set: no file.
            await page.Locator("#plan-schedule").ClickAsync();
            await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
            await page.Locator("#rule-set").SelectOptionAsync("web2-rules");
            await page.Locator("#teams").SelectOptionAsync("web2-team");
            await page.Locator("#time-limit").FillAsync("10");
            await page.Locator("#make").ClickAsync();
            await Assertions.Expect(page.Locator("#quality tbody tr")).ToHaveCountAsync(1, new() { Timeout = 90_000 });
            Assert.False(await page.Locator("#error").IsVisibleAsync(), await page.Locator("#error").TextContentAsync());
            await page.Locator("#publish").ClickAsync();
            await Assertions.Expect(page.Locator("#publish-note")).ToContainTextAsync("Published", new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-chain-schedule-test.png"), FullPage = true });

            // Who works now by the published schedule (not on a break) shows "Work" as scheduled activity on the board.
            var stored = await center.Admin.GetFromJsonAsync<JsonElement>("api/schedules", Ct);
            var id = stored.EnumerateArray().First().GetProperty("id").GetInt64();
            var schedule = await center.Admin.GetFromJsonAsync<JsonElement>($"api/schedules/{id}", Ct);
            var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;
            bool Covers(JsonElement from, JsonElement to, double margin) =>
                DateTime.Parse(from.GetString()!, CultureInfo.InvariantCulture) <= now.AddMinutes(-margin) && now.AddMinutes(margin) < DateTime.Parse(to.GetString()!, CultureInfo.InvariantCulture);
            JsonElement? WorkingNow() => schedule.GetProperty("result").GetProperty("shifts").EnumerateArray()
                .Where(s => Covers(s.GetProperty("start"), s.GetProperty("end"), 3) && !s.GetProperty("breaks").EnumerateArray().Any(b => Covers(b.GetProperty("start"), b.GetProperty("end"), -3)))
                .Select(s => (JsonElement?)s).FirstOrDefault();

            // At a moment when one agent's shift hands over to another's (or the only one is on a break), nobody works
            // clear of a boundary: wait for the state "somebody works by the schedule" rather than guessing the time.
            var waitUntil = DateTime.UtcNow.AddMinutes(15);
            var working = WorkingNow();
            while (working is null && DateTime.UtcNow < waitUntil)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), Ct);
                now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;
                working = WorkingNow();
            }

            Assert.True(working.HasValue, $"nobody works by the published schedule at {now:HH:mm} for 15 minutes");
            var agent = working.Value.GetProperty("agentId").GetString();
            await page.GotoAsync(new Uri(center.BaseAddress, "board?lang=en").ToString());
            await Assertions.Expect(page.Locator($"#agents tr[data-agent='{agent}'] td").Nth(4)).ToHaveTextAsync("Work", new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-chain-board-test.png"), FullPage = true });

            // A shift of today that ended before this server existed is not counted as missed.
            var before = schedule.GetProperty("result").GetProperty("shifts").EnumerateArray()
                .FirstOrDefault(s => s.GetProperty("date").GetString() == today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    && DateTime.Parse(s.GetProperty("end").GetString()!, CultureInfo.InvariantCulture) < now.AddMinutes(-30));
            if (before.ValueKind == JsonValueKind.Object && center.StartedAt < DateTimeOffset.UtcNow.AddMinutes(-30) is false)
            {
                var snapshot = await center.Admin.GetFromJsonAsync<JsonElement>($"api/agents/{before.GetProperty("agentId").GetString()}", Ct);
                Assert.Equal(0, snapshot.GetProperty("adherence").GetProperty("minutesOut").GetDouble(), 6);
            }
        }
        finally
        {
            File.Delete(historyFile);
        }
    }
}
