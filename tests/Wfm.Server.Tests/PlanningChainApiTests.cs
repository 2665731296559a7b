using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wfm.Server.Tests;

/// <summary>A planner's whole chain over the API on a center of their own, without a file beyond the history.</summary>
[Collection(OwnCenterCollection.Name)]
public sealed class PlanningChainApiTests(OwnCenterFixture center)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Four weeks of 15-minute history of one queue, open 08:00–20:00 every day: a midday hump of
    /// <paramref name="peak"/> contacts per interval, handle time 240 s.
    /// </summary>
    internal static string History(string queue, DateOnly first, int days, double peak, (int From, int To)? open = null)
    {
        var (from, to) = open ?? (32, 80);
        var csv = new StringBuilder("timestamp,queue,offered,aht_seconds\n");
        for (var d = 0; d < days; d++)
        {
            for (var slot = from; slot < to; slot++)
            {
                var offered = Math.Round(peak * (0.4 + (0.6 * Math.Sin((slot - from) / (double)(to - from) * Math.PI))), 1);
                csv.Append(CultureInfo.InvariantCulture, $"{first.AddDays(d):yyyy-MM-dd} {slot / 4:00}:{slot % 4 * 15:00},{queue},{offered},240\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>A queue, a team, a contract, a shift template (day starts, or any hour) and rule set, and <paramref name="agents"/> agents.</summary>
    internal static async Task SetUpAsync(HttpClient client, string prefix, int agents, bool anyHour = false)
    {
        async Task Post(string path, object body)
        {
            var response = await client.PostAsJsonAsync(path, body, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        await Post("api/center/queues", new { id = $"{prefix}-voice", name = "Hotline", channel = "Voice", targetPercent = 80, targetSeconds = 20 });
        await Post("api/center/teams", new { id = $"{prefix}-team", name = "Izmir" });
        await Post("api/center/contracts", new { id = $"{prefix}-ft", name = "Full time", minHoursPerWeek = 0, maxHoursPerWeek = 40, maxDaysPerWeek = 5 });
        await Post("api/center/shift-templates", new
        {
            id = $"{prefix}-day", name = "Day", lengthsMinutes = new[] { 480 }, earliestStart = anyHour ? "00:00" : "08:00", latestStart = anyHour ? "23:00" : "12:00", startIncrementMinutes = 60,
        });
        await Post("api/center/rule-sets", new
        {
            id = $"{prefix}-rules", name = "Day rules", templateIds = new[] { $"{prefix}-day" },
            breaks = new[] { new { name = "lunch", minutes = 30, windowFromMinutes = 180, windowToMinutes = 300, paid = false, minShiftMinutes = 0 } },
        });
        for (var i = 1; i <= agents; i++)
        {
            await Post("api/center/agents", new
            {
                id = $"{prefix}-a{i:00}", name = $"Agent {i}", teamId = $"{prefix}-team", contractId = $"{prefix}-ft",
                skills = new[] { new { queueId = $"{prefix}-voice", proficiency = 4 } },
            });
        }
    }

    [Fact]
    public async Task History_Forecast_StaffingPlan_Schedule_Publish_ForTheCentersOwnAgents()
    {
        var client = center.Admin;
        await SetUpAsync(client, "chain", agents: 14);
        var first = new DateOnly(2026, 10, 5);

        var imported = await client.PostAsync("api/history?name=chain.csv&series=Chain%20hotline", new StringContent(History("chain-voice", first, 28, 6), Encoding.UTF8, "text/csv"), Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        var forecast = await client.PostAsJsonAsync("api/forecasts", new { series = "Chain hotline", model = "seasonal-naive", horizonDays = 14, origins = 2 }, Ct);
        Assert.True(forecast.StatusCode == HttpStatusCode.Created, await forecast.Content.ReadAsStringAsync(Ct));
        var forecastId = (await forecast.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        var planResponse = await client.PostAsJsonAsync("api/staffing/plans", new { start = "2026-11-02", weeks = 1, shrinkage = 0.1, forecastIds = new[] { forecastId } }, Ct);
        Assert.True(planResponse.StatusCode == HttpStatusCode.Created, await planResponse.Content.ReadAsStringAsync(Ct));
        var plan = await planResponse.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var voice = plan.GetProperty("plan").GetProperty("queues")[0];
        Assert.Equal(("chain-voice", "erlang-a"), (voice.GetProperty("queueId").GetString(), voice.GetProperty("model").GetString()));
        Assert.True(voice.GetProperty("scheduledStaffHours").GetDouble() > 0);

        var scheduled = await client.PostAsJsonAsync("api/schedules/center",
            new { staffingPlanId = plan.GetProperty("id").GetInt64(), ruleSetId = "chain-rules", teamIds = new[] { "chain-team" }, timeLimitSeconds = 10, start = "2000-01-01" }, Ct);
        Assert.True(scheduled.StatusCode == HttpStatusCode.Created, await scheduled.Content.ReadAsStringAsync(Ct));
        var schedule = await scheduled.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("2026-11-02", schedule.GetProperty("start").GetString());
        var shifts = schedule.GetProperty("result").GetProperty("shifts").EnumerateArray().ToList();
        Assert.NotEmpty(shifts);
        Assert.All(shifts, s => Assert.StartsWith("chain-a", s.GetProperty("agentId").GetString()));
        Assert.Equal("Agent 1", schedule.GetProperty("result").GetProperty("agentNames").GetProperty("chain-a01").GetString());

        var published = await client.PostAsync($"api/schedules/{schedule.GetProperty("id").GetInt64()}/publish", null, Ct);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Ct));
        var someone = shifts[0];
        var day = await client.GetFromJsonAsync<JsonElement>($"api/shifts/{someone.GetProperty("agentId").GetString()}/{someone.GetProperty("date").GetString()}", Ct);
        Assert.Contains(day.EnumerateArray(), a => a.GetProperty("kind").GetString() == "Work");
        Assert.Contains(day.EnumerateArray(), a => a.GetProperty("kind").GetString() == "Lunch");
    }

    [Fact]
    public async Task StaffingPlan_WithoutHandleTimesOrForecasts_IsRefusedSayingWhatToDo()
    {
        var none = await center.Admin.PostAsJsonAsync("api/staffing/plans", new { start = "2026-11-02", weeks = 1, forecastIds = new[] { 999_999 } }, Ct);
        var typedWithoutFigure = await center.Admin.PostAsJsonAsync("api/staffing/plans", new { start = "2026-11-02", aht = "typed" }, Ct);
        var badAht = await center.Admin.PostAsJsonAsync("api/staffing/plans", new { start = "2026-11-02", aht = "guess" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("no stored forecast 999999", await none.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, typedWithoutFigure.StatusCode);
        Assert.Contains("ahtSeconds", await typedWithoutFigure.Content.ReadAsStringAsync(Ct));
        Assert.Contains("forecast, history or typed", await badAht.Content.ReadAsStringAsync(Ct));
    }
}
