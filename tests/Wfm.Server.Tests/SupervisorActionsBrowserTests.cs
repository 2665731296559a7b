using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wfm.Core.Directory;

namespace Wfm.Server.Tests;

/// <summary>
/// A supervisor acting on an abuse incident at the moment it happens: the agent is still on the contact, so the recovery
/// break waits for the contact's end and then runs its full length; every action shows on the card with who and when;
/// the incident is escalated to a role with a note; an offline agent's break is refused in plain words.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SupervisorActionsBrowserTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (string Agent, string Name, string Queue) AgentAndQueue(int index)
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(index);
        return (agent.Id, agent.Name, agent.Skills[0].QueueId);
    }

    /// <summary>An agent reports abuse on a contact of theirs; the incident's id.</summary>
    private async Task<string> ReportedAsync(string agent, string queue, string contact, string text)
    {
        var t = DateTimeOffset.UtcNow.AddSeconds(-10);
        var posted = await Events.PostAsync(server.Client,
            Events.Arrived(queue, contact, t),
            new { id = Guid.NewGuid().ToString("N"), type = "AbuseReported", at = t.AddSeconds(2), queueId = queue, contactId = contact, agentId = agent, text });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        var incidents = await server.Client.GetFromJsonAsync<JsonElement>("api/incidents?open=true", Ct);
        return incidents.EnumerateArray().Single(i => i.GetProperty("contactId").GetString() == contact).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task RecoveryBreak_AskedForDuringTheContact_StartsWhenItEnds_AndEveryActionShowsOnTheCard()
    {
        var (agent, name, queue) = AgentAndQueue(6);
        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        var posted = await Events.PostAsync(server.Client,
            Events.State(agent, "Available", t),
            Events.Arrived(queue, "sup-act-c1", t.AddSeconds(1)),
            Events.Answered(queue, "sup-act-c1", agent, t.AddSeconds(2)),
            new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at = t.AddSeconds(5), queueId = queue, contactId = "sup-act-c1", agentId = agent, customerId = "cust-sup-1", text = "you idiot, I will find where you live" });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await server.PageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=en").ToString());
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        var card = page.Locator("article.incident", new() { HasText = "find where you live" });
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The agent is on the abusive contact: the break is queued for its end, and the card and the agent's row say so.
        await card.Locator("button", new() { HasText = "Recovery break" }).ClickAsync();
        await Assertions.Expect(card.Locator("ol.done li")).ToContainTextAsync("Recovery break · 15 min · starts when the contact ends", new() { Timeout = 30_000 });
        await Assertions.Expect(card.Locator("ol.done li").First).ToContainTextAsync(server.Staff.UserName);
        var row = page.Locator($"#agents tr[data-agent='{agent}']");
        await Assertions.Expect(row.Locator("small.requested")).ToContainTextAsync("Recovery break (15 min) when the contact ends", new() { Timeout = 30_000 });
        var during = await server.Client.GetFromJsonAsync<JsonElement>($"api/agents/{agent}", Ct);
        Assert.Equal(("OnContact", "RecoveryBreak"), (during.GetProperty("state").GetString(), during.GetProperty("requested").GetString()));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-incident-actions-en-test.png"), FullPage = true });

        // The contact ends (the ACD would put the agent in wrap-up): the break starts, for 15 minutes from then.
        var end = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ended = await Events.PostAsync(server.Client, new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = end, queueId = queue, contactId = "sup-act-c1", agentId = agent });
        Assert.True(ended.IsSuccessStatusCode, await ended.Content.ReadAsStringAsync(Ct));
        await Assertions.Expect(row.Locator("span.state")).ToHaveTextAsync("Recovery break", new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator("small.until")).ToContainTextAsync("until", new() { Timeout = 30_000 });
        var after = await server.Client.GetFromJsonAsync<JsonElement>($"api/agents/{agent}", Ct);
        Assert.Equal("RecoveryBreak", after.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("requested").ValueKind);
        Assert.Equal(15, (after.GetProperty("until").GetDateTimeOffset() - end).TotalMinutes, 3);

        // Escalate: someone who does not exist is refused naming what was expected; a role with a note is recorded.
        await card.Locator("input.escalate-to").FillAsync("nobody-by-that-name");
        await card.Locator("input.escalate-note").FillAsync("a threat to the agent's safety");
        await card.Locator("button.escalate-go").ClickAsync();
        await Assertions.Expect(card.Locator(".error")).ToContainTextAsync("neither a role", new() { Timeout = 30_000 });
        await card.Locator("input.escalate-to").FillAsync("admin");
        // "admin" matches the list of roles: close its suggestions first, or the click only closes them.
        await card.Locator("input.escalate-to").PressAsync("Escape");
        await card.Locator("button.escalate-go").ClickAsync();
        await Assertions.Expect(card.Locator("ol.done li").Last).ToContainTextAsync("Escalated → admin — a threat to the agent's safety", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-incident-actions-after-en-test.png"), FullPage = true });

        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=fa").ToString());
        await Assertions.Expect(page.Locator("article.incident", new() { HasText = "find where you live" }).Locator("ol.done li")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-incident-actions-fa-test.png"), FullPage = true });

        // The agent's own page shows the break running, with its end time.
        var (agentUser, agentPassword) = await SignIn.CreateUserAsync(server.Factory.Services, $"sup-act-{agent}", [Wfm.Server.Security.WfmRoles.Agent], [], agent);
        var mePage = await SignIn.PageAsync(browser, server.BaseAddress, agentUser, agentPassword);
        await mePage.GotoAsync(new Uri(server.BaseAddress, "me?lang=en").ToString());
        await Assertions.Expect(mePage.Locator("#coming")).ToContainTextAsync("Recovery break until", new() { Timeout = 30_000 });
        Assert.Contains(name, await mePage.Locator("#agent-name").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryBreak_ForAnOfflineAgent_IsRefusedInPlainWords_AndTheIncidentIsUnchanged()
    {
        var (agent, name, queue) = AgentAndQueue(7);
        var id = await ReportedAsync(agent, queue, "sup-act-c2", "he swore at me");

        var refused = await server.Client.PostAsJsonAsync($"api/incidents/{id}/actions", new { kind = "recovery-break", minutes = 15 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"{name} is offline", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot change from", text, StringComparison.Ordinal);
        var incident = await server.Client.GetFromJsonAsync<JsonElement>($"api/incidents/{id}", Ct);
        Assert.Equal(0, incident.GetProperty("actions").GetArrayLength());
    }

    [Fact]
    public async Task AnEscalation_ReachesThePersonNamed_OutsideTheirTeams_LiveOnTheirBoard_AndTheyCanAct()
    {
        var (agent, _, queue) = AgentAndQueue(8);
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var otherTeam = directory.Teams.First(t => t.Id != directory.FindAgent(agent)!.TeamId).Id;
        var (lead, leadPassword) = await SignIn.CreateUserAsync(server.Factory.Services, "sup-lead", [Wfm.Server.Security.WfmRoles.Supervisor], [otherTeam]);
        using var leadClient = await SignIn.ClientAsync(server.BaseAddress, lead, leadPassword);
        var id = await ReportedAsync(agent, queue, "sup-act-c3", "the caller said he knows where I live");

        // Not theirs yet: another team's incident.
        Assert.Equal(HttpStatusCode.NotFound, (await leadClient.GetAsync($"api/incidents/{id}", Ct)).StatusCode);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignIn.PageAsync(browser, server.BaseAddress, lead, leadPassword);
        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=en").ToString());
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("article.incident", new() { HasText = "knows where I live" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#escalated-count")).ToBeHiddenAsync();

        // Never to someone who cannot read incidents: the trainer role, or a trainer by name.
        var (trainer, _) = await SignIn.CreateUserAsync(server.Factory.Services, "sup-trainer", [Wfm.Server.Security.WfmRoles.Trainer]);
        foreach (var who in new[] { "trainer", trainer })
        {
            var refused = await server.Client.PostAsJsonAsync($"api/incidents/{id}/actions", new { kind = "escalate", to = who, note = "please look" }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("cannot read incidents", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Escalated to them by name: it reaches their open board at once, first, saying who sent it and why.
        var escalated = await server.Client.PostAsJsonAsync($"api/incidents/{id}/actions", new { kind = "escalate", to = lead.ToUpperInvariant(), note = "repeat caller, please call him back" }, Ct);
        Assert.True(escalated.IsSuccessStatusCode, await escalated.Content.ReadAsStringAsync(Ct));
        var card = page.Locator("article.incident.to-me", new() { HasText = "knows where I live" });
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(card.Locator("p.escalated")).ToContainTextAsync($"Escalated to you by {server.Staff.UserName} repeat caller, please call him back");
        await Assertions.Expect(page.Locator("article.incident").First).ToHaveAttributeAsync("data-incident", id);
        await Assertions.Expect(page.Locator("#escalated-count")).ToHaveTextAsync("1 escalated to you");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-incident-escalated-en-test.png"), FullPage = true });

        // Now theirs to read and act on.
        Assert.Equal(HttpStatusCode.OK, (await leadClient.GetAsync($"api/incidents/{id}", Ct)).StatusCode);
        Assert.Contains((await leadClient.GetFromJsonAsync<JsonElement>("api/incidents?open=true", Ct)).EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        await page.GotoAsync(new Uri(server.BaseAddress, "board?lang=fa").ToString());
        await Assertions.Expect(page.Locator("article.incident.to-me p.escalated")).ToContainTextAsync("ارجاع‌شده به شما", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "wfm-incident-escalated-fa-test.png"), FullPage = true });
        var closed = await leadClient.PostAsJsonAsync($"api/incidents/{id}/actions", new { kind = "close", outcome = "called him back; he apologised" }, Ct);
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync(Ct));
        await Assertions.Expect(page.Locator("article.incident.to-me")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#escalated-count")).ToBeHiddenAsync();
    }
}
