using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Adherence;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Wellbeing;
using Wfm.Grains.Abstractions;
using Wfm.Server.Wellbeing;

namespace Wfm.Server.Tests;

/// <summary>Burnout risk read from what the agent actually did today, with its factors, on the team view and as a trend chart.</summary>
[Collection(ServerCollection.Name)]
public sealed class WellbeingApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HotStretch_AndAnIncident_RaiseTheScore_WithTheFactorsThatExplainIt()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(3);
        var queue = agent.Skills[0].QueueId;

        // Yesterday from 09:00 (one local day, whatever the hour the test runs): thirteen 11-minute contacts
        // with ten seconds between them, two and a half hours without a pause.
        var t = directory.Clock.StartOfDay(directory.Clock.LocalDate(DateTimeOffset.UtcNow).AddDays(-1)).AddHours(9);
        var events = new List<object> { Events.State(agent.Id, "Available", t) };
        for (var i = 0; i < 13; i++)
        {
            var contact = $"wellbeing-{agent.Id}-{i}";
            events.Add(Events.Arrived(queue, contact, t.AddSeconds(5)));
            events.Add(Events.Answered(queue, contact, agent.Id, t.AddSeconds(10)));
            events.Add(new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = t.AddSeconds(10).AddMinutes(11), queueId = queue, contactId = contact, agentId = agent.Id, wrapUp = false });
            t = t.AddSeconds(10).AddMinutes(11);
        }

        events.Add(new { id = Guid.NewGuid().ToString("N"), type = "AbuseReported", at = t.AddSeconds(1), queueId = queue, contactId = $"wellbeing-{agent.Id}-12", agentId = agent.Id });
        var posted = await Events.PostAsync(server.Client, [.. events]);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));

        var wellbeing = await server.Client.GetFromJsonAsync<JsonElement>($"api/wellbeing/agents/{agent.Id}", Ct);
        var days = wellbeing.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(28, days.Count);
        var worked = days.Where(d => d.GetProperty("workedHours").GetDouble() > 0).ToList();
        Assert.Contains(worked, d => d.GetProperty("longestBackToBack").GetInt32() >= 10);
        Assert.Contains(worked, d => d.GetProperty("longestHighOccupancyMinutes").GetInt32() >= 120);
        Assert.Equal(1, days.Sum(d => d.GetProperty("abuseIncidents").GetInt32()));

        var score = wellbeing.GetProperty("score");
        var factors = score.GetProperty("factors").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("points").GetDouble());
        Assert.Equal(10, factors["backToBack"]);
        Assert.Equal(5, factors["abuse"]);
        Assert.Equal(4, factors["occupancy"]);
        Assert.Equal(factors.Values.Sum(), score.GetProperty("score").GetDouble(), 6);

        var team = await server.Client.GetFromJsonAsync<JsonElement>($"api/wellbeing/team?teamId={agent.TeamId}", Ct);
        Assert.Contains(team.EnumerateArray(), a => a.GetProperty("agentId").GetString() == agent.Id);

        var chart = await server.Client.GetAsync($"api/wellbeing/agents/{agent.Id}/trend.svg?lang=tr", Ct);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("tükenmişlik riski", await chart.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/wellbeing/agents/nobody", Ct)).StatusCode);
    }

    [Fact]
    public async Task FallingCsatOnTheAgentsContacts_CountsInTheScore()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(45);
        var queue = agent.Skills[0].QueueId;
        var today = directory.Clock.LocalDate(DateTimeOffset.UtcNow);
        var events = new List<object>();
        var surveys = new List<object>();
        var first = true;
        foreach (var (daysAgo, csat) in new[] { (12, 5), (10, 5), (2, 2), (1, 2) })
        {
            var t = directory.Clock.StartOfDay(today.AddDays(-daysAgo)).AddHours(10);
            if (first)
            {
                events.Add(Events.State(agent.Id, "Available", t));
                first = false;
            }

            for (var i = 0; i < 3; i++)
            {
                var contact = $"csat-{agent.Id}-{daysAgo}-{i}";
                events.Add(Events.Arrived(queue, contact, t.AddMinutes(10 * i)));
                events.Add(Events.Answered(queue, contact, agent.Id, t.AddMinutes(10 * i).AddSeconds(5)));
                events.Add(new { id = Guid.NewGuid().ToString("N"), type = "ContactEnded", at = t.AddMinutes(10 * i).AddMinutes(4), queueId = queue, contactId = contact, agentId = agent.Id, wrapUp = false });
                surveys.Add(new { contactId = contact, csat });
            }
        }

        var posted = await Events.PostAsync(server.Client, [.. events]);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        var answered = await server.Client.PostAsJsonAsync("api/surveys", surveys, Ct);
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync(Ct));

        var wellbeing = await server.Client.GetFromJsonAsync<JsonElement>($"api/wellbeing/agents/{agent.Id}", Ct);
        var days = wellbeing.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!, d => d.GetProperty("csat"));
        Assert.Equal(5, days[today.AddDays(-12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].GetDouble());
        Assert.Equal(2, days[today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].GetDouble());
        Assert.Equal(JsonValueKind.Null, days[today.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].ValueKind);
        var csatFactor = wellbeing.GetProperty("score").GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "csat");
        Assert.Equal(5, csatFactor.GetProperty("points").GetDouble());
        Assert.Contains("2.00", csatFactor.GetRawText());
        Assert.Contains("5.00", csatFactor.GetRawText());
    }

    [Fact]
    public void Monitor_PushesWhenAnAgentCrossesALevel_InEitherDirection()
    {
        var before = new Dictionary<string, BurnoutLevel> { ["a1"] = BurnoutLevel.Low, ["a2"] = BurnoutLevel.Watch, ["a3"] = BurnoutLevel.Alert };
        var now = new Dictionary<string, BurnoutLevel> { ["a1"] = BurnoutLevel.Watch, ["a2"] = BurnoutLevel.Watch, ["a3"] = BurnoutLevel.Low, ["a4"] = BurnoutLevel.Low };

        Assert.Equal(["a1", "a3"], WellbeingMonitor.Crossed(before, now));
        Assert.Empty(WellbeingMonitor.Crossed(now, now));
        Assert.Equal(["a2"], WellbeingMonitor.Crossed(new Dictionary<string, BurnoutLevel>(), new Dictionary<string, BurnoutLevel> { ["a2"] = BurnoutLevel.Watch, ["a5"] = BurnoutLevel.Low }));
    }

    [Fact]
    public async Task PlanArchive_ReadsPublishedPlansInBulk_WithoutTheirShiftGrains()
    {
        var directory = server.Factory.Services.GetRequiredService<IContactCenterDirectory>();
        var grains = server.Factory.Services.GetRequiredService<IGrainFactory>();
        var archive = server.Factory.Services.GetRequiredService<IPlanArchive>();
        var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().ElementAt(8).Id;
        var day = directory.Clock.LocalDate(DateTimeOffset.UtcNow).AddDays(-3);
        var start = directory.Clock.StartOfDay(day).AddHours(9);
        PlannedActivity[] plan =
        [
            new(start, start.AddHours(2), ActivityKind.Work),
            new(start.AddHours(2), start.AddHours(2.25), ActivityKind.Break),
            new(start.AddHours(2.25), start.AddHours(8), ActivityKind.Work),
        ];
        await grains.GetGrain<IShiftGrain>(ShiftKey.For(agent, day)).SetPlanAsync(plan);

        var all = await archive.ReadAsync(day.AddDays(-1), day, cancellationToken: Ct);
        var mine = await archive.ReadAsync(day, day, agent, Ct);

        Assert.Equal(plan, all[(agent, day)]);
        Assert.Equal([(agent, day)], mine.Keys);
        Assert.Empty(await archive.ReadAsync(day.AddDays(1), day.AddDays(2), agent, Ct));
    }
}
