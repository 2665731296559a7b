using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>A new user sets up their own center through /api/center/… and its events are taken.</summary>
[Collection(OwnCenterCollection.Name)]
public sealed class CenterSetupApiTests(OwnCenterFixture center)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmptyCenter_SetUpThroughTheApi_TakesEventsForItsNewAgent_AndRefusesThemOnceDeactivated()
    {
        var client = center.Admin;
        var at = DateTimeOffset.UtcNow.AddSeconds(-30);
        var before = await Events.PostAsync(client, Events.State("api-a1", "Available", at));

        await Created(client.PostAsJsonAsync("api/center/queues", new { id = "api-voice", name = "Hotline", channel = "Voice", targetPercent = 80, targetSeconds = 20, hours = "Mon-Sat 08:00-20:00" }, Ct));
        await Created(client.PostAsJsonAsync("api/center/teams", new { id = "api-team", name = "Kadıköy" }, Ct));
        await Created(client.PostAsJsonAsync("api/center/contracts", new { id = "api-ft", name = "Full time", minHoursPerWeek = 30, maxHoursPerWeek = 40 }, Ct));
        foreach (var (id, name) in new[] { ("api-a1", "Ayşe Yılmaz"), ("api-a2", "Reza Ahmadi") })
        {
            await Created(client.PostAsJsonAsync("api/center/agents", new { id, name, teamId = "api-team", skills = new[] { new { queueId = "api-voice", proficiency = 4 } }, contractId = "api-ft", locale = "tr" }, Ct));
        }

        var accepted = await Events.PostAsync(client, Events.State("api-a1", "Available", at, id: "api-e1"), Events.Arrived("api-voice", "api-c1", at));
        var setup = await client.GetFromJsonAsync<JsonElement>("api/center/setup", Ct);
        var deactivated = await client.PostAsync("api/center/agents/api-a2/deactivate", null, Ct);
        var afterwards = await Events.PostAsync(client, Events.State("api-a2", "Available", at));

        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32());
        Assert.Equal("Mon-Sat 08:00-20:00",
            setup.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "api-voice").GetProperty("hours").GetString());
        Assert.True(setup.GetProperty("clockLocked").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, afterwards.StatusCode);
        Assert.Contains("'api-a2' is unknown", await afterwards.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task TheBoard_ShowsANewQueueAndAgentAtOnce_AndDropsADeactivatedAgent()
    {
        await Created(center.Admin.PostAsJsonAsync("api/center/queues", new { id = "board-mail", name = "Mail", channel = "Email", targetPercent = 90, targetSeconds = 14400 }, Ct));
        await Created(center.Admin.PostAsJsonAsync("api/center/teams", new { id = "board-team", name = "Shiraz" }, Ct));
        await Created(center.Admin.PostAsJsonAsync("api/center/agents", new { id = "board-a1", name = "Neda Rahimi", teamId = "board-team", skills = new[] { new { queueId = "board-mail", proficiency = 3 } } }, Ct));

        Assert.True(await BoardHasAsync("queues", "queueId", "board-mail"), "the new queue never reached the board");
        Assert.True(await BoardHasAsync("agents", "agentId", "board-a1"), "the new agent never reached the board");
        Assert.Equal(HttpStatusCode.NoContent, (await center.Admin.PostAsync("api/center/agents/board-a1/deactivate", null, Ct)).StatusCode);
        Assert.True(await BoardHasAsync("agents", "agentId", "board-a1", present: false), "the deactivated agent stayed on the board");
    }

    /// <summary>Waits (up to 30 s) until the board's list has, or no longer has, the entry.</summary>
    private async Task<bool> BoardHasAsync(string list, string key, string id, bool present = true)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100, Ct))
        {
            var board = await center.Admin.GetFromJsonAsync<JsonElement>("api/board", Ct);
            if (board.GetProperty(list).EnumerateArray().Any(e => e.GetProperty(key).GetString() == id) == present)
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public async Task BadAgent_Gets400NamingEachField_AndAnUnknownOne404()
    {
        var bad = await center.Admin.PostAsJsonAsync("api/center/agents",
            new { id = "bad agent!", name = "", teamId = "nowhere", skills = new[] { new { queueId = "nothing", proficiency = 7 } }, locale = "de" }, Ct);
        var missing = await center.Admin.PutAsJsonAsync("api/center/teams/never", new { id = "never", name = "Never" }, Ct);
        var renamed = await center.Admin.PutAsJsonAsync("api/center/teams/never", new { id = "other", name = "Other" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["id", "locale", "name", "skills", "team"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("team 'never'", await missing.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
    }

    [Fact]
    public async Task AgentsCsv_BadFileIsRefusedNamingLineAndColumn_AGoodOneIsImported_AndExportedBack()
    {
        await Created(center.Admin.PostAsJsonAsync("api/center/queues", new { id = "csv-chat", name = "Chat", channel = "Chat", targetPercent = 80, targetSeconds = 60 }, Ct));
        await Created(center.Admin.PostAsJsonAsync("api/center/teams", new { id = "csv-team", name = "Tabriz" }, Ct));
        const string bad = "id,name,team,skills\ncsv-1,Sara Karimi,csv-team,csv-chat:4\ncsv-2,Ali Rezaei,no-team,csv-chat:4\n";
        const string good = "id,name,team,skills,locale,hire_date\ncsv-1,Sara Karimi,csv-team,csv-chat:4,fa,2025-02-01\ncsv-2,Ali Rezaei,csv-team,csv-chat,fa,\n";

        var refused = await center.Admin.PostAsync("api/center/agents/import", new StringContent(bad, Encoding.UTF8, "text/csv"), Ct);
        var afterRefusal = await center.Admin.GetFromJsonAsync<JsonElement>("api/center/agents", Ct);
        var imported = await center.Admin.PostAsync("api/center/agents/import", new StringContent(good, Encoding.UTF8, "text/csv"), Ct);
        var exported = await center.Admin.GetStringAsync("api/center/agents/export", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("agents.csv line 3, column 'team'", await refused.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain(afterRefusal.EnumerateArray(), a => a.GetProperty("id").GetString()!.StartsWith("csv-", StringComparison.Ordinal));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("created").GetInt32());
        Assert.Contains("csv-2,Ali Rezaei,csv-team,csv-chat:3,,fa,,,,yes", exported);
    }

    [Fact]
    public async Task Supervisor_ReadsTheCenter_ButCannotChangeIt()
    {
        using var supervisor = await center.ClientAsync(WfmRoles.Supervisor);

        var read = await supervisor.GetAsync("api/center/setup", Ct);
        var write = await supervisor.PostAsJsonAsync("api/center/teams", new { id = "sup-team", name = "Mine" }, Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    private static async Task Created(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }
}
