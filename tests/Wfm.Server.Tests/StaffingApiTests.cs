using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;

namespace Wfm.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class StaffingApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Reference(string model = "erlang-a", object? agents = null) => new
    {
        queue = "voice-support",
        intervalMinutes = 30,
        intervals = new[]
        {
            new { start = "2026-11-26T10:00:00", contacts = 100.0, ahtSeconds = 180.0 },
            new { start = "2026-11-26T10:30:00", contacts = 120.0, ahtSeconds = 180.0 },
        },
        model,
        serviceLevel = 80,
        thresholdSeconds = 20,
        patienceSeconds = 300,
        shrinkage = 0.3,
        agents,
    };

    [Fact]
    public async Task Calculate_ReferenceCase_GivesErlangARequirementAndChart()
    {
        var response = await server.Client.PostAsJsonAsync("api/staffing/calculate", Reference(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var first = result.GetProperty("rows")[0];
        Assert.Equal(13, first.GetProperty("required").GetInt32());
        Assert.Equal(19, first.GetProperty("scheduled").GetInt32());
        Assert.Equal(0.858, first.GetProperty("serviceLevel").GetDouble(), 0.002);
        Assert.StartsWith("<?xml", result.GetProperty("chartSvg").GetString());
        Assert.True(result.GetProperty("summary").GetProperty("agentHours").GetDouble() > 12);
    }

    [Fact]
    public async Task Calculate_ErlangC_NeedsMoreThanErlangA()
    {
        var c = await (await server.Client.PostAsJsonAsync("api/staffing/calculate", Reference("erlang-c"), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(14, c.GetProperty("rows")[0].GetProperty("required").GetInt32());
        Assert.Equal(20, c.GetProperty("rows")[0].GetProperty("scheduled").GetInt32());
    }

    [Fact]
    public async Task Reverse_GivesOutcomesOfGivenAgents()
    {
        var result = await (await server.Client.PostAsJsonAsync("api/staffing/calculate", Reference("erlang-c", new[] { 14, 10 }), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.True(result.GetProperty("reverse").GetBoolean());
        Assert.Equal(0.888, result.GetProperty("rows")[0].GetProperty("serviceLevel").GetDouble(), 0.002);
        // 10 agents for 12 Erlangs: no steady state without abandonment, so no finite ASA.
        Assert.Equal(JsonValueKind.Null, result.GetProperty("rows")[1].GetProperty("asaSeconds").ValueKind);
    }

    [Fact]
    public async Task Calculate_BadAht_NamesTheInterval()
    {
        var body = new { intervalMinutes = 30, intervals = new[] { new { start = "2026-11-26T10:00:00", contacts = 10.0, ahtSeconds = 0.0 } }, model = "erlang-c" };
        var response = await server.Client.PostAsJsonAsync("api/staffing/calculate", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("intervals[0].ahtSeconds", out _), errors.ToString());
    }

    [Fact]
    public async Task Scenario_IsStoredAndReadBack()
    {
        var saved = await server.Client.PostAsJsonAsync("api/staffing/scenarios", new { name = "Thursday base", request = Reference() }, Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var id = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        var back = await server.Client.GetFromJsonAsync<JsonElement>($"api/staffing/scenarios/{id}", Ct);
        Assert.Equal("Thursday base", back.GetProperty("name").GetString());
        Assert.Equal(13, back.GetProperty("result").GetProperty("rows")[0].GetProperty("required").GetInt32());
        var list = await server.Client.GetFromJsonAsync<JsonElement>("api/staffing/scenarios", Ct);
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);
        var chart = await server.Client.GetStringAsync($"api/staffing/scenarios/{id}/chart.svg", Ct);
        Assert.Contains("<svg", chart);
    }

    [Fact]
    public async Task ForecastFile_BadCell_NamesLineAndColumn()
    {
        var csv = "timestamp,queue,forecast,aht_seconds\n2026-11-26 10:00,voice,100,180\n2026-11-26 10:30,voice,lots,180\n";
        var response = await server.Client.PostAsync("api/staffing/forecast-file", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("line 3", errors.GetProperty("forecast")[0].GetString());
    }

    [Fact]
    public async Task DemoTraffic_UnknownQueue_IsRefused()
    {
        var response = await server.Client.GetAsync("api/staffing/demo-traffic?queue=nope", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static object Email(double percent = 90, double deadlineHours = 2, string clock = "wall", double aht = 360) => new
    {
        queue = "email-support",
        intervalMinutes = 30,
        // 08:00–12:00 open, 12:00–13:00 missing (closed), 13:00–17:00 open: 20 items per half hour.
        intervals = Enumerable.Range(0, 16).Select(i => new
        {
            start = new DateTime(2026, 11, 26, 8, 0, 0).AddMinutes(30 * (i < 8 ? i : i + 2)).ToString("s", CultureInfo.InvariantCulture),
            contacts = 20.0,
            ahtSeconds = i == 3 ? aht : 360.0,
        }).ToArray(),
        percent,
        deadlineHours,
        clock,
        shrinkage = 0.2,
    };

    [Fact]
    public async Task Backlog_PlansTheDay_ClosedLunchIncluded_AndMeetsTheTarget()
    {
        var response = await server.Client.PostAsJsonAsync("api/staffing/backlog?lang=tr", Email(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var rows = result.GetProperty("rows");
        Assert.Equal(18, rows.GetArrayLength());
        Assert.False(rows[8].GetProperty("open").GetBoolean());
        Assert.Equal(0, rows[8].GetProperty("agents").GetInt32());
        Assert.True(result.GetProperty("fractionWithinTarget").GetDouble() >= 0.9);
        Assert.Equal(320, result.GetProperty("items").GetDouble(), 6);
        var handled = rows.EnumerateArray().Sum(r => r.GetProperty("handled").GetDouble());
        Assert.Equal(320, handled + result.GetProperty("endBacklog").GetDouble(), 6);
        Assert.All(rows.EnumerateArray(), r => Assert.Equal((int)Math.Ceiling((r.GetProperty("agents").GetInt32() / 0.8) - 1e-9), r.GetProperty("scheduled").GetInt32()));
        Assert.Contains("bekleyen iş", result.GetProperty("chartSvg").GetString());
    }

    [Fact]
    public async Task Backlog_ShorterDeadline_NeedsMoreAgentHours()
    {
        var loose = await (await server.Client.PostAsJsonAsync("api/staffing/backlog", Email(deadlineHours: 4), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var tight = await (await server.Client.PostAsJsonAsync("api/staffing/backlog", Email(deadlineHours: 0.5), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.True(tight.GetProperty("peakAgents").GetInt32() >= loose.GetProperty("peakAgents").GetInt32());
        Assert.True(tight.GetProperty("agentHours").GetDouble() > loose.GetProperty("agentHours").GetDouble());
    }

    [Theory]
    [InlineData(150, 2, "wall", 360, "percent")]
    [InlineData(90, 0, "wall", 360, "deadlineHours")]
    [InlineData(90, 2, "moon", 360, "clock")]
    [InlineData(90, 2, "wall", 0, "intervals[3]")]
    public async Task Backlog_BadInput_NamesTheField(double percent, double deadline, string clock, double aht, string field)
    {
        var response = await server.Client.PostAsJsonAsync("api/staffing/backlog", Email(percent, deadline, clock, aht), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
