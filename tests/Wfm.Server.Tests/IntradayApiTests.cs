using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>
/// GET /api/intraday on a center of one's own whose day runs 60 % over its forecast: the server's clock is today at 14:30
/// in Istanbul, so the morning is always behind it whatever time the test runs.
/// </summary>
public sealed class IntradayApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The server looks at the day for alerts every five seconds instead of every minute.</summary>
    private static readonly Dictionary<string, string> LookOften = new() { ["Wfm:Intraday:Alerts:Every"] = "00:00:05" };

    /// <summary>
    /// The center's clock at 14:30 when the test starts: today when it is already past 16:30 here, else yesterday — so the
    /// clock can be moved on by up to two hours and still never run ahead of real time.
    /// </summary>
    private static ShiftedClock TodayAfternoon(TimeZoneInfo zone)
    {
        var target = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddHours(14.5);
        return new ShiftedClock(ShiftedClock.At(zone, ShiftedClock.At(zone, target).AddHours(2) > DateTimeOffset.UtcNow ? target.AddDays(-1) : target));
    }

    /// <summary>A server whose clock reads 14:30 and whose center is <see cref="OverForecastAsync"/>'s, with an admin signed in.</summary>
    private sealed class Scene(TimeZoneInfo zone, ShiftedClock clock, WfmFactory factory, Uri address, HttpClient admin, DateOnly today) : IAsyncDisposable
    {
        public static async Task<Scene> StartAsync(IReadOnlyDictionary<string, string>? settings)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul");
            var clock = TodayAfternoon(zone);
            var factory = new WfmFactory(WfmFactory.NewDatabasePath(), seedDemo: false, time: clock, settings: settings);
            var address = factory.Start();
            var admin = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Admin]);
            return new Scene(zone, clock, factory, address, admin, await OverForecastAsync(factory, admin, clock, zone));
        }

        public void Deconstruct(out TimeZoneInfo z, out ShiftedClock c, out WfmFactory f, out Uri a, out HttpClient client, out DateOnly d) =>
            (z, c, f, a, client, d) = (zone, clock, factory, address, admin, today);

        public async ValueTask DisposeAsync()
        {
            admin.Dispose();
            await factory.DisposeAsync();
        }
    }

    /// <summary>A center whose queue iq-voice ran 60 % over its forecast all morning, three agents published 08:00–16:00.</summary>
    private static async Task<DateOnly> OverForecastAsync(WfmFactory factory, HttpClient admin, TimeProvider clock, TimeZoneInfo zone)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

        // A queue open around the clock, five agents, eight weeks of history to yesterday, a forecast from today.
        await PlanningChainApiTests.SetUpAsync(admin, "iq", agents: 5, anyHour: true);
        var history = PlanningChainApiTests.History("iq-voice", today.AddDays(-56), 56, peak: 4, open: (0, 96));
        var imported = await admin.PostAsync("api/history?name=iq.csv&series=Intraday%20line", new StringContent(history, Encoding.UTF8, "text/csv"), Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        var forecast = await admin.PostAsJsonAsync("api/forecasts", new { series = "Intraday line", model = "seasonal-naive", horizonDays = 7, origins = 2 }, Ct);
        Assert.True(forecast.StatusCode == HttpStatusCode.Created, await forecast.Content.ReadAsStringAsync(Ct));

        // Three agents published 08:00–16:00 today.
        var midnight = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(today.ToDateTime(TimeOnly.MinValue)));
        for (var i = 1; i <= 3; i++)
        {
            var put = await admin.PutAsJsonAsync($"api/shifts/iq-a{i:00}/{today:yyyy-MM-dd}", new[] { new { start = midnight.AddHours(8), end = midnight.AddHours(16), kind = "Work" } }, Ct);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        }

        // The morning: 60 % over the forecast in every interval up to 14:30 (each contact gives up after 30 s).
        var events = new List<object>();
        for (var slot = 0; slot < 58; slot++)
        {
            var expected = 4 * (0.4 + (0.6 * Math.Sin(slot / 96.0 * Math.PI)));
            var count = (int)Math.Round(expected * 1.6);
            for (var c = 0; c < count; c++)
            {
                var at = midnight.AddMinutes((slot * 15) + 1 + (c * 13.0 / Math.Max(1, count)));
                var id = $"iq-{slot}-{c}";
                events.Add(Events.Arrived("iq-voice", id, at));
                events.Add(Events.Abandoned("iq-voice", id, at.AddSeconds(30)));
            }
        }

        var posted = await Events.PostAsync(admin, [.. events]);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        return today;
    }

    [Fact]
    public async Task ADayRunningOverForecast_ShowsTheDeviation_TheRaisedRestOfDay_AndTheIntervalsTheScheduleLeavesShort()
    {
        await using var scene = await Scene.StartAsync(LookOften);
        var (zone, clock, factory, address, admin, today) = scene;

        var view = await admin.GetFromJsonAsync<JsonElement>("api/intraday", Ct);
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), view.GetProperty("date").GetString());
        var queue = view.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queueId").GetString() == "iq-voice");
        Assert.InRange(queue.GetProperty("deviation").GetDouble(), 0.5, 0.7);
        Assert.True(queue.GetProperty("multiplier").GetDouble() > 1.1, queue.ToString());
        Assert.True(queue.GetProperty("shortIntervals").GetInt32() > 0, queue.ToString());

        var intervals = queue.GetProperty("intervals").EnumerateArray().ToList();
        DateTime Start(JsonElement i) => DateTime.Parse(i.GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
        var morning = intervals.Where(i => Start(i).TimeOfDay < TimeSpan.FromHours(14.5)).ToList();
        var afternoon = intervals.Where(i => Start(i).TimeOfDay >= TimeSpan.FromHours(14.5)).ToList();
        Assert.All(morning, i => Assert.True(i.GetProperty("offered").GetInt32() > i.GetProperty("forecast").GetDouble(), i.ToString()));
        Assert.All(morning, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("reforecast").ValueKind));
        Assert.All(afternoon, i =>
        {
            Assert.True(i.GetProperty("reforecast").GetDouble() > i.GetProperty("forecast").GetDouble(), i.ToString());
            Assert.True(i.GetProperty("lower").GetDouble() < i.GetProperty("reforecast").GetDouble() && i.GetProperty("reforecast").GetDouble() < i.GetProperty("upper").GetDouble());
            Assert.True(i.GetProperty("required").GetInt32() >= i.GetProperty("requiredDayAhead").GetInt32(), i.ToString());
        });
        Assert.Equal(3, afternoon.First().GetProperty("scheduled").GetInt32());
        Assert.Equal(0, afternoon.Last().GetProperty("scheduled").GetInt32());

        // The simulation from the queue as it is: three agents until 16:00 answer some; after 16:00 nobody answers.
        var soon = afternoon.Single(i => Start(i).TimeOfDay == TimeSpan.FromHours(14.75)).GetProperty("predicted");
        var evening = afternoon.Single(i => Start(i).TimeOfDay == TimeSpan.FromHours(18)).GetProperty("predicted");
        Assert.Equal(3, soon.GetProperty("agents").GetInt32());
        Assert.Equal(0, evening.GetProperty("agents").GetInt32());
        Assert.True(soon.GetProperty("serviceLevel").GetDouble() > evening.GetProperty("serviceLevel").GetDouble(), $"{soon} against {evening}");
        Assert.Equal(0, evening.GetProperty("serviceLevel").GetDouble(), 6);
        Assert.True(soon.GetProperty("serviceLevelLow").GetDouble() <= soon.GetProperty("serviceLevel").GetDouble());

        // Alerts: 60 % over the forecast, and nobody to answer after 16:00 (expected service level 0 against 80 % − 10 points).
        // The monitor looks every few seconds; a look taken before the day's events were counted sees no contacts yet
        // (−100 %): wait for a look that has them (the state), not for the first alerts to appear.
        JsonElement[] alerts = [];
        bool Settled() => alerts.Any(a => a.GetProperty("kind").GetString() == "volume" && a.GetProperty("value").GetDouble() > 0)
            && alerts.Any(a => a.GetProperty("kind").GetString() == "serviceLevel");
        for (var deadline = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < deadline && !Settled(); await Task.Delay(500, Ct))
        {
            alerts = [.. (await admin.GetFromJsonAsync<JsonElement>("api/intraday/alerts", Ct)).EnumerateArray().Where(a => a.GetProperty("queueId").GetString() == "iq-voice")];
        }

        Assert.InRange(Assert.Single(alerts, a => a.GetProperty("kind").GetString() == "volume").GetProperty("value").GetDouble(), 0.5, 0.7);
        var failing = Assert.Single(alerts, a => a.GetProperty("kind").GetString() == "serviceLevel");
        Assert.Equal(0.7, failing.GetProperty("threshold").GetDouble(), 9);
        Assert.Equal(16, DateTime.Parse(failing.GetProperty("from").GetString()!, CultureInfo.InvariantCulture).Hour);

        // Planned against expected service: the target, what happened, and the simulation's expectation with its band.
        var service = await admin.GetStringAsync("api/intraday/iq-voice/service.svg?lang=en", Ct);
        Assert.StartsWith("<?xml", service, StringComparison.Ordinal);
        Assert.Contains("expected (simulated)", service, StringComparison.Ordinal);
        Assert.Contains("expected, middle 80 %", service, StringComparison.Ordinal);
        Assert.Contains(">target<", service, StringComparison.Ordinal);

        // Yesterday, whole: its events replayed from the journal against the plan published for it.
        var yesterday = today.AddDays(-1);
        var yesterdayMidnight = new DateTimeOffset(yesterday.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(yesterday.ToDateTime(TimeOnly.MinValue)));
        var put = await admin.PutAsJsonAsync($"api/shifts/iq-a01/{yesterday:yyyy-MM-dd}", new[] { new { start = yesterdayMidnight.AddHours(8), end = yesterdayMidnight.AddHours(16), kind = "Work" } }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        var tenOClock = yesterdayMidnight.AddHours(10);
        var late = await Events.PostAsync(admin,
            Events.Arrived("iq-voice", "y1", tenOClock.AddMinutes(1)), Events.Abandoned("iq-voice", "y1", tenOClock.AddMinutes(1.5)),
            Events.Arrived("iq-voice", "y2", tenOClock.AddMinutes(2)), Events.Abandoned("iq-voice", "y2", tenOClock.AddMinutes(3)));
        Assert.True(late.IsSuccessStatusCode, await late.Content.ReadAsStringAsync(Ct));
        var before = (await admin.GetFromJsonAsync<JsonElement>($"api/intraday?date={yesterday:yyyy-MM-dd}", Ct)).GetProperty("queues").EnumerateArray()
            .Single(q => q.GetProperty("queueId").GetString() == "iq-voice");
        Assert.Equal("notCovered", before.GetProperty("note").GetString()); // the forecast starts today
        var ten = before.GetProperty("intervals").EnumerateArray().Single(i => Start(i).TimeOfDay == TimeSpan.FromHours(10));
        Assert.Equal((2, 0, 2, 1), (ten.GetProperty("offered").GetInt32(), ten.GetProperty("answered").GetInt32(), ten.GetProperty("abandoned").GetInt32(), ten.GetProperty("scheduled").GetInt32()));
        var tomorrow = await admin.GetAsync($"api/intraday?date={today.AddDays(1):yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);
        Assert.Contains("\"date\"", await tomorrow.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A queue nobody has forecast yet is listed with the reason, not left out.
        await PlanningChainApiTests.SetUpAsync(admin, "iqx", agents: 1);
        var unforecast = (await admin.GetFromJsonAsync<JsonElement>("api/intraday", Ct)).GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queueId").GetString() == "iqx-voice");
        Assert.Equal("noForecast", unforecast.GetProperty("note").GetString());

        // A kept calibration of the queue (its agents there two thirds of their logged-in time) turns it on for the day's view:
        // more agents required for the rest of the day, and the view says so.
        var requiredBefore = queue.GetProperty("intervals").EnumerateArray().Sum(i => i.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 0);
        var outcomes = new StringWriter();
        Wfm.Planning.Csv.OutcomesCsv.Write(outcomes, new Wfm.Core.Staffing.Calibration.SimulatedCenter(
            today.AddDays(-30), Days: 21, Queue: "iq-voice", Availability: 0.65, Patience: Wfm.Core.Staffing.Simulation.PatienceDistribution.Exponential(180)).Run(Ct));
        var calibrated = await admin.PostAsync("api/staffing/calibrations?name=iq.csv", new StringContent(outcomes.ToString(), Encoding.UTF8, "text/csv"), Ct);
        Assert.True(calibrated.IsSuccessStatusCode, await calibrated.Content.ReadAsStringAsync(Ct));
        var withCalibration = (await admin.GetFromJsonAsync<JsonElement>("api/intraday", Ct)).GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queueId").GetString() == "iq-voice");
        Assert.True(withCalibration.GetProperty("calibrated").GetBoolean());
        var requiredAfter = withCalibration.GetProperty("intervals").EnumerateArray().Sum(i => i.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 0);
        Assert.True(requiredAfter > requiredBefore, $"{requiredAfter} agent-intervals required with the calibration, {requiredBefore} without");
        // Side by side, in the same view: the formula's own requirement (fewer agents: it takes them as always available).
        var formulaAfter = withCalibration.GetProperty("intervals").EnumerateArray().Sum(i => i.TryGetProperty("uncalibratedRequired", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 0);
        Assert.InRange(formulaAfter, 1, requiredAfter - 1);
        Assert.Contains(withCalibration.GetProperty("intervals").EnumerateArray(), i => i.TryGetProperty("uncalibratedPredicted", out var u) && u.ValueKind == JsonValueKind.Object);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/staffing/calibrations/iq-voice", Ct)).StatusCode);

        // A supervisor of another team does not see the queue.
        using var other = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Supervisor], ["some-other-team"]);
        var theirs = await other.GetFromJsonAsync<JsonElement>("api/intraday", Ct);
        Assert.Empty(theirs.GetProperty("queues").EnumerateArray());
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("api/intraday/alerts", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task SuggestionsFixTheDay_AcceptedInOneStep_OrOfferedToAgents_FirstComeFirstServed()
    {
        await using var scene = await Scene.StartAsync(null);
        var (zone, clock, factory, address, admin, today) = scene;
        var date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        async Task<DateTimeOffset> EndOf(string agent) =>
            (await admin.GetFromJsonAsync<JsonElement>($"api/shifts/{agent}/{date}", Ct)).EnumerateArray().Max(a => a.GetProperty("end").GetDateTimeOffset());

        // Nobody works after 16:00 while the queue runs 60 % over: overtime at the end of the shifts, within the contract's 40 h.
        using var supervisor = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Supervisor], ["iq-team"]);
        var suggestions = (await supervisor.GetFromJsonAsync<JsonElement>("api/intraday/suggestions", Ct)).EnumerateArray().ToList();
        var overtime = suggestions.Where(s => s.GetProperty("kind").GetString() == "Overtime").ToList();
        Assert.True(overtime.Count >= 2, string.Join("\n", suggestions));
        Assert.All(overtime, s => Assert.Equal(16, TimeZoneInfo.ConvertTime(s.GetProperty("from").GetDateTimeOffset(), zone).Hour));
        Assert.All(suggestions, s => Assert.True(s.GetProperty("gain").GetInt32() > 0 || s.GetProperty("kind").GetString() == "TimeOff"));

        // Accepted in one step: the agent's day ends later at once.
        var first = overtime[0];
        var accepted = await supervisor.PostAsync($"api/intraday/suggestions/{first.GetProperty("id").GetString()}/accept", null, Ct);
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.GetProperty("to").GetDateTimeOffset(), await EndOf(first.GetProperty("agentId").GetString()!));
        var again = await supervisor.PostAsync($"api/intraday/suggestions/{first.GetProperty("id").GetString()}/accept", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("no longer suggested", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Offered instead: for one agent, first come first served.
        var second = overtime[1];
        var offered = await supervisor.PostAsJsonAsync("api/intraday/offers", new { suggestionId = second.GetProperty("id").GetString(), needed = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Created, offered.StatusCode);
        var offer = await offered.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var others = new[] { "iq-a01", "iq-a02", "iq-a03" }.Where(a => a != first.GetProperty("agentId").GetString()).ToArray();
        using var quick = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Agent], agentId: others[0]);
        using var slow = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Agent], agentId: others[1]);
        foreach (var agent in new[] { quick, slow })
        {
            var mine = (await agent.GetFromJsonAsync<JsonElement>("api/me/offers", Ct)).EnumerateArray().ToList();
            Assert.Contains(mine, o => o.GetProperty("offer").GetProperty("id").GetInt64() == offer.GetProperty("id").GetInt64());
        }

        var taken = await quick.PostAsync($"api/me/offers/{offer.GetProperty("id").GetInt64()}/accept", null, Ct);
        Assert.True(taken.IsSuccessStatusCode, await taken.Content.ReadAsStringAsync(Ct));
        Assert.Equal(offer.GetProperty("to").GetDateTimeOffset(), await EndOf(others[0]));
        var late = await slow.PostAsync($"api/me/offers/{offer.GetProperty("id").GetInt64()}/accept", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("has been taken", await late.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(16, TimeZoneInfo.ConvertTime(await EndOf(others[1]), zone).Hour);
        Assert.Empty((await slow.GetFromJsonAsync<JsonElement>("api/me/offers", Ct)).EnumerateArray());

        var listed = Assert.Single((await supervisor.GetFromJsonAsync<JsonElement>("api/intraday/offers", Ct)).EnumerateArray());
        Assert.Equal(others[0], Assert.Single(listed.GetProperty("taken").EnumerateArray()).GetString());

        // A break or a move cannot be offered; an unknown offer is named.
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsJsonAsync("api/intraday/offers", new { suggestionId = "MoveBreak.nobody.20000101.1200.1300", needed = 1 }, Ct)).StatusCode);
        var unknown = await quick.PostAsync("api/me/offers/999999/accept", null, Ct);
        Assert.Contains("there is no offer 999999", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIntradayPage_ShowsTheQueueOverForecast_ItsChart_AndTheShortIntervals_InEnglishAndPersian()
    {
        await using var scene = await Scene.StartAsync(null);
        var (zone, clock, factory, address, admin, today) = scene;
        var (name, password) = await SignIn.CreateUserAsync(factory.Services, "intraday-sup", [WfmRoles.Supervisor], ["iq-team"]);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn.PageAsync(browser, address, name, password);
        foreach (var lang in new[] { "en", "fa" })
        {
            await page.GotoAsync(new Uri(address, $"intraday?lang={lang}").ToString());
            await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
            var row = page.Locator("#queues tr[data-queue='iq-voice']");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveClassAsync("error"); // 60 % over
            await Assertions.Expect(page.Locator("#intervals tbody tr.short").First).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("() => ['chart', 'service-chart'].every(id => { const i = document.getElementById(id); return i.complete && i.naturalWidth > 0; })", null, new() { Timeout = 30_000 });
            Assert.Equal(lang == "fa" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"wfm-intraday-{lang}.png"), FullPage = true });
        }

        // The day before, whole (the page is in Persian now): no suggestions for a day gone, its intervals as they were.
        await page.Locator("#day").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#day").DispatchEventAsync("change");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("date="));
        await Assertions.Expect(page.Locator("#fixes")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#queues tr[data-queue='iq-voice'] td").Nth(6)).ToContainTextAsync("هیچ پیش‌بینی‌ای این روز را پوشش نمی‌دهد");
    }

    [Fact]
    public async Task OnThePages_ASupervisorAcceptsASuggestion_AndAnAgentTakesAnOvertimeOffer()
    {
        await using var scene = await Scene.StartAsync(LookOften);
        var (zone, clock, factory, address, admin, today) = scene;
        async Task<int> EndHour(string agent) => TimeZoneInfo.ConvertTime(
            (await admin.GetFromJsonAsync<JsonElement>($"api/shifts/{agent}/{today:yyyy-MM-dd}", Ct)).EnumerateArray().Max(a => a.GetProperty("end").GetDateTimeOffset()), zone).Hour;

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (name, password) = await SignIn.CreateUserAsync(factory.Services, "fix-sup", [WfmRoles.Supervisor], ["iq-team"]);
        var page = await SignIn.PageAsync(browser, address, name, password, new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(address, "intraday?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#alerts li[data-queue='iq-voice']").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var rows = page.Locator("#suggestions tbody tr[data-id^='Overtime.']");
        await Assertions.Expect(rows.Nth(1)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "wfm-intraday-suggestions-en.png"), FullPage = true });

        // Accept: the agent's shift now runs into the evening.
        var acceptedId = await rows.First.GetAttributeAsync("data-id");
        var acceptedAgent = acceptedId!.Split('.')[1];
        await rows.First.Locator("button.accept").ClickAsync();
        await Assertions.Expect(page.Locator("#fix-message")).ToContainTextAsync("Applied");
        Assert.True(await EndHour(acceptedAgent) > 16);

        // Offer another agent's overtime (from 16:00, where the others' shifts end); an agent of the queue takes it on their own page.
        var next = page.Locator($"#suggestions tbody tr[data-id^='Overtime.']:not([data-id^='Overtime.{acceptedAgent}.'])").First;
        await Assertions.Expect(next).ToBeVisibleAsync();
        await next.Locator("button.offer").ClickAsync();
        await Assertions.Expect(page.Locator("#fix-message")).ToContainTextAsync("Offered to agents");
        await Assertions.Expect(page.Locator("#offers tbody tr")).ToContainTextAsync("0 / 1");

        var taker = new[] { "iq-a01", "iq-a02", "iq-a03" }.First(a => a != acceptedAgent);
        var (agentName, agentPassword) = await SignIn.CreateUserAsync(factory.Services, "fix-agent", [WfmRoles.Agent], agentId: taker);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        await using var ___ = context;
        var agentPage = await SignIn.PageAsync(browser, address, agentName, agentPassword);
        foreach (var lang in new[] { "fa", "en" })
        {
            await agentPage.GotoAsync(new Uri(address, $"me?lang={lang}").ToString());
            await Assertions.Expect(agentPage.Locator("#offers li")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await agentPage.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"wfm-me-offer-{lang}.png"), FullPage = true });
        }

        await agentPage.Locator("#offers li button.accept").ClickAsync();
        await Assertions.Expect(agentPage.Locator("#offer-message")).ToContainTextAsync("Your day has changed");
        await Assertions.Expect(agentPage.Locator("#no-offers")).ToBeVisibleAsync();
        Assert.True(await EndHour(taker) > 16);

        // The board shows the queue's alerts on its tile, linked to the intraday page.
        await page.GotoAsync(new Uri(address, "board?lang=en").ToString());
        var alert = page.Locator("#queues .tile[data-queue='iq-voice'] a.alert[data-kind='volume']");
        await Assertions.Expect(alert).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(alert).ToHaveAttributeAsync("href", "/intraday?queue=iq-voice");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "wfm-board-alerts-en.png"), FullPage = true });

        // At 16:05 the board follows the changed days: the two who took overtime are scheduled to work, the third is done.
        clock.Advance(TimeSpan.FromMinutes(95));
        await page.GotoAsync(new Uri(address, "board?lang=en").ToString());
        foreach (var agent in new[] { "iq-a01", "iq-a02", "iq-a03" })
        {
            var scheduled = page.Locator($"#agents tbody tr[data-agent='{agent}'] td").Nth(4);
            var working = agent == acceptedAgent || agent == taker;
            await Assertions.Expect(scheduled).ToHaveTextAsync(working ? "Work" : "–", new() { Timeout = 60_000 });
        }
    }
}
