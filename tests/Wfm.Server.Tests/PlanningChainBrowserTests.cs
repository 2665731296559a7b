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

            // Whoever is on shift now by the published schedule shows the scheduled activity on the board: "Work", or
            // "Lunch" during their lunch. Moments within 3 minutes of a shift's or a break's edge are ambiguous; wait for
            // the state "somebody is on shift clear of an edge" rather than guessing the time. A solve under a short time
            // limit on a busy machine may leave a quiet night hour uncovered: then an agent the schedule has off now, clear
            // of any edge, must show no scheduled activity ("–") while one of their shifts of the week is on the board's schedule.
            var stored = await center.Admin.GetFromJsonAsync<JsonElement>("api/schedules", Ct);
            var id = stored.EnumerateArray().First().GetProperty("id").GetInt64();
            var schedule = await center.Admin.GetFromJsonAsync<JsonElement>($"api/schedules/{id}", Ct);
            var shifts = schedule.GetProperty("result").GetProperty("shifts").EnumerateArray().ToList();
            var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;
            static DateTime At(JsonElement time) => DateTime.Parse(time.GetString()!, CultureInfo.InvariantCulture);
            bool Inside(JsonElement item) => At(item.GetProperty("start")) <= now.AddMinutes(-3) && now.AddMinutes(3) < At(item.GetProperty("end"));
            bool NearEdge(JsonElement item) => !Inside(item) && At(item.GetProperty("start")) < now.AddMinutes(3) && now.AddMinutes(-3) < At(item.GetProperty("end"));
            (string Agent, string Activity)? OnShiftNow() => shifts
                .Where(s => Inside(s) && !s.GetProperty("breaks").EnumerateArray().Any(NearEdge))
                .Select(s => ((string Agent, string Activity)?)(s.GetProperty("agentId").GetString()!, s.GetProperty("breaks").EnumerateArray().Any(Inside) ? "Lunch" : "Work"))
                .FirstOrDefault();

            var waitUntil = DateTime.UtcNow.AddMinutes(7);
            var onShift = OnShiftNow();
            while (onShift is null && DateTime.UtcNow < waitUntil)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), Ct);
                now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime;
                onShift = OnShiftNow();
            }

            var expected = onShift ?? shifts
                .GroupBy(s => s.GetProperty("agentId").GetString()!)
                .Where(g => !g.Any(s => Inside(s) || NearEdge(s)))
                .Select(g => ((string Agent, string Activity)?)(g.Key, "–"))
                .FirstOrDefault();
            Assert.True(expected.HasValue, $"every scheduled agent is at a shift's edge at {now:yyyy-MM-dd HH:mm} for 7 minutes");
            await page.GotoAsync(new Uri(center.BaseAddress, "board?lang=en").ToString());
            await Assertions.Expect(page.Locator($"#agents tr[data-agent='{expected.Value.Agent}'] td").Nth(4)).ToHaveTextAsync(expected.Value.Activity, new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-chain-board-test.png"), FullPage = true });

            // A shift of today that ended before this server existed is not counted as missed.
            var before = shifts.FirstOrDefault(s => s.GetProperty("date").GetString() == today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
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
