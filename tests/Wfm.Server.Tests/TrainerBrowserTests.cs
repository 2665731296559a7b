using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wfm.Core.Directory;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>
/// A trainer's day in headless Chromium: an agent's finished conversations put them in the coaching queue with the reason;
/// the row opens the agent and the conversation behind it (transcript with the phrases the review found); a review is
/// started from it and stored for that conversation, under the trainer's own name.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class TrainerBrowserTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trainer_GoesFromTheQueue_ToTheConversation_ToAStoredReview()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var queue = TestAgents.Queue(directory);
        var agent = TestAgents.Take(directory, queue);
        var prefix = "tr-" + Guid.NewGuid().ToString("N")[..6];

        // Three curt conversations: no acknowledgement of an upset customer, blame and policy talk.
        await TestConversations.PostAsync(server.Client, $"{prefix}-1", agent.Id, queue, "Deniz Kaya",
            "I'm really upset, my parcel is late again", "You should have read the terms before ordering.", "That's not helpful");
        await TestConversations.PostAsync(server.Client, $"{prefix}-2", agent.Id, queue, "Omid Ahmadi",
            "I'm so frustrated, the refund never came", "Our policy says we can't do that.", "Unbelievable");
        await TestConversations.PostAsync(server.Client, $"{prefix}-3", agent.Id, queue, "Elif Demir",
            "This is annoying, the app logs me out", "Please log out and back in.", "ok");

        // The conversations are read as they end (every few seconds): wait for the queue to have the agent in it.
        using var trainer = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Trainer], [agent.TeamId]);
        JsonElement item = default;
        for (var deadline = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < deadline; await Task.Delay(500, Ct))
        {
            var items = await trainer.GetFromJsonAsync<JsonElement>($"api/coaching/queue?agentId={agent.Id}", Ct);
            item = items.EnumerateArray().FirstOrDefault(i => i.GetProperty("text").GetString()!.StartsWith("negative language", StringComparison.Ordinal));
            if (item.ValueKind == JsonValueKind.Object)
            {
                break;
            }
        }

        Assert.True(item.ValueKind == JsonValueKind.Object, "no coaching item from the agent's conversations within 2 minutes; read: "
            + await trainer.GetStringAsync($"api/coaching/conversations?agentId={agent.Id}", Ct));
        var conversation = item.GetProperty("conversationId").GetString()!;
        Assert.StartsWith(prefix, conversation, StringComparison.Ordinal);
        var all = await trainer.GetFromJsonAsync<JsonElement>($"api/coaching/queue?agentId={agent.Id}", Ct);
        Assert.Contains(all.EnumerateArray(), i => i.GetProperty("text").GetString()!.StartsWith("low empathy", StringComparison.Ordinal));

        var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "trainer", [WfmRoles.Trainer], [agent.TeamId]);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn.PageAsync(browser, server.BaseAddress, name, password);
        await page.GotoAsync(new Uri(server.BaseAddress, "coaching?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        if (await page.Locator("#default-card").IsVisibleAsync())
        {
            await page.Locator("#default-card").ClickAsync();
        }

        // The queue row opens the agent and the conversation behind the reason.
        var row = page.Locator($"#queue tbody tr[data-agent='{agent.Id}']", new() { HasText = "negative language" });
        await row.Locator("a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#agent")).ToHaveValueAsync(agent.Id, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#viewer")).ToHaveAttributeAsync("data-conversation", conversation, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#viewer-messages li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#viewer-messages mark.negative").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#viewer-items li.item-Missed", new() { HasText = "acknowledge feelings" })).ToBeVisibleAsync();
        // The empathy model read the agent's one sentence and found no empathy in it.
        await Assertions.Expect(page.Locator("#viewer-wow")).ToContainTextAsync("Empathetic sentences (model): 0 / 1");
        await Assertions.Expect(page.Locator("#viewer-messages span.sentence.empathetic")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"#conversations tbody tr[data-conversation='{prefix}-1']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-coaching-viewer-en-test.png"), FullPage = true });

        // A review started from it is stored for that conversation, under the trainer's own name.
        await page.Locator("#viewer-review").ClickAsync();
        await Assertions.Expect(page.Locator("#conversation")).ToHaveValueAsync(conversation);
        await Assertions.Expect(page.Locator("#reviewer")).ToHaveValueAsync(name);
        await Assertions.Expect(page.Locator("#questions select")).Not.ToHaveCountAsync(0);
        await page.Locator("#questions select").First.SelectOptionAsync("not-met");
        await page.Locator("#review-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#reviews tbody tr", new() { HasText = conversation })).ToContainTextAsync(name, new() { Timeout = 30_000 });
        var stored = await trainer.GetFromJsonAsync<JsonElement>($"api/coaching/reviews?agentId={agent.Id}", Ct);
        Assert.Contains(stored.EnumerateArray(), r => r.GetProperty("conversationId").GetString() == conversation && r.GetProperty("reviewer").GetString() == name);

        // A second trainer scores the same conversation differently: calibration shows both side by side, the differences marked.
        var mine = stored.EnumerateArray().First(r => r.GetProperty("conversationId").GetString() == conversation);
        using var second = await SignIn.ClientAsync(server.BaseAddress, server.Factory.Services, [WfmRoles.Trainer], [agent.TeamId]);
        var answers = mine.GetProperty("answers").EnumerateObject().ToDictionary(p => p.Name, _ => "met");
        var other = await second.PostAsJsonAsync("api/coaching/reviews", new { scorecardId = mine.GetProperty("scorecardId").GetInt64(), conversationId = conversation, agentId = agent.Id, answers }, Ct);
        Assert.True(other.IsSuccessStatusCode, await other.Content.ReadAsStringAsync(Ct));
        await page.Locator($"#conversations tbody tr[data-conversation='{conversation}'] a").ClickAsync();
        await Assertions.Expect(page.Locator("#calibration")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#calibration-head th")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#calibration-head")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#calibration-rows tr.disagree")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#calibration-summary")).ToContainTextAsync("score spread");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-coaching-calibration-en-test.png"), FullPage = true });

        await page.GotoAsync(new Uri(server.BaseAddress, $"coaching?lang=fa&agent={agent.Id}").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await page.Locator($"#conversations tbody tr[data-conversation='{conversation}'] a").ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-messages li")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-coaching-viewer-fa-test.png"), FullPage = true });

        // One clock: the page names the center's zone; its chart's days are Solar Hijri in Persian digits.
        await Assertions.Expect(page.Locator("#center-zone")).ToContainTextAsync("Europe/Istanbul");
        var svg = await page.EvaluateAsync<string>("() => fetch(document.getElementById('kpi-trend').src).then(r => r.text())");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul")).DateTime);
        Assert.Matches("[۰-۹]{2}/[۰-۹]{2}", svg);
        Assert.DoesNotContain(today.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), svg, StringComparison.Ordinal);
    }
}
