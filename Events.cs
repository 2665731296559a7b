using System.Net.Http.Json;

namespace Wfm.Server.Tests;

/// <summary>Builds event JSON the way an ACD would send it.</summary>
internal static class Events
{
    public static object Arrived(string queue, string contact, DateTimeOffset at) =>
        new { id = Guid.NewGuid().ToString("N"), type = "ContactArrived", at, queueId = queue, contactId = contact };

    public static object Answered(string queue, string contact, string agent, DateTimeOffset at) =>
        new { id = Guid.NewGuid().ToString("N"), type = "ContactAnswered", at, queueId = queue, contactId = contact, agentId = agent };

    public static object Abandoned(string queue, string contact, DateTimeOffset at) =>
        new { id = Guid.NewGuid().ToString("N"), type = "ContactAbandoned", at, queueId = queue, contactId = contact };

    public static object State(string agent, string state, DateTimeOffset at, string? id = null) =>
        new { id = id ?? Guid.NewGuid().ToString("N"), type = "AgentStateChanged", at, agentId = agent, state };

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, params object[] events) =>
        client.PostAsJsonAsync("api/events", new { events }, TestContext.Current.CancellationToken);
}
