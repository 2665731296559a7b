using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Directory;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wfm.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class EventsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IContactCenterDirectory Directory => server.Factory.Services.GetRequiredService<IContactCenterDirectory>();

    [Fact]
    public async Task MalformedJson_IsRefusedWithProblemDetails()
    {
        var response = await server.Client.PostAsync("api/events", new StringContent("{\"events\": [ {\"id\": ", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("not a valid event batch", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ABackDatedEvent_CountsOnItsOwnDay_NeverToday_AndATimeWithoutOffset_OrFromTheYearOne_IsRefused()
    {
        var queue = Directory.Queues[^1].Id;
        async Task<(int Offered, int Abandoned)> TodayAsync()
        {
            var today = (await server.Client.GetFromJsonAsync<JsonElement>($"api/queues/{queue}", Ct)).GetProperty("today");
            return (today.GetProperty("offered").GetInt32(), today.GetProperty("abandoned").GetInt32());
        }

        var before = await TodayAsync();
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        var contact = "late-" + Guid.NewGuid().ToString("N");
        var late = await Events.PostAsync(server.Client, Events.Arrived(queue, contact, yesterday), Events.Abandoned(queue, contact, yesterday.AddSeconds(40)));
        Assert.True(late.IsSuccessStatusCode, await late.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await TodayAsync());

        // Without an offset the time would be read in the server machine's zone: refused, naming the field.
        var bare = await server.Client.PostAsync("api/events", new StringContent(
            $$"""{"events": [{"id": "{{Guid.NewGuid():N}}", "type": "ContactArrived", "at": "{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss}}", "queueId": "{{queue}}", "contactId": "bare"}]}""",
            Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var detail = (await bare.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
        Assert.Contains("events[0].at", detail);
        Assert.Contains("no offset", detail);

        // The year one (a contact "waiting" for 63 billion seconds): refused.
        var ancient = await Events.PostAsync(server.Client, Events.Arrived(queue, "ancient", new DateTimeOffset(1, 1, 1, 0, 0, 1, TimeSpan.Zero)));
        Assert.Equal(HttpStatusCode.BadRequest, ancient.StatusCode);
        var errors = (await ancient.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("older than events may arrive", errors.GetProperty("events[0].at")[0].GetString());
        Assert.Equal(before, await TodayAsync());
    }

    [Fact]
    public async Task UnknownAgent_IsRefusedNamingTheEventAndField()
    {
        var fresh = TestAgents.Take(Directory).Id;
        var at = DateTimeOffset.UtcNow.AddSeconds(-10);
        var response = await Events.PostAsync(server.Client,
            Events.State(fresh, "Available", at),
            Events.State("agent-999", "Available", at));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("'agent-999' is unknown", errors.GetProperty("events[1].agentId")[0].GetString());
        // The good event in the refused batch was not applied either.
        var agent = await server.Client.GetFromJsonAsync<JsonElement>($"api/agents/{fresh}", Ct);
        Assert.Equal("Offline", agent.GetProperty("state").GetString());
    }

    [Fact]
    public async Task InvalidTransition_IsRefusedNamingCurrentAndRequestedState()
    {
        var response = await Events.PostAsync(server.Client, Events.State(TestAgents.Take(Directory).Id, "Lunch", DateTimeOffset.UtcNow.AddSeconds(-5)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("cannot change from Offline to Lunch", errors.GetProperty("events[0].state")[0].GetString());
    }

    [Fact]
    public async Task DuplicateEventId_IsAcceptedAndCountedOnce()
    {
        var fresh = TestAgents.Take(Directory).Id;
        var login = Events.State(fresh, "Available", DateTimeOffset.UtcNow.AddSeconds(-20), id: "dup-" + Guid.NewGuid());
        var first = await Events.PostAsync(server.Client, login);
        var second = await Events.PostAsync(server.Client, login);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var answer = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("duplicates").GetInt32());
        var agent = await server.Client.GetFromJsonAsync<JsonElement>($"api/agents/{fresh}", Ct);
        Assert.Equal("Available", agent.GetProperty("state").GetString());
    }

    [Fact]
    public async Task OversizedFields_AndOversizedBodies_AreRefused_NotJournaled()
    {
        var fresh = TestAgents.Take(Directory).Id;
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var huge = new string('x', 200_000);
        var field = await server.Client.PostAsJsonAsync("api/events",
            new { events = new object[] { new { id = "big-" + Guid.NewGuid(), type = "ContactArrived", at, queueId = "voice-support", contactId = "big-c1", customerId = huge } } }, Ct);
        // Sent as a careful client sends a large body (Expect: 100-continue), so the server's refusal arrives before the body.
        using var large = new HttpRequestMessage(HttpMethod.Post, "api/events")
        {
            Content = new StringContent("{\"events\": [{\"id\": \"" + new string('y', 9 * 1024 * 1024) + "\"}]}", Encoding.UTF8, "application/json"),
        };
        large.Headers.ExpectContinue = true;
        var body = await server.Client.SendAsync(large, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, field.StatusCode);
        Assert.Contains("at most 128", (await field.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("events[0].customerId")[0].GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, body.StatusCode);
        Assert.Equal("application/problem+json", body.Content.Headers.ContentType?.MediaType);
        var agent = await server.Client.GetFromJsonAsync<JsonElement>($"api/agents/{fresh}", Ct);
        Assert.Equal("Offline", agent.GetProperty("state").GetString());
    }

    [Fact]
    public async Task EmptyBatch_IsRefused()
    {
        var response = await server.Client.PostAsJsonAsync("api/events", new { events = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEventsEndpoint()
    {
        var document = await server.Client.GetStringAsync("openapi/v1.json", Ct);
        Assert.Contains("/api/events", document);
    }

    [Fact]
    public async Task Lookup_SaysWhichEventsTheJournalHolds_ByIdAndTime_AndSystemReportsMemoryAndGrains()
    {
        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        string[] ids = [$"lookup-{Guid.NewGuid():N}", $"lookup-{Guid.NewGuid():N}"];
        var posted = await Events.PostAsync(server.Client,
            new { id = ids[0], type = "ContactArrived", at = t, queueId = "email-support", contactId = "lookup-c1" },
            new { id = ids[1], type = "ContactArrived", at = t.AddSeconds(1), queueId = "email-support", contactId = "lookup-c2" });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));

        // An event is its id and its time: the second id asked at another time is not that event.
        var found = await server.Client.PostAsJsonAsync("api/events/lookup", new
        {
            events = new object[] { new { id = ids[0], at = t }, new { id = ids[1], at = t.AddSeconds(1) }, new { id = "never-posted-1", at = t }, new { id = ids[1], at = t.AddSeconds(2) } },
        }, Ct);
        var empty = await server.Client.PostAsJsonAsync("api/events/lookup", new { events = Array.Empty<object>() }, Ct);
        var withoutTime = await server.Client.PostAsJsonAsync("api/events/lookup", new { events = new object[] { new { id = ids[0] } } }, Ct);
        var system = await server.Client.GetFromJsonAsync<JsonElement>("api/system", Ct);

        var body = await found.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(4, body.GetProperty("asked").GetInt32());
        Assert.Equal(2, body.GetProperty("known").GetInt32());
        Assert.Equal(["never-posted-1", ids[1]], body.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutTime.StatusCode);
        Assert.Contains("events[0]", await withoutTime.Content.ReadAsStringAsync(Ct));
        Assert.True(system.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(system.GetProperty("activeGrains").GetProperty("QueueGrain").GetInt32() >= 1);
    }
}
