using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Wfm.Server.Tests;

/// <summary>A trainer changes a scorecard on the coaching page: a new version with an added question; the old one stays as it was.</summary>
[Collection(ServerCollection.Name)]
public sealed class ScorecardEditorBrowserTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATrainer_SavesAChangedScorecard_AsANewOne_AndReviewsWithIt()
    {
        // A card of this test's own, with two sections.
        var baseName = "Base QA " + Guid.NewGuid().ToString("N")[..6];
        var made = await server.Client.PostAsJsonAsync("api/coaching/scorecards", new
        {
            name = baseName,
            sections = new object[]
            {
                new { name = "Opening", questions = new[] { new { id = "greet", text = "Greets the customer", weight = 1.0, kind = "weighted" } } },
                new { name = "Solving", questions = new[] { new { id = "verify", text = "Verifies identity", weight = 1.0, kind = "auto-fail" } } },
            },
        }, Ct);
        Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync(Ct));
        var cards = await server.Client.GetFromJsonAsync<List<JsonElement>>("api/coaching/scorecards", Ct);
        var original = cards!.Single(c => c.GetProperty("name").GetString() == baseName);
        var originalQuestions = original.GetProperty("sections").EnumerateArray().Sum(s => s.GetProperty("questions").GetArrayLength());
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser);
        await page.GotoAsync(new Uri(server.BaseAddress, "coaching?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await page.Locator("#scorecard").SelectOptionAsync(original.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));

        await page.Locator("#card-editor summary").ClickAsync();
        await page.Locator("#card-copy").ClickAsync();
        await Assertions.Expect(page.Locator("#card-rows tr")).ToHaveCountAsync(originalQuestions);
        var name = "QA " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#card-name").FillAsync(name);
        await page.Locator("#card-add").ClickAsync();
        var row = page.Locator("#card-rows tr").Last;
        await row.Locator(".card-section").FillAsync("Closing");
        await row.Locator(".card-text").FillAsync("Offers a callback instead of a long hold");
        await row.Locator(".card-weight").FillAsync("2");
        await page.Locator("#card-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#card-result")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#scorecard option:checked")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("#questions")).ToContainTextAsync("Offers a callback instead of a long hold");
        Assert.False(await page.Locator("#error").IsVisibleAsync());

        // A nameless card is refused with the field named; the original card is unchanged.
        await page.Locator("#card-name").FillAsync(" ");
        await page.Locator("#card-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("name");
        var after = await server.Client.GetFromJsonAsync<List<JsonElement>>("api/coaching/scorecards", Ct);
        var same = after!.Single(c => c.GetProperty("id").GetInt64() == original.GetProperty("id").GetInt64());
        Assert.Equal(originalQuestions, same.GetProperty("sections").EnumerateArray().Sum(s => s.GetProperty("questions").GetArrayLength()));
        var added = after!.Single(c => c.GetProperty("name").GetString() == name);
        var ids = added.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("questions").EnumerateArray()).Select(q => q.GetProperty("id").GetString()).ToList();
        Assert.Equal(originalQuestions + 1, ids.Count);
        Assert.Contains("greet", ids); // copied questions keep their ids
        Assert.Contains("verify", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-scorecard-test.png"), FullPage = true });
    }
}
