using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wfm.Core.Directory;
using Wfm.Server.Inbox;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>The inbox page in headless Chromium: two agents on one conversation, a suggested reply used and sent.</summary>
[Collection(ServerCollection.Name)]
public sealed class InboxBrowserTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoAgents_SeeEachOtherOnAConversation_AndOneSendsASuggestedReply()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var queue = TestAgents.Queue(directory);
        var agent = TestAgents.Take(directory, queue);
        var colleague = TestAgents.Onlooker(directory, queue, agent.Id);

        // A past answer to learn from, then today's conversation.
        var t = DateTimeOffset.UtcNow.AddMinutes(-10);
        var past = "bp-" + Guid.NewGuid().ToString("N")[..8];
        var contact = "bc-" + Guid.NewGuid().ToString("N")[..8];
        var posted = await Events.PostAsync(server.Client,
            Events.State(agent.Id, "Available", t),
            Events.Arrived(queue, past, t.AddSeconds(1)),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at = t.AddSeconds(2), queueId = queue, contactId = past, customerName = "Kaveh Nouri", text = "How do I change the delivery address of order 6610045?" },
            Events.Answered(queue, past, agent.Id, t.AddSeconds(3)),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageSent", at = t.AddSeconds(30), queueId = queue, contactId = past, agentId = agent.Id, text = "Hello Kaveh, I changed the delivery address of order 6610045 for you." },
            new { id = Guid.NewGuid().ToString("N"), type = "ContactResolved", at = t.AddSeconds(40), queueId = queue, contactId = past, agentId = agent.Id },
            new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = t.AddSeconds(45), queueId = queue, contactId = past, agentId = agent.Id, wrapUp = false },
            Events.Arrived(queue, contact, t.AddSeconds(60)),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at = t.AddSeconds(61), queueId = queue, contactId = contact, customerName = "Zehra Demir", text = "Please change the delivery address for order 7009123" },
            Events.Answered(queue, contact, agent.Id, t.AddSeconds(62)));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        await server.Factory.Services.GetRequiredService<ReplySuggestionService>().RefreshAsync(Ct);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "inbox", [WfmRoles.Agent], null, agent.Id);
        var (otherName, otherPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "inbox", [WfmRoles.Agent], null, colleague.Id);
        var page = await SignIn.PageAsync(browser, server.BaseAddress, name, password, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "inbox?lang=en").ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        var row = page.Locator($"li.conversation[data-id='{contact}']");
        await Assertions.Expect(row).ToContainTextAsync("Zehra Demir");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#messages li")).ToHaveCountAsync(1);
        var suggestion = page.Locator("#suggestions .suggestion").First;
        await Assertions.Expect(suggestion).ToContainTextAsync("Hello Zehra, I changed the delivery address of order 7009123 for you.");

        // The colleague opens the same conversation and starts typing: the first agent is warned.
        var other = await SignIn.PageAsync(browser, server.BaseAddress, otherName, otherPassword);
        await other.GotoAsync(new Uri(server.BaseAddress, $"inbox?lang=en&conversation={contact}").ToString());
        await Assertions.Expect(other.Locator("#collision")).ToContainTextAsync(agent.Name);
        await other.FillAsync("#reply", "Let me check that for you");
        await Assertions.Expect(page.Locator("#collision")).ToContainTextAsync($"{colleague.Name} is writing a reply", new() { Timeout = 3000 });

        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Use" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reply")).ToHaveValueAsync("Hello Zehra, I changed the delivery address of order 7009123 for you.");
        await page.ClickAsync("#reply-form button[type=submit]");
        await Assertions.Expect(page.Locator("#messages li")).ToHaveCountAsync(2);
        await Assertions.Expect(other.Locator("#replied")).ToContainTextAsync(agent.Name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-inbox-test.png"), FullPage = true });
    }

    [Fact]
    public async Task ASuggestedReplyWithAnUnfilledSlot_CannotBeSentUntilTheAgentFillsIt_OnAPhone()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var queue = TestAgents.Queue(directory);
        var agent = TestAgents.Take(directory, queue);

        // A past answer that named an order number; today's customer names none, so the suggestion keeps a slot.
        var t = DateTimeOffset.UtcNow.AddMinutes(-10);
        var past = "sp-" + Guid.NewGuid().ToString("N")[..8];
        var contact = "sc-" + Guid.NewGuid().ToString("N")[..8];
        var posted = await Events.PostAsync(server.Client,
            Events.State(agent.Id, "Available", t),
            Events.Arrived(queue, past, t.AddSeconds(1)),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at = t.AddSeconds(2), queueId = queue, contactId = past, customerName = "Leyla Aksoy", text = "Can you cancel the parcel insurance on order 5520017?" },
            Events.Answered(queue, past, agent.Id, t.AddSeconds(3)),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageSent", at = t.AddSeconds(30), queueId = queue, contactId = past, agentId = agent.Id, text = "Done: the parcel insurance on order 5520017 is cancelled." },
            new { id = Guid.NewGuid().ToString("N"), type = "ContactResolved", at = t.AddSeconds(40), queueId = queue, contactId = past, agentId = agent.Id },
            new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = t.AddSeconds(45), queueId = queue, contactId = past, agentId = agent.Id, wrapUp = false },
            Events.Arrived(queue, contact, t.AddSeconds(60)),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at = t.AddSeconds(61), queueId = queue, contactId = contact, customerName = "Arash Karimi", text = "Please cancel the parcel insurance on my order" },
            Events.Answered(queue, contact, agent.Id, t.AddSeconds(62)));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        await server.Factory.Services.GetRequiredService<ReplySuggestionService>().RefreshAsync(Ct);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (name, password) = await SignIn.CreateUserAsync(server.Factory.Services, "slot", [WfmRoles.Agent], null, agent.Id);
        var page = await SignIn.PageAsync(browser, server.BaseAddress, name, password, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true });
        await page.GotoAsync(new Uri(server.BaseAddress, $"inbox?lang=en&conversation={contact}").ToString());
        var suggestion = page.Locator("#suggestions .suggestion", new() { HasText = "parcel insurance" }).First;
        await Assertions.Expect(suggestion.Locator("mark.slot")).ToHaveTextAsync("order number", new() { Timeout = 30_000 });

        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Use" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reply")).ToHaveValueAsync("Done: the parcel insurance on order {order} is cancelled.");
        var send = page.Locator("#reply-form button[type=submit]");
        await Assertions.Expect(send).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#slot-hint")).ToContainTextAsync("order number");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-inbox-slot-phone-test.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 391"), "the inbox scrolls sideways on a phone");

        // The server refuses it too, whoever sends it.
        using var client = await SignIn.ClientAsync(server.BaseAddress, name, password);
        var raw = await client.PostAsJsonAsync($"api/conversations/{contact}/replies", new { text = "Done: the parcel insurance on order {order} is cancelled." }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        Assert.Contains("{order}", await raw.Content.ReadAsStringAsync(Ct));

        // The slot is selected: typing the number over it makes the reply ready.
        await page.Keyboard.TypeAsync("6120044");
        await Assertions.Expect(page.Locator("#reply")).ToHaveValueAsync("Done: the parcel insurance on order 6120044 is cancelled.");
        await Assertions.Expect(send).ToBeEnabledAsync();
        await send.ClickAsync();
        await Assertions.Expect(page.Locator("#messages li")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#messages li").Last).ToContainTextAsync("order 6120044");
    }
}
