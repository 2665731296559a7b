using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Wfm.Server.Tests;

/// <summary>Opens the board in headless Chromium (Debian's package) as a supervisor would.</summary>
[Collection(ServerCollection.Name)]
public sealed class BoardBrowserTests(ServerFixture server)
{
    private static Task<(IPlaywright, IBrowser)> LaunchAsync() => Browser.LaunchAsync();

    [Fact]
    public async Task Board_ShowsQueueTiles_AndANumberChangesAfterEventsArePosted()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=en").ToString());

        var offered = page.Locator("article.tile[data-queue='email-support'] dd[data-kpi='queue.offered']");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Assertions.Expect(page.Locator("article.tile")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("article.tile[data-queue='email-support'] h3")).ToHaveTextAsync("Support (email)");
        // Targets read as people say them, not "90/14,400".
        await Assertions.Expect(page.Locator("article.tile[data-queue='email-support'] .channel")).ToContainTextAsync("Target 90% in 4 hr");
        await Assertions.Expect(page.Locator("article.tile[data-queue='chat-support'] .channel")).ToContainTextAsync("Target 80% in 1 min");
        var before = int.Parse(await offered.InnerTextAsync(), CultureInfo.InvariantCulture);

        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var response = await Events.PostAsync(server.Client,
            Events.Arrived("email-support", "browser-c1", at),
            Events.Arrived("email-support", "browser-c2", at.AddSeconds(1)));
        Assert.True(response.IsSuccessStatusCode);

        await Assertions.Expect(offered).ToHaveTextAsync((before + 2).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("article.tile[data-queue='email-support'] strong.waiting")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#agents tbody tr")).ToHaveCountAsync(64);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-board-test.png"), FullPage = true });
    }

    [Fact]
    public async Task Board_ShowsAnAbuseIncidentWithinASecond_AndTheSupervisorAcknowledgesIt()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=en").ToString());
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");

        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var response = await Events.PostAsync(server.Client,
            Events.Arrived("chat-support", "browser-abuse-1", at),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at = at.AddSeconds(2), queueId = "chat-support", contactId = "browser-abuse-1", customerId = "cust-b1", text = "خفه شو احمق، پیدات می‌کنم" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var card = page.Locator("article.incident", new() { HasText = "پیدات می‌کنم" });
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 1000 });
        await Assertions.Expect(card.Locator(".category")).ToHaveTextAsync("Threat");
        await Assertions.Expect(card.Locator(".evidence mark")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-board-incident-test.png") });

        // The demo's live traffic keeps raising incidents of its own, and a new one redraws the cards: a press whose card was
        // replaced before its release is lost, as a supervisor would see. Press again while the button is still there.
        var acknowledge = card.Locator("button", new() { HasText = "Acknowledge" });
        for (var attempt = 1; ; attempt++)
        {
            await acknowledge.ClickAsync();
            try
            {
                await Assertions.Expect(card).ToHaveClassAsync(new Regex("st-Acknowledged"), new() { Timeout = 15_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 4)
            {
                if (await acknowledge.CountAsync() == 0)
                {
                    throw;
                }
            }
        }

        await card.Locator("button", new() { HasText = "Close" }).ClickAsync();
        await Assertions.Expect(card.Locator(".error")).ToContainTextAsync("outcome");
        await card.Locator("input.outcome").FillAsync("customer blocked");
        await card.Locator("button", new() { HasText = "Close" }).ClickAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#incident-stats")).ToContainTextAsync("median time to acknowledge");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-board-incident-closed-test.png") });
    }

    [Fact]
    public async Task Coaching_ReviewsAConversation_LogsASession_AndConfirmsAWowMoment()
    {
        var ct = TestContext.Current.CancellationToken;
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var directory = server.Factory.Services.GetRequiredService<Wfm.Core.Directory.IContactCenterDirectory>();
        await TestConversations.PostAsync(server.Client, "page-conv-1", "agent-010", directory.FindAgent("agent-010")!.Skills[0].QueueId, "Sara Yilmaz",
            "Can you change my address?", "Done — and congratulations on the new home!");
        var wow = await server.Client.PostAsJsonAsync("api/coaching/wow/candidates", new
        {
            conversationId = "page-conv-1",
            messages = new object[] { new { sender = "agent", agentId = "agent-010", text = "Done — and congratulations on the new home!" } },
        }, ct);
        Assert.True(wow.IsSuccessStatusCode, await wow.Content.ReadAsStringAsync(ct));

        var page = await server.PageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "coaching?lang=en&agent=agent-010").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('kpi-trend').naturalWidth > 0");

        if (await page.Locator("#default-card").IsVisibleAsync())
        {
            await page.Locator("#default-card").ClickAsync();
        }

        await Assertions.Expect(page.Locator("#questions select")).Not.ToHaveCountAsync(0);
        // The standard card (other tests may have added versions of it).
        var standard = page.Locator("#scorecard option", new() { HasTextRegex = new Regex("^Chat QA$") }).First;
        await page.Locator("#scorecard").SelectOptionAsync(await standard.GetAttributeAsync("value") ?? "");
        await page.Locator("#conversation").FillAsync("page-conv-1");
        await Assertions.Expect(page.Locator("#reviewer")).ToHaveValueAsync(server.Staff.UserName); // the reviewer is who is signed in
        await page.Locator("#questions select[data-question='verify']").SelectOptionAsync("not-met");
        await page.Locator("#review-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#review-result")).ToContainTextAsync("failed on a must-have item");
        await Assertions.Expect(page.Locator("#reviews tbody tr")).ToContainTextAsync("page-conv-1");
        await Assertions.Expect(page.Locator("#queue tbody tr[data-kind='Coach']").First).ToContainTextAsync("Verifies identity");
        await Assertions.Expect(page.Locator("#team-table tbody tr[data-agent='agent-010']")).ToContainTextAsync("Verifies identity");

        await Assertions.Expect(page.Locator("#trainer")).ToHaveValueAsync(server.Staff.UserName);
        await page.Locator("#focus").FillAsync("identity checks");
        await page.Locator("#item").FillAsync("Read the verification guide");
        await page.Locator("#session-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#sessions tbody tr").First).ToContainTextAsync("identity checks");
        await Assertions.Expect(page.Locator("#sessions tbody tr").First).ToContainTextAsync("contacts handled 0 → 1"); // the reviewed conversation, handled today

        var candidate = page.Locator("#wow tbody tr[data-status='candidate']", new() { HasText = "congratulations" });
        await candidate.Locator("input").FillAsync("onboarding");
        await candidate.Locator("a", new() { HasText = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#wow tbody tr[data-status='confirmed']", new() { HasText = "congratulations" })).ToContainTextAsync("onboarding");
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-coaching-test.png"), FullPage = true });
    }

    [Fact]
    public async Task Board_InPersian_IsRightToLeftWithSolarHijriDate()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser);
        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=fa").ToString());

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("تابلوی سرپرست");
        // Solar Hijri years are in the 1400s (Persian digits ۱۴۰۵), never the Gregorian 2026.
        await Assertions.Expect(page.Locator("#today")).ToContainTextAsync("۱۴۰");
        await Assertions.Expect(page.Locator("#today")).Not.ToContainTextAsync("2026");
    }

    [Fact]
    public async Task Planner_ShowsRequirementChart_ModelComparison_AndScenarios()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "planner").ToString());

        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        // The first queue is the chat queue: the chat model with its concurrency curve, compared with Erlang C and A.
        await Assertions.Expect(page.Locator("#model")).ToHaveValueAsync("chat");
        await Assertions.Expect(page.Locator("#concurrency")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#compare tbody tr")).ToHaveCountAsync(4);

        await page.Locator("#queue").SelectOptionAsync("voice-support");
        await Assertions.Expect(page.Locator("#model")).ToHaveValueAsync("erlang-a");
        await Assertions.Expect(page.Locator("#concurrency")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#compare tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#compare tbody tr").First).ToContainTextAsync("Erlang C");
        await Assertions.Expect(page.Locator("#scenarios tbody tr")).ToHaveCountAsync(4);
        Assert.True(await page.EvalOnSelectorAsync<int>("#chart", "img => img.naturalWidth") > 0, "the chart image must load");
        // Erlang C never staffs below Erlang A: compare the agent-hours column.
        var hours = await page.Locator("#compare tbody tr td:nth-child(2)").AllTextContentsAsync();
        Assert.True(double.Parse(hours[0], NumberStyles.Number, CultureInfo.InvariantCulture) >= double.Parse(hours[1], NumberStyles.Number, CultureInfo.InvariantCulture), string.Join(" | ", hours));
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-planner-test.png"), FullPage = true });
    }

    [Fact]
    public async Task Forecast_ImportsAFile_ForecastsIt_ShowsAccuracy_AndOpensItInThePlanner()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var file = Path.Combine(Path.GetTempPath(), $"wfm-browser-history-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, ForecastingApiTests.History("browser", new DateOnly(2026, 5, 4), 63), TestContext.Current.CancellationToken);
        await page.GotoAsync(new Uri(server.BaseAddress, "forecast?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

        await page.Locator("#file").SetInputFilesAsync(file);
        await page.Locator("#import-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#import-note")).ToContainTextAsync("voice-sales/browser 2026-05-04 – 2026-07-03, 900 intervals");
        await Assertions.Expect(page.Locator("#series tbody tr", new() { HasText = "voice-sales/browser" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#series-select")).ToHaveValueAsync("voice-sales/browser");

        await page.Locator("#horizon").FillAsync("7");
        await page.Locator("#run").ClickAsync();
        await Assertions.Expect(page.Locator("#result-title")).ToContainTextAsync("voice-sales/browser", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#accuracy tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("#accuracy tbody tr.chosen")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#result-summary")).ToContainTextAsync("100 intervals");
        await page.WaitForFunctionAsync("() => document.getElementById('chart').naturalWidth > 0");
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-forecast-test.png"), FullPage = true });

        await page.Locator("#staff-link").ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#source-note")).ToContainTextAsync("voice-sales/browser");
        await Assertions.Expect(page.Locator("#date")).ToHaveValueAsync("2026-07-06");
        await Assertions.Expect(page.Locator("#intervals tbody tr")).ToHaveCountAsync(20);
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        File.Delete(file);
    }

    [Fact]
    public async Task Forecast_BadFile_ShowsTheLineAndStoresNothing()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser);
        var file = Path.Combine(Path.GetTempPath(), $"wfm-browser-bad-{Guid.NewGuid():N}.csv");
        var lines = ForecastingApiTests.History("browser-bad", new DateOnly(2026, 5, 4), 21).Split('\n');
        lines[5] = lines[4];
        await File.WriteAllTextAsync(file, string.Join('\n', lines), TestContext.Current.CancellationToken);
        await page.GotoAsync(new Uri(server.BaseAddress, "forecast?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

        await page.Locator("#file").SetInputFilesAsync(file);
        await page.Locator("#import-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("line 6");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("repeats the previous row");
        await Assertions.Expect(page.Locator("#series tbody tr", new() { HasText = "browser-bad" })).ToHaveCountAsync(0);
        File.Delete(file);
    }

    [Fact]
    public async Task Planner_EmailQueue_PlansTheBacklogAgainstItsDeadline()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "planner?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

        await page.Locator("#queue").SelectOptionAsync("email-support");

        await Assertions.Expect(page.Locator("#model")).ToHaveValueAsync("backlog");
        await Assertions.Expect(page.Locator("#deadline")).ToHaveValueAsync("4");
        await Assertions.Expect(page.Locator("#source-note")).ToContainTextAsync("Within deadline", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#scenarios tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#compare-section")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#sl")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#intervals tbody tr")).ToHaveCountAsync(96);
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-planner-backlog-test.png"), FullPage = true });
    }

    [Fact]
    public async Task Schedule_MakesTheDemoWeek_ShowsShiftsPerAgent_AndPublishes()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "schedule?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

        await page.Locator("#demo").ClickAsync();
        // The demo's week is staffed from its forecasts on the server first: seconds on a busy machine.
        await Assertions.Expect(page.Locator("#inputs-note")).ToContainTextAsync("rule set: standard", new() { Timeout = 60_000 });
        await page.Locator("#time-limit").FillAsync("5");
        await page.Locator("#make").ClickAsync();

        await Assertions.Expect(page.Locator("#result-title")).ToContainTextAsync("Demo week", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#quality tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#quality tbody tr")).ToContainTextAsync("shift counts");
        Assert.True(await page.Locator("#gantt .gantt-row[data-agent]").CountAsync() > 0);
        Assert.True(await page.Locator("#gantt .bar.work").CountAsync() > 0);
        await page.WaitForFunctionAsync("() => document.getElementById('chart').naturalWidth > 0");
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-schedule-test.png"), FullPage = true });

        // The planner drags an agent's first break one hour later: the schedule is checked again and the note says so.
        var firstRow = page.Locator("#gantt .gantt-row[data-agent]:has(.bar.brk)").First;
        var agent = await firstRow.GetAttributeAsync("data-agent");
        var breakBar = firstRow.Locator(".bar.brk").First;
        var title = await breakBar.GetAttributeAsync("title") ?? string.Empty;
        var breakName = title[..title.LastIndexOf(' ')];
        var was = TimeOnly.Parse(title[(title.LastIndexOf(' ') + 1)..][..5], CultureInfo.InvariantCulture);
        await breakBar.ScrollIntoViewIfNeededAsync();
        var track = await firstRow.Locator(".track").BoundingBoxAsync();
        var box = await breakBar.BoundingBoxAsync();
        await page.Mouse.MoveAsync(box!.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) + (track!.Width / 48), box.Y + (box.Height / 2), new() { Steps = 4 });
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) + (track.Width / 24), box.Y + (box.Height / 2), new() { Steps = 4 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("#edit-note")).ToContainTextAsync($"({agent}) ", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#edit-note")).ToContainTextAsync("Unmet intervals");
        var moved = page.Locator($"#gantt .gantt-row[data-agent='{agent}'] .bar.brk[title^='{breakName} {was.AddHours(1):HH:mm}']");
        await Assertions.Expect(moved).ToHaveCountAsync(1);
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-schedule-edit-test.png") });

        // The same agent's day in the form: no shift that day.
        await Assertions.Expect(page.Locator("#edit-agent")).ToHaveValueAsync(agent!);
        await page.Locator("#edit-remove").CheckAsync();
        await page.Locator("#edit-apply").ClickAsync();
        await Assertions.Expect(page.Locator("#edit-note")).ToContainTextAsync("no shift", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"#gantt .gantt-row[data-agent='{agent}']")).ToHaveCountAsync(0);

        await page.Locator("#publish").ClickAsync();
        await Assertions.Expect(page.Locator("#publish-note")).ToContainTextAsync("Published", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#stored tbody tr").First).Not.ToContainTextAsync("–");

        // An agent asks for a day off: the impact is shown, the planner approves, the shift is gone.
        await page.Locator("#request-form button[type=submit]").ClickAsync();
        var row = page.Locator("#requests tbody tr[data-status='pending']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Unmet intervals");
        await row.Locator("a", new() { HasText = "Approve" }).ClickAsync();
        await Assertions.Expect(page.Locator("#requests tbody tr[data-status='approved']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.False(await page.Locator("#error").IsVisibleAsync());

        // In Persian the solver's words are Persian too (the schedule was last edited by hand).
        await page.GotoAsync(new Uri(server.BaseAddress, "schedule?lang=fa").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#quality tbody tr")).ToContainTextAsync("ویرایش دستی", new() { Timeout = 30_000 });
        Assert.DoesNotContain("edited", await page.Locator("#quality tbody tr").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-schedule-fa-test.png"), FullPage = true });
    }
}
