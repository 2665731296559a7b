using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Staffing.Simulation;
using Wfm.Planning.Csv;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>
/// Staffing calibrated on the center's own outcomes over HTTP: a past week of a voice queue posted as events (six agents
/// logged in 08:00–16:00, a quarter of the calls answered after a minute), the models against what happened on a past
/// day, a calibration fitted from the floor and used by the staffing calculation, one imported from an outcomes file.
/// </summary>
public sealed class StaffingCalibrationApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PastDays_AgainstEveryModel_CalibratedFromTheFloor_UsedByStaffing_AndImportedFromAFile()
    {
        await using var factory = new WfmFactory(WfmFactory.NewDatabasePath(), seedDemo: false, settings: new Dictionary<string, string> { ["Wfm:LateEvents"] = "10.00:00:00" });
        var address = factory.Start();
        using var admin = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Admin]);
        await PlanningChainApiTests.SetUpAsync(admin, "cal", agents: 6);
        var chat = await admin.PostAsJsonAsync("api/center/queues", new { id = "cal-chat", name = "Chat", channel = "Chat", targetPercent = 80, targetSeconds = 60 }, Ct);
        Assert.Equal(HttpStatusCode.Created, chat.StatusCode);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        for (var d = 8; d >= 1; d--)
        {
            var posted = await Events.PostAsync(admin, [.. Day(today.AddDays(-d), zone)]);
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        }

        // A past day against every model: the load and the six agents logged in as the floor counted them.
        var yesterday = today.AddDays(-1);
        var day = await admin.GetFromJsonAsync<JsonElement>($"api/staffing/model-vs-actuals?queue=cal-voice&date={yesterday:yyyy-MM-dd}", Ct);
        Assert.Equal(["erlang-c", "erlang-a", "simulation"], day.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        var intervals = day.GetProperty("intervals").EnumerateArray().ToArray();
        Assert.Equal(32, intervals.Length);
        var nine = intervals.Single(i => i.GetProperty("start").GetDateTime().TimeOfDay == TimeSpan.FromHours(9));
        Assert.Equal(8, nine.GetProperty("offered").GetDouble());
        Assert.Equal(6, nine.GetProperty("agents").GetDouble(), 3);
        Assert.Equal(0.75, nine.GetProperty("serviceLevel").GetDouble(), 3);
        var erlangA = day.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("model").GetString() == "erlang-a");
        Assert.True(erlangA.GetProperty("serviceLevelBias").GetDouble() > 0.15, "six agents for eight calls a quarter hour: the formula promises far better than 75 %");
        var svg = await admin.GetStringAsync($"api/staffing/model-vs-actuals/chart.svg?queue=cal-voice&date={yesterday:yyyy-MM-dd}&lang=fa", Ct);
        Assert.Contains("واقعی", svg, StringComparison.Ordinal);

        // No calibration yet: the calculation that asks for one is refused by name.
        var interval = new { start = yesterday.ToDateTime(new TimeOnly(9, 0)), contacts = 8.0, ahtSeconds = 180.0 };
        var refused = await admin.PostAsJsonAsync("api/staffing/calculate", new { queue = "cal-voice", intervalMinutes = 15, intervals = new[] { interval }, patienceSeconds = 180, calibrated = true }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("calibrated", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Calibrated on the floor's last eight days: the factors, every model's error on the held-out days, kept for the queue.
        var fitted = await admin.PostAsync("api/staffing/calibrations/cal-voice/floor?days=8&holdoutDays=2", null, Ct);
        Assert.True(fitted.IsSuccessStatusCode, await fitted.Content.ReadAsStringAsync(Ct));
        var report = (await fitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("queues")[0];
        Assert.Equal(256, report.GetProperty("intervals").GetInt32());
        Assert.Equal(2, report.GetProperty("heldOutDays").GetInt32());
        Assert.True(report.GetProperty("calibration").GetProperty("availability").GetDouble() < 0.9, "fewer agents than logged in take the calls, as the outcomes show");
        var heldOut = report.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("model").GetString()!, e => e.GetProperty("serviceLevelMae").GetDouble());
        Assert.True(heldOut["calibrated"] < heldOut["erlang-a"] - 0.05, string.Join(", ", heldOut));

        var after = await admin.GetFromJsonAsync<JsonElement>($"api/staffing/model-vs-actuals?queue=cal-voice&date={yesterday:yyyy-MM-dd}", Ct);
        Assert.Contains("calibrated", after.GetProperty("models").EnumerateArray().Select(m => m.GetString()));

        // The calculation with the calibration: logged-in agents, the formula's figures beside them.
        var calculated = await admin.PostAsJsonAsync("api/staffing/calculate", new { queue = "cal-voice", intervalMinutes = 15, intervals = new[] { interval }, patienceSeconds = 180, calibrated = true }, Ct);
        Assert.True(calculated.IsSuccessStatusCode, await calculated.Content.ReadAsStringAsync(Ct));
        var result = await calculated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var row = result.GetProperty("rows")[0];
        Assert.True(row.GetProperty("required").GetInt32() > row.GetProperty("uncalibratedRequired").GetInt32());
        Assert.True(result.GetProperty("summary").GetProperty("uncalibratedAgentHours").GetDouble() > 0);

        // Voice only; an outcomes file with a queue the center lacks is refused and keeps nothing.
        var chatDay = await admin.GetAsync($"api/staffing/model-vs-actuals?queue=cal-chat&date={yesterday:yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, chatDay.StatusCode);
        Assert.Contains("voice", await chatDay.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var file = Outcomes("cal-voice") + Outcomes("elsewhere").Split('\n', 2)[1];
        var foreign = await admin.PostAsync("api/staffing/calibrations?name=o.csv", new StringContent(file, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("elsewhere", await foreign.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var kept = await admin.GetFromJsonAsync<JsonElement>("api/staffing/calibrations/cal-voice", Ct);
        Assert.StartsWith("the floor", kept.GetProperty("source").GetString(), StringComparison.Ordinal);

        var imported = await admin.PostAsync("api/staffing/calibrations?name=o.csv", new StringContent(Outcomes("cal-voice"), Encoding.UTF8, "text/csv"), Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        var list = await admin.GetFromJsonAsync<JsonElement>("api/staffing/calibrations", Ct);
        Assert.Equal("o.csv", list.EnumerateArray().Single().GetProperty("source").GetString());
        Assert.InRange(list[0].GetProperty("queues")[0].GetProperty("calibration").GetProperty("availability").GetDouble(), 0.6, 0.9);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/staffing/calibrations/cal-voice", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/staffing/calibrations/cal-voice", Ct)).StatusCode);

        // A supervisor does not plan staffing.
        using var supervisor = await SignIn.ClientAsync(address, factory.Services, [WfmRoles.Supervisor]);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/staffing/calibrations", Ct)).StatusCode);
    }

    /// <summary>
    /// One day 08:00–16:00: six agents logged in, eight calls a quarter hour, six answered after 5 s and two after a minute
    /// (75 % within 20 s), each handled for three minutes.
    /// </summary>
    private static IEnumerable<object> Day(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));
        var events = new List<(DateTimeOffset At, object Event)>();
        for (var a = 1; a <= 6; a++)
        {
            events.Add((midnight.AddHours(8), Events.State($"cal-a{a:00}", "Available", midnight.AddHours(8))));
            events.Add((midnight.AddHours(16), Events.State($"cal-a{a:00}", "Offline", midnight.AddHours(16))));
        }

        for (var slot = 0; slot < 32; slot++)
        {
            for (var k = 0; k < 8; k++)
            {
                var id = $"c-{date:MMdd}-{slot}-{k}";
                var arrived = midnight.AddHours(8).AddMinutes((slot * 15) + k);
                var answered = arrived.AddSeconds(k % 4 == 3 ? 60 : 5);
                var ended = answered.AddMinutes(3);
                var agent = $"cal-a{(k % 6) + 1:00}";
                events.Add((arrived, Events.Arrived("cal-voice", id, arrived)));
                events.Add((answered, Events.Answered("cal-voice", id, agent, answered)));
                events.Add((ended, new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = ended, queueId = "cal-voice", contactId = id, agentId = agent }));
            }
        }

        // In time order, as a floor sends them: an agent answers only once logged in and ends a contact before the next.
        return events.OrderBy(e => e.At).Select(e => e.Event);
    }

    /// <summary>Three weeks of a simulated queue's outcomes whose agents are there 75 % of their logged-in time.</summary>
    private static string Outcomes(string queue)
    {
        var writer = new StringWriter();
        OutcomesCsv.Write(writer, new SimulatedCenter(new DateOnly(2026, 9, 7), Days: 21, Queue: queue, Availability: 0.75, Patience: PatienceDistribution.Exponential(200)).Run(Ct));
        return writer.ToString();
    }
}
