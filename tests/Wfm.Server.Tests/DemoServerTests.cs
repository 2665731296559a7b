using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Wellbeing;
using Wfm.Planning.Scheduling;
using Wfm.Server.Security;
using Wfm.Server.Wellbeing;

namespace Wfm.Server.Tests;

/// <summary>
/// A fresh demo server as the README's first command starts it, on a weekday afternoon: built through the planning flow
/// (history, forecasts, staffing, a schedule of its own agents, published) and opening on a day already under way.
/// </summary>
[Collection(Alone)]
public sealed class DemoServerTests
{
    /// <summary>The demo plans two weeks in a 20 s solve: it runs alone rather than beside a dozen other servers on two cores.</summary>
    public const string Alone = "demo-alone";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The center's clock at the last Wednesday's 14:30 when the test starts (on a Wednesday morning, the Wednesday before).</summary>
    private static ShiftedClock WednesdayAfternoon(string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var target = local.Date.AddDays(-(((int)local.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7)).AddHours(14.5);
        return new ShiftedClock(ShiftedClock.At(zone, ShiftedClock.At(zone, target) > DateTimeOffset.UtcNow ? target.AddDays(-7) : target));
    }

    [Fact]
    public async Task FreshDemo_IsPlannedThroughTheFlow_AndItsBoardLooksLikeARealCenter()
    {
        var time = WednesdayAfternoon("Europe/Istanbul");
        await using var factory = new WfmFactory(WfmFactory.NewDatabasePath(), demoTraffic: true, time: time);
        var address = factory.Start();
        using var supervisor = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Supervisor], ["team-anatolia", "team-bosphorus", "team-zagros", "team-alborz"]);

        // The day so far is simulated at once: wait for it on the board (the plan, a solve of up to 20 s, comes first).
        JsonElement board = default;
        for (var deadline = DateTime.UtcNow.AddMinutes(4); DateTime.UtcNow < deadline; await Task.Delay(500, Ct))
        {
            board = await supervisor.GetFromJsonAsync<JsonElement>("api/board", Ct);
            if (board.GetProperty("queues").EnumerateArray().Sum(q => q.GetProperty("today").GetProperty("offered").GetInt32()) > 500)
            {
                break;
            }
        }

        var queues = board.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("today")).ToList();
        Assert.True(queues.Sum(q => q.GetProperty("offered").GetInt32()) > 500, board.ToString());
        Assert.Contains(queues, q => q.GetProperty("serviceLevel") is { ValueKind: JsonValueKind.Number } sl && sl.GetDouble() < 1);
        Assert.Contains(queues, q => q.GetProperty("abandoned").GetInt32() > 0);
        Assert.All(queues.Where(q => q.GetProperty("averageSpeedOfAnswer").ValueKind == JsonValueKind.Number),
            q => Assert.InRange(q.GetProperty("averageSpeedOfAnswer").GetDouble(), 0, 3600));
        var adherence = board.GetProperty("agents").EnumerateArray()
            .Select(a => a.GetProperty("adherence"))
            .Where(a => a.GetProperty("scheduledNow").ValueKind != JsonValueKind.Null && a.GetProperty("adherence").ValueKind == JsonValueKind.Number)
            .Select(a => a.GetProperty("adherence").GetDouble()).Order().ToList();
        Assert.True(adherence.Count >= 10, $"{adherence.Count} agents on shift");
        Assert.True(adherence[adherence.Count / 2] >= 0.7, $"median adherence {adherence[adherence.Count / 2]:P0} of {string.Join(", ", adherence)}");

        // The demo was planned the way a planner plans: its schedule of its own agents is published, with nothing short.
        var stored = await factory.Services.GetRequiredService<IScheduleStore>().ListAsync();
        var demo = Assert.Single(stored, s => s.Name.StartsWith("Demo: weeks of", StringComparison.Ordinal));
        Assert.NotNull(demo.PublishedAt);
        var demoResult = ScheduleService.Result((await factory.Services.GetRequiredService<IScheduleStore>().GetAsync(demo.Id))!);
        Assert.True(demo.Unmet == 0, string.Join("; ", demoResult.Unmet.Select(u => $"{u.Skill} {u.Start:yyyy-MM-dd HH:mm} required {u.Required} scheduled {u.Scheduled}: {u.Reason}")));
        var quality = demoResult.Quality;
        Assert.True(quality.DemandBoundPaidHours > 0 && quality.GapToDemand is >= 0, $"{quality}");

        // "/schedule → the demo's next week", as the page asks for it (its time limit, every agent): nothing short, the gap told.
        using var planner = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Planner]);
        var inputs = await planner.GetFromJsonAsync<JsonElement>("api/schedules/demo-inputs", Ct);
        var made = await planner.PostAsJsonAsync("api/schedules/center",
            new { staffingPlanId = inputs.GetProperty("staffingPlanId").GetInt64(), ruleSetId = inputs.GetProperty("ruleSetId").GetString(), weeks = 1, timeLimitSeconds = 20 }, Ct);
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync(Ct));
        var nextWeek = (await made.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        Assert.True(nextWeek.GetProperty("unmet").GetArrayLength() == 0, nextWeek.GetProperty("unmet").ToString());
        Assert.True(nextWeek.GetProperty("quality").GetProperty("demandBoundPaidHours").GetDouble() > 0);

        // A few agents' hard fortnight shows on the wellbeing panel.
        var risks = await factory.Services.GetRequiredService<WellbeingService>().AllAsync(Ct);
        Assert.Contains(risks, r => r.Score.Level == BurnoutLevel.Alert);
        Assert.True(risks.Count(r => r.Score.Level != BurnoutLevel.Low) >= 2, string.Join(", ", risks.Take(5).Select(r => $"{r.AgentId} {r.Score.Score}")));

        // The trainer's queue fills from the demo's own conversations as they end (empathy, negative language, wow moments).
        using var trainer = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Trainer], ["team-anatolia", "team-bosphorus", "team-zagros", "team-alborz"]);
        JsonElement fromConversations = default;
        for (var deadline = DateTime.UtcNow.AddMinutes(5); DateTime.UtcNow < deadline && fromConversations.ValueKind != JsonValueKind.Object; await Task.Delay(1000, Ct))
        {
            var items = await trainer.GetFromJsonAsync<JsonElement>("api/coaching/queue", Ct);
            fromConversations = items.EnumerateArray().FirstOrDefault(i => i.GetProperty("conversationId").ValueKind == JsonValueKind.String);
        }

        if (fromConversations.ValueKind != JsonValueKind.Object)
        {
            var now = time.GetUtcNow();
            var recent = await factory.Services.GetRequiredService<IEventJournal>().ReadContactEventsAsync(now.AddHours(-1), now.AddHours(1), Ct);
            var read = await factory.Services.GetRequiredService<IAnalyzedConversationStore>().ListAsync(now.AddDays(-2), null, 100, Ct);
            Assert.Fail($"the coaching queue had nothing from the demo's conversations after 5 minutes: events of the hour {string.Join(", ", recent.GroupBy(e => e.Event.Type).Select(g => $"{g.Key} {g.Count()}"))}; "
                + $"read {read.Count}: {string.Join("; ", read.Take(5))}; waiting {factory.Services.GetRequiredService<Wfm.Grains.Ingestion.ConversationEnds>().Count}");
        }
        var behind = await trainer.GetFromJsonAsync<JsonElement>($"api/coaching/conversations/{fromConversations.GetProperty("conversationId").GetString()}", Ct);
        Assert.True(behind.GetProperty("messages").GetArrayLength() >= 2);

        // Everyone has weeks behind them: an ordinary agent's contacts in each of the three weeks before this one.
        var clock = factory.Services.GetRequiredService<IContactCenterDirectory>().Clock;
        var today = clock.LocalDate(time.GetUtcNow());
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        for (var w = 1; w <= 3; w++)
        {
            string At(DateOnly day) => Uri.EscapeDataString(clock.StartOfDay(day).ToString("O", CultureInfo.InvariantCulture));
            var kpis = await trainer.GetFromJsonAsync<JsonElement>($"api/kpis?group=agent&from={At(monday.AddDays(-7 * w))}&to={At(monday.AddDays(-7 * (w - 1)))}", Ct);
            var handled = kpis.EnumerateArray().Single(k => k.GetProperty("key").GetString() == "agent-010").GetProperty("current").GetProperty("handled").GetInt32();
            Assert.True(handled > 50, $"agent-010 handled {handled} contacts {w} week(s) back");
        }

        // As the supervisor sees it, in English and in Persian: tiles with today's figures, agents on their shifts, the burnout panel.
        var (name, password) = await SignIn.CreateUserAsync(factory.Services, "demo-supervisor", [WfmRoles.Supervisor], ["team-anatolia", "team-bosphorus", "team-zagros", "team-alborz"]);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn.PageAsync(browser, address, name, password, new BrowserNewPageOptions { ViewportSize = new() { Width = 1400, Height = 1000 } });
        foreach (var lang in new[] { "en", "fa" })
        {
            await page.GotoAsync(new Uri(address, $"board?lang={lang}").ToString());
            await Assertions.Expect(page.Locator("#queues .tile")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("#risks > *").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.True(await page.Locator("#agents tbody tr").CountAsync() > 10);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"wfm-demo-board-{lang}-test.png"), FullPage = true });
        }

        // The agent's own page shows their last weeks as a chart on the first day.
        var (agentName, agentPassword) = await SignIn.CreateUserAsync(factory.Services, "demo-agent-010", [WfmRoles.Agent], agentId: "agent-010");
        var me = await SignIn.PageAsync(browser, address, agentName, agentPassword, new BrowserNewPageOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        await me.GotoAsync(new Uri(address, "me?lang=fa").ToString());
        await me.WaitForFunctionAsync("() => { const t = document.getElementById('trend'); return t && t.complete && t.naturalWidth > 0; }", null, new() { Timeout = 60_000 });
        await me.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-demo-me-trend-fa-test.png"), FullPage = true });
    }
}

[CollectionDefinition(DemoServerTests.Alone, DisableParallelization = true)]
public sealed class DemoAloneCollection;
