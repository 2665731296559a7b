using System.Net.Http.Json;
using System.Text.Json;

namespace Wfm.Server.Tests;

/// <summary>A whole conversation posted as an ACD would: the contact arrives, the agent answers, messages go both ways, it ends.</summary>
internal static class TestConversations
{
    /// <summary>
    /// Posts the conversation on <paramref name="queue"/> for <paramref name="agent"/> (signed in first if offline; the agent
    /// must not be on a contact) and returns when it has ended. Messages alternate customer, agent, customer… from the first.
    /// </summary>
    public static async Task PostAsync(HttpClient client, string contact, string agent, string queue, string? customerName, params string[] messages)
    {
        var ct = TestContext.Current.CancellationToken;
        var snapshot = await client.GetFromJsonAsync<JsonElement>($"api/agents/{agent}", ct);
        var t = DateTimeOffset.UtcNow.AddMinutes(-5);
        var events = new List<object>();
        if (snapshot.GetProperty("state").GetString() == "Offline")
        {
            events.Add(Events.State(agent, "Available", t));
        }

        events.Add(Events.Arrived(queue, contact, t.AddSeconds(1)));
        events.Add(Events.Answered(queue, contact, agent, t.AddSeconds(2)));
        for (var i = 0; i < messages.Length; i++)
        {
            var at = t.AddSeconds(10 + (i * 10));
            events.Add(i % 2 == 0
                ? new { id = Guid.NewGuid().ToString("N"), type = "MessageReceived", at, queueId = queue, contactId = contact, customerName, text = messages[i] }
                : new { id = Guid.NewGuid().ToString("N"), type = "MessageSent", at, queueId = queue, contactId = contact, agentId = agent, text = messages[i] });
        }

        events.Add(new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = t.AddSeconds(20 + (messages.Length * 10)), queueId = queue, contactId = contact, agentId = agent, wrapUp = false });
        var response = await Events.PostAsync(client, [.. events]);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
    }
}
