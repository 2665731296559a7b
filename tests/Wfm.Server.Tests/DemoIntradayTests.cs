using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>
/// The demo center pushed over its forecast (its traffic at 1.6 times what it planned for), managed through the day as a
/// supervisor would: the intraday page shows the deviation and suggestions, one is accepted and the board follows it, and
/// an overtime offer reaches an agent's own page and is taken.
/// </summary>
[Collection(DemoServerTests.Alone)]
public sealed class DemoIntradayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The center's clock at a Wednesday's 14:30 at least a day ago, so it can be moved on by hours and still never run
    /// ahead of real time.
    /// </summary>
    private static ShiftedClock PastWednesdayAfternoon(TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var target = local.Date.AddDays(-(((int)local.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7)).AddHours(14.5);
        return new ShiftedClock(ShiftedClock.At(zone, ShiftedClock.At(zone, target) > DateTimeOffset.UtcNow.AddDays(-1) ? target.AddDays(-7) : target));
    }

    [Fact]
    public async Task ADemoOverForecast_IsManagedThroughTheDay_OnTheIntradayPageTheBoardAndAnAgentsOwnPage()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul");
        var clock = PastWednesdayAfternoon(zone);
        await using var factory = new WfmFactory(WfmFactory.NewDatabasePath(), demoTraffic: true, time: clock, settings: new Dictionary<string, string>
        {
            ["Wfm:DemoVolume"] = "1.6",
            ["Wfm:Intraday:Alerts:Every"] = "00:00:05",
        });
        var address = factory.Start();
        string[] teams = ["team-anatolia", "team-bosphorus", "team-zagros", "team-alborz"];
        using var supervisor = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Supervisor], teams);
        for (var deadline = DateTime.UtcNow.AddMinutes(4); DateTime.UtcNow < deadline; await Task.Delay(500, Ct))
        {
            var board = await supervisor.GetFromJsonAsync<JsonElement>("api/board", Ct);
            if (board.GetProperty("queues").EnumerateArray().Sum(q => q.GetProperty("today").GetProperty("offered").GetInt32()) > 500)
            {
                break;
            }
        }

        var (name, password) = await SignIn.CreateUserAsync(factory.Services, "demo-intraday", [WfmRoles.Supervisor], teams);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn.PageAsync(browser, address, name, password, new BrowserNewPageOptions { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(address, "intraday?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60_000 });

        // Every queue runs well over its forecast (the demo's own day levels lie within −25 % and +30 %).
        var deviations = page.Locator("#queues tbody tr td:nth-child(2)");
        await Assertions.Expect(deviations).ToHaveCountAsync(4);
        foreach (var cell in await deviations.AllAsync())
        {
            await Assertions.Expect(cell).ToHaveClassAsync("error");
            await Assertions.Expect(cell).ToContainTextAsync("+");
        }

        var rows = page.Locator("#suggestions tbody tr[data-id]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "wfm-demo-intraday-en.png"), FullPage = true });

        // Accept the best suggestion that changes what the agent does (a move between queues keeps them at work): the agent's
        // day changes, and at the moment it changes the board shows the new plan.
        var suggestions = (await supervisor.GetFromJsonAsync<JsonElement>("api/intraday/suggestions", Ct)).EnumerateArray().ToList();
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        var first = shown.Select(id => suggestions.Single(s => s.GetProperty("id").GetString() == id)).First(s => s.GetProperty("kind").GetString() != "MoveQueue");
        var chosen = page.Locator($"#suggestions tbody tr[data-id='{first.GetProperty("id").GetString()}']");
        var agent = first.GetProperty("agentId").GetString()!;
        var date = clock.GetUtcNow().ToOffset(zone.GetUtcOffset(clock.GetUtcNow())).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = (await supervisor.GetFromJsonAsync<JsonElement>($"api/shifts/{agent}/{date}", Ct)).EnumerateArray().ToList();
        await chosen.Locator("button.accept").ClickAsync();
        await Assertions.Expect(page.Locator("#fix-message")).ToContainTextAsync("Applied");
        var after = (await supervisor.GetFromJsonAsync<JsonElement>($"api/shifts/{agent}/{date}", Ct)).EnumerateArray().ToList();

        var moment = first.GetProperty("from").GetDateTimeOffset().AddMinutes(1);
        static string At(List<JsonElement> plan, DateTimeOffset t) =>
            plan.FirstOrDefault(a => a.GetProperty("start").GetDateTimeOffset() <= t && t < a.GetProperty("end").GetDateTimeOffset()) is { ValueKind: JsonValueKind.Object } a
                ? a.GetProperty("kind").GetString()! : "–";
        Assert.NotEqual(At(before, moment), At(after, moment));
        clock.Advance(moment - clock.GetUtcNow());
        await page.GotoAsync(new Uri(address, "board?lang=en").ToString());
        await Assertions.Expect(page.Locator($"#agents tbody tr[data-agent='{agent}'] td").Nth(4)).ToHaveTextAsync(At(after, moment), new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "wfm-demo-intraday-board-en.png"), FullPage = true });

        // Offer overtime; an agent of its queue for whom it fits takes it on their own page.
        JsonElement overtime = default;
        for (var deadline = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < deadline && overtime.ValueKind != JsonValueKind.Object; await Task.Delay(1000, Ct))
        {
            overtime = (await supervisor.GetFromJsonAsync<JsonElement>("api/intraday/suggestions", Ct)).EnumerateArray()
                .FirstOrDefault(s => s.GetProperty("kind").GetString() == "Overtime");
        }

        Assert.Equal(JsonValueKind.Object, overtime.ValueKind);
        var offered = await supervisor.PostAsJsonAsync("api/intraday/offers", new { suggestionId = overtime.GetProperty("id").GetString(), needed = 1 }, Ct);
        Assert.True(offered.IsSuccessStatusCode, await offered.Content.ReadAsStringAsync(Ct));
        var offer = await offered.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var (agentName, agentPassword) = await SignIn.CreateUserAsync(factory.Services, "demo-agent", [WfmRoles.Agent], agentId: overtime.GetProperty("agentId").GetString());
        var agentPage = await SignIn.PageAsync(browser, address, agentName, agentPassword);
        await agentPage.GotoAsync(new Uri(address, "me?lang=tr").ToString());
        var mine = agentPage.Locator($"#offers li[data-offer='{offer.GetProperty("id").GetInt64()}']");
        await Assertions.Expect(mine).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await agentPage.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "wfm-demo-me-offer-tr.png"), FullPage = true });
        await mine.Locator("button.accept").ClickAsync();
        await Assertions.Expect(agentPage.Locator("#offer-message")).ToContainTextAsync("Gününüz değişti");
        var taken = await supervisor.GetFromJsonAsync<JsonElement>("api/intraday/offers", Ct);
        Assert.Contains(taken.EnumerateArray(), o => o.GetProperty("id").GetInt64() == offer.GetProperty("id").GetInt64() && o.GetProperty("taken").GetArrayLength() == 1);
    }
}
