using Microsoft.Playwright;

namespace Wfm.Server.Tests;

/// <summary>Opens the board in headless Chromium (Debian's package) as a supervisor would.</summary>
[Collection(ServerCollection.Name)]
public sealed class BoardBrowserTests(ServerFixture server)
{
    private const string Chromium = "/usr/bin/chromium";

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is missing: install it with `sudo apt-get install chromium` to run the browser tests");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    [Fact]
    public async Task Board_ShowsQueueTiles_AndANumberChangesAfterEventsArePosted()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=en").ToString());

        var offered = page.Locator("article.tile[data-queue='email-support'] dd[data-kpi='queue.offered']");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Assertions.Expect(page.Locator("article.tile")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("article.tile[data-queue='email-support'] h3")).ToHaveTextAsync("Support (email)");
        var before = int.Parse(await offered.InnerTextAsync());

        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var response = await Events.PostAsync(server.Client,
            Events.Arrived("email-support", "browser-c1", at),
            Events.Arrived("email-support", "browser-c2", at.AddSeconds(1)));
        Assert.True(response.IsSuccessStatusCode);

        await Assertions.Expect(offered).ToHaveTextAsync((before + 2).ToString());
        await Assertions.Expect(page.Locator("article.tile[data-queue='email-support'] strong.waiting")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#agents tbody tr")).ToHaveCountAsync(64);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-board-test.png"), FullPage = true });
    }

    [Fact]
    public async Task Board_InPersian_IsRightToLeftWithSolarHijriDate()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
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
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "planner").ToString());

        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#compare tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#scenarios tbody tr")).ToHaveCountAsync(4);
        Assert.True(await page.EvalOnSelectorAsync<int>("#chart", "img => img.naturalWidth") > 0, "the chart image must load");
        // Erlang C never staffs below Erlang A: compare the agent-hours column.
        var hours = await page.Locator("#compare tbody tr td:nth-child(2)").AllTextContentsAsync();
        Assert.True(double.Parse(hours[0], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture) >= double.Parse(hours[1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture), string.Join(" | ", hours));
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-planner-test.png"), FullPage = true });
    }
}
