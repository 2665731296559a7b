using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>A center of its own, set up once: one voice queue with 20 weeks of history and six agents, far fewer than it needs.</summary>
public sealed class CapacityCenterFixture : IAsyncLifetime
{
    public WfmFactory Factory { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public (string UserName, string Password) Planner { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Factory = new WfmFactory(WfmFactory.NewDatabasePath(), seedDemo: false);
        BaseAddress = Factory.Start();
        var admin = await SignIn.CreateUserAsync(Factory.Services, "capacity-admin", [WfmRoles.Admin]);
        Admin = await SignIn.ClientAsync(BaseAddress, admin.UserName, admin.Password);
        Planner = await SignIn.CreateUserAsync(Factory.Services, "capacity-planner", [WfmRoles.Planner]);
        await PlanningChainApiTests.SetUpAsync(Admin, "cap", agents: 6);
        var info = await Admin.GetFromJsonAsync<JsonElement>("api/center", ct);
        var today = DateOnly.Parse(info.GetProperty("today").GetString()!, CultureInfo.InvariantCulture);
        var imported = await Admin.PostAsync("api/history?name=cap.csv&series=Cap%20hotline",
            new StringContent(PlanningChainApiTests.History("cap-voice", today.AddDays(-140), 140, peak: 40), Encoding.UTF8, "text/csv"), ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(ct));
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>Capacity plans through the API and on the /capacity page, on a center of one's own.</summary>
public sealed class CapacityTests(CapacityCenterFixture center) : IClassFixture<CapacityCenterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Hiring => new[] { new { skills = new[] { "cap-voice" }, minClassSize = 3, maxClassSize = 12, classroomWeeks = 2, ramp = new[] { 0.5 }, hireCost = 1000, trainingCostPerWeek = 100 } };

    [Fact]
    public async Task Plan_HiresForTheShortfall_AndKeepsTheScenario()
    {
        var response = await center.Admin.PostAsJsonAsync("api/capacity/plans", new { name = "api base", weeks = 26, hiring = Hiring, leadTimeWeeks = 2, weeklyCostPerFte = 700 }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var result = plan.GetProperty("result");
        var totals = result.GetProperty("totals").EnumerateArray().ToList();
        var hiring = result.GetProperty("plan");

        Assert.Equal(26, totals.Count);
        var queue = result.GetProperty("queues")[0];
        Assert.Equal(("cap-voice", "erlang-a"), (queue.GetProperty("queueId").GetString(), queue.GetProperty("model").GetString()));
        // Six agents cannot carry a queue that needs many more FTE: classes are planned, and the weeks before the first
        // class can reach the floor stay short, saying so.
        Assert.All(totals, t => Assert.True(t.GetProperty("requiredFte").GetDouble() > 6, t.ToString()));
        Assert.NotEmpty(hiring.GetProperty("classes").EnumerateArray());
        Assert.Contains("too soon", hiring.GetProperty("shortWeeks")[0].GetProperty("why").GetString());
        Assert.True(totals[^1].GetProperty("availableFte").GetDouble() > totals[0].GetProperty("availableFte").GetDouble());
        Assert.NotEmpty(queue.GetProperty("accuracy").EnumerateArray());

        var id = plan.GetProperty("id").GetInt64();
        var list = await center.Admin.GetFromJsonAsync<JsonElement>("api/capacity/plans", Ct);
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("id").GetInt64() == id && p.GetProperty("name").GetString() == "api base");
        Assert.StartsWith("<?xml", await center.Admin.GetStringAsync($"api/capacity/plans/{id}/chart.svg?lang=tr", Ct));
        var csv = await center.Admin.GetStringAsync($"api/capacity/plans/{id}/plan.csv", Ct);
        Assert.StartsWith("week,required_fte,flat_fte,available_fte", csv);
        Assert.Equal(27, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Attrition_ComesFromTheCentersHireAndLeaveDates_WhenEnoughHaveLeft()
    {
        var info = await center.Admin.GetFromJsonAsync<JsonElement>("api/center", Ct);
        var today = DateOnly.Parse(info.GetProperty("today").GetString()!, CultureInfo.InvariantCulture);
        for (var i = 1; i <= 6; i++)
        {
            var added = await center.Admin.PostAsJsonAsync("api/center/agents", new
            {
                id = $"cap-left{i}", name = $"Leaver {i}", teamId = "cap-team", contractId = "cap-ft", hireDate = today.AddDays(-70),
                skills = new[] { new { queueId = "cap-voice", proficiency = 3 } },
            }, Ct);
            Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Ct));
            if (i <= 5)
            {
                Assert.True((await center.Admin.PostAsync($"api/center/agents/cap-left{i}/deactivate", null, Ct)).IsSuccessStatusCode);
            }
        }

        var byTenure = await center.Admin.PostAsJsonAsync("api/capacity/plans", new { name = "tenure", weeks = 8, hiring = Hiring }, Ct);
        var byRate = await center.Admin.PostAsJsonAsync("api/capacity/plans", new { name = "rate", weeks = 8, hiring = Hiring, attrition = new { monthlyRate = 0.02, fromTenure = false } }, Ct);

        Assert.True(byTenure.StatusCode == HttpStatusCode.Created, await byTenure.Content.ReadAsStringAsync(Ct));
        var tenure = (await byTenure.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var rate = (await byRate.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        Assert.StartsWith("from hire and leave dates: 5 leavers", tenure.GetProperty("attrition").GetString());
        Assert.True(tenure.GetProperty("rates").GetProperty("fromTenure").GetBoolean());
        // Five of six left within their first ten weeks: a first-quarter rate far above the typed 2 %.
        Assert.True(tenure.GetProperty("rates").GetProperty("firstQuarterMonthly").GetDouble() > 0.2);
        Assert.Equal("2.0 % a month", rate.GetProperty("attrition").GetString());
        Assert.Equal(0.02, rate.GetProperty("rates").GetProperty("laterMonthly").GetDouble(), 6);
        Assert.False(rate.GetProperty("rates").GetProperty("fromTenure").GetBoolean());
    }

    [Fact]
    public async Task BadRequests_NameTheFieldAndStoreNothing()
    {
        var before = (await center.Admin.GetFromJsonAsync<JsonElement>("api/capacity/plans", Ct)).GetArrayLength();
        var tooShort = await center.Admin.PostAsJsonAsync("api/capacity/plans", new { weeks = 2 }, Ct);
        var unknownSkill = await center.Admin.PostAsJsonAsync("api/capacity/plans", new { hiring = new[] { new { skills = new[] { "no-such-queue" } } } }, Ct);
        var badChange = await center.Admin.PostAsJsonAsync("api/capacity/plans", new { changes = new[] { new { what = "price", percent = 10, from = "2027-01-04" } } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("weeks", await tooShort.Content.ReadAsStringAsync(Ct));
        Assert.Contains("hiring[0].skills", await unknownSkill.Content.ReadAsStringAsync(Ct));
        Assert.Contains("changes[0].what", await badChange.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, (await center.Admin.GetFromJsonAsync<JsonElement>("api/capacity/plans", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task Planner_MakesTwoScenariosOnThePage_AndSeesThemSideBySide()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn.PageAsync(browser, center.BaseAddress, center.Planner.UserName, center.Planner.Password);
        await page.GotoAsync(new Uri(center.BaseAddress, "capacity?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60_000 });
        // Settings from a file (the CLI's --hiring JSON) fill the form.
        var settings = Path.Combine(Path.GetTempPath(), $"wfm-capacity-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(settings, """{ "trainers": 2, "leadTimeWeeks": 3, "changes": [ { "what": "volume", "percent": 5, "from": "2030-01-07" } ] }""", Ct);
        await page.Locator("#settings-file").SetInputFilesAsync(settings);
        await Assertions.Expect(page.Locator("#trainers")).ToHaveValueAsync("2");
        await Assertions.Expect(page.Locator("#changes tbody tr")).ToHaveCountAsync(1);
        File.Delete(settings);

        // The page offers a hiring profile for each queue; classes of 3 to 12.
        var profile = page.Locator("#hiring tbody tr").First;
        await profile.Locator("input").Nth(0).FillAsync("3");
        await profile.Locator("input").Nth(1).FillAsync("12");

        await page.Locator("#name").FillAsync("page base");
        await page.Locator("#weeks").FillAsync("26");
        await page.Locator("#make").ClickAsync();
        await Assertions.Expect(page.Locator("#result-title")).ToContainTextAsync("page base", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#classes tbody tr").First).ToContainTextAsync("cap-voice");
        Assert.InRange(await page.Locator("#months-table tbody tr").CountAsync(), 6, 7); // 26 weeks touch six or seven months

        await page.Locator("#name").FillAsync("page busier");
        await page.Locator("#volume").FillAsync("20");
        await page.Locator("#make").ClickAsync();
        await Assertions.Expect(page.Locator("#result-title")).ToContainTextAsync("page busier", new() { Timeout = 90_000 });

        // Choose both scenarios and compare: one row each, the busier one needing more FTE at its peak.
        foreach (var name in new[] { "page base", "page busier" })
        {
            await page.Locator("#plans tbody tr", new() { HasText = name }).Locator("input[type=checkbox]").CheckAsync();
        }

        await page.Locator("#compare").ClickAsync();
        var rows = page.Locator("#comparison-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        static double Peak(string text) => double.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var peaks = new Dictionary<string, double>();
        for (var i = 0; i < 2; i++)
        {
            peaks[(await rows.Nth(i).Locator("td").Nth(0).TextContentAsync())!] = Peak((await rows.Nth(i).Locator("td").Nth(2).TextContentAsync())!);
        }

        Assert.True(peaks["page busier"] > peaks["page base"], string.Join(", ", peaks));
        await Assertions.Expect(page.Locator("#comparison-chart")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-capacity-en.png"), FullPage = true });

        // The same plan in Persian: right to left, Solar Hijri dates.
        var id = (await center.Admin.GetFromJsonAsync<JsonElement>("api/capacity/plans", Ct)).EnumerateArray().First(p => p.GetProperty("name").GetString() == "page base").GetProperty("id").GetInt64();
        await page.GotoAsync(new Uri(center.BaseAddress, $"capacity?lang=fa&plan={id}").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("#result-title")).ToContainTextAsync("page base");
        await Assertions.Expect(page.Locator("#result-title")).ToContainTextAsync("۱۴۰");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-capacity-fa.png"), FullPage = true });
    }
}
