using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wfm.Server.Tests;

/// <summary>
/// History import and forecasts over HTTP. Each test imports into its own channel of a demo queue
/// (series "voice-sales/&lt;channel&gt;"), so tests never see each other's history.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ForecastingApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Half-hour history, open 08:00–18:00 on weekdays, closed at weekends: a weekday level (Monday
    /// highest) times an intraday hump, plus <paramref name="add"/>. Values are exact, no noise.
    /// </summary>
    internal static string History(string channel, DateOnly first, int days, double add = 0, string queue = "voice-sales")
    {
        var csv = new StringBuilder("date,interval_start,queue,channel,offered,aht_seconds\n");
        for (var d = first; d < first.AddDays(days); d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var level = d.DayOfWeek == DayOfWeek.Monday ? 1.3 : 1.0;
            for (var slot = 16; slot < 36; slot++)
            {
                var hump = 10 + (30 * Math.Sin((slot - 16) / 20.0 * Math.PI));
                var offered = Math.Round((level * hump) + add, 1);
                csv.Append(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd},{slot / 2:00}:{slot % 2 * 30:00},{queue},{channel},{offered},{200 + slot}\n");
            }
        }

        return csv.ToString();
    }

    private static async Task<HttpResponseMessage> Import(HttpClient client, string csv, string name = "history.csv") =>
        await client.PostAsync($"api/history?name={name}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

    private async Task<JsonElement?> Series(string key)
    {
        var all = await server.Client.GetFromJsonAsync<JsonElement>("api/history", Ct);
        return all.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(s => s!.Value.GetProperty("key").GetString() == key);
    }

    [Fact]
    public async Task AWrongJsonType_IsRefusedNamingTheField_NotAsABareBadRequest()
    {
        var forecast = await server.Client.PostAsync("api/forecasts",
            new StringContent("{\"series\": \"voice-support\", \"horizonDays\": \"fourteen\"}", Encoding.UTF8, "application/json"), Ct);
        var schedule = await server.Client.PostAsync("api/schedules/center",
            new StringContent("{\"start\": \"next monday\", \"ruleSetId\": \"standard\"}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forecast.StatusCode);
        var errors = (await forecast.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("wrong type", errors.GetProperty("horizonDays")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, schedule.StatusCode);
        Assert.True((await schedule.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("start", out _));
    }

    [Fact]
    public async Task Import_IntoASeriesWithAGap_IsRefusedUnlessAppendReplaceOrNewIsNamed()
    {
        async Task<HttpResponseMessage> Send(string csv, string query) =>
            await server.Client.PostAsync($"api/history?name=gap.csv&series=Sales%20gap{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        var spring = History("gap", new DateOnly(2025, 3, 3), 15);
        var autumn = History("gap", new DateOnly(2025, 10, 6), 15);
        var adjoining = History("gap", new DateOnly(2025, 3, 18), 15);

        var first = await Send(spring, "");
        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        var refused = await Send(autumn, "");
        var stillSpring = await Series("Sales gap");
        var meeting = await Send(adjoining, "");
        var appended = await Send(autumn, "&mode=append");
        var both = await Series("Sales gap");
        var asNew = await (await Send(autumn, "&mode=new")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var replaced = await Send(autumn, "&mode=replace");
        var onlyAutumn = await Series("Sales gap");
        var renamed = await server.Client.PostAsJsonAsync("api/history/rename", new { series = "Sales gap (2)", name = "Sales autumn 2025" }, Ct);
        var taken = await server.Client.PostAsJsonAsync("api/history/rename", new { series = "Sales autumn 2025", name = "Sales gap" }, Ct);
        var badMode = await Send(autumn, "&mode=merge");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("mode")[0].GetString();
        Assert.Contains("2025-03-03 to 2025-03-17", problem);
        Assert.Contains("mode=append", problem);
        Assert.Equal("2025-03-17", stillSpring!.Value.GetProperty("lastDay").GetString());
        Assert.Equal(HttpStatusCode.OK, meeting.StatusCode);
        Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
        Assert.Equal(("2025-03-03", "2025-10-20"), (both!.Value.GetProperty("firstDay").GetString(), both.Value.GetProperty("lastDay").GetString()));
        Assert.Equal("Sales gap (2)", asNew.GetProperty("series")[0].GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(("2025-10-06", 11 * 20), (onlyAutumn!.Value.GetProperty("firstDay").GetString(), onlyAutumn.Value.GetProperty("intervals").GetInt32()));
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        Assert.NotNull(await Series("Sales autumn 2025"));
        Assert.Null(await Series("Sales gap (2)"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
    }

    [Fact]
    public async Task Import_StoresSeries_AndImportingAgainReplacesInsteadOfDoubling()
    {
        var csv = History("import", new DateOnly(2026, 6, 1), 28);

        var first = await Import(server.Client, csv);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var imported = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("series")[0];
        Assert.Equal("voice-sales/import", imported.GetProperty("key").GetString());
        Assert.Equal(20 * 20, imported.GetProperty("written").GetInt32()); // 20 weekdays × 20 open half hours
        Assert.Equal(0, imported.GetProperty("replaced").GetInt32());
        var stored = (await Series("voice-sales/import"))!.Value;
        var contacts = stored.GetProperty("contacts").GetDouble();
        Assert.Equal(30, stored.GetProperty("intervalMinutes").GetInt32());
        Assert.Equal("voice-sales", stored.GetProperty("queue").GetString());
        Assert.Equal("import", stored.GetProperty("channel").GetString());

        var again = await (await Import(server.Client, csv)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(400, again.GetProperty("series")[0].GetProperty("replaced").GetInt32());
        var afterTwice = (await Series("voice-sales/import"))!.Value;
        Assert.Equal(400, afterTwice.GetProperty("intervals").GetInt32());
        Assert.Equal(contacts, afterTwice.GetProperty("contacts").GetDouble(), 6);

        // A later file covering the last 15 days (11 weekdays) with 5 more contacts per interval replaces just those days.
        var correction = await Import(server.Client, History("import", new DateOnly(2026, 6, 12), 15, add: 5));
        Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
        var corrected = (await Series("voice-sales/import"))!.Value;
        Assert.Equal(400, corrected.GetProperty("intervals").GetInt32());
        Assert.Equal(contacts + (11 * 20 * 5), corrected.GetProperty("contacts").GetDouble(), 6);
        Assert.Equal("2026-06-01", corrected.GetProperty("firstDay").GetString());

        var intervals = await server.Client.GetFromJsonAsync<JsonElement>("api/history/intervals?series=voice-sales/import&from=2026-06-15&to=2026-06-15", Ct);
        Assert.Equal(20, intervals.GetArrayLength());
        Assert.Equal("2026-06-15T08:00:00", intervals[0].GetProperty("start").GetString());
        Assert.Equal(Math.Round((1.3 * 10) + 5, 1), intervals[0].GetProperty("offered").GetDouble(), 6);
        Assert.Equal(216, intervals[0].GetProperty("ahtSeconds").GetDouble(), 6);
    }

    [Fact]
    public async Task Import_UnknownQueue_NamesLineAndColumn_AndStoresNothingOfTheFile()
    {
        var good = History("unknown", new DateOnly(2026, 6, 1), 21);
        var lines = good.TrimEnd('\n').Split('\n').ToList();
        lines.Add(lines[^1].Replace("voice-sales", "voice-salez", StringComparison.Ordinal));
        var csv = string.Join('\n', lines) + "\n";

        var response = await Import(server.Client, csv, "typo.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var message = problem.GetProperty("errors").GetProperty("queue")[0].GetString();
        Assert.Contains($"typo.csv line {lines.Count}, column 'queue'", message);
        Assert.Contains("unknown queue 'voice-salez'", message);
        Assert.Contains("voice-support", message);
        Assert.Null(await Series("voice-sales/unknown"));
    }

    [Fact]
    public async Task Import_NegativeCount_NamesLineAndColumn()
    {
        var lines = History("negative", new DateOnly(2026, 6, 1), 21).Split('\n');
        var fields = lines[30].Split(',');
        fields[4] = "-3";
        lines[30] = string.Join(',', fields);

        var response = await Import(server.Client, string.Join('\n', lines), "negative.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("negative.csv line 31, column 'offered'", text);
        Assert.Null(await Series("voice-sales/negative"));
    }

    [Fact]
    public async Task Import_ConflictInOneSeries_StoresNoneOfTheFile()
    {
        // "conflict-a" is stored in 30-minute intervals; a file with a new series and 15-minute "conflict-a" must store neither.
        Assert.Equal(HttpStatusCode.OK, (await Import(server.Client, History("conflict-a", new DateOnly(2026, 6, 1), 19))).StatusCode);
        var before = (await Series("voice-sales/conflict-a"))!.Value.GetProperty("contacts").GetDouble();
        var fresh = History("conflict-b", new DateOnly(2026, 7, 1), 14);
        var quarter = new StringBuilder();
        foreach (var line in History("conflict-a", new DateOnly(2026, 7, 1), 14).Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            quarter.Append(line).Append('\n');
            var f = line.Split(',');
            var time = TimeOnly.Parse(f[1], CultureInfo.InvariantCulture).AddMinutes(15);
            quarter.Append(CultureInfo.InvariantCulture, $"{f[0]},{time:HH:mm},{f[2]},{f[3]},{f[4]},{f[5]}\n");
        }

        var response = await Import(server.Client, fresh + quarter, "mixed.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("stored in 30-minute intervals", await response.Content.ReadAsStringAsync(Ct));
        Assert.Null(await Series("voice-sales/conflict-b"));
        Assert.Equal(before, (await Series("voice-sales/conflict-a"))!.Value.GetProperty("contacts").GetDouble(), 6);
    }

    [Fact]
    public async Task Forecast_OfStoredSeries_RecoversPattern_AndIsStoredWithCsvAndChart()
    {
        Assert.Equal(HttpStatusCode.OK, (await Import(server.Client, History("forecast", new DateOnly(2026, 5, 4), 63))).StatusCode);

        var response = await server.Client.PostAsJsonAsync("api/forecasts", new { series = "voice-sales/forecast", horizonDays = 7, origins = 3 }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var forecast = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = forecast.GetProperty("id").GetInt64();
        var result = forecast.GetProperty("result");
        var intervals = result.GetProperty("intervals");
        Assert.Equal(5 * 20, intervals.GetArrayLength()); // history ends on Friday 07-03; the week after: Mon–Fri open, 08:00–18:00
        var monday = intervals.EnumerateArray().First(i => i.GetProperty("start").GetString() == "2026-07-06T12:00:00");
        Assert.Equal((1.3 * (10 + (30 * Math.Sin(8 / 20.0 * Math.PI)))), monday.GetProperty("forecast").GetDouble(), 0.5);
        Assert.Equal(224, monday.GetProperty("ahtSeconds").GetDouble(), 1);
        Assert.True(monday.GetProperty("lower").GetDouble() <= monday.GetProperty("forecast").GetDouble());
        var backtest = result.GetProperty("backtest");
        Assert.Equal(result.GetProperty("model").GetString(), backtest.GetProperty("best").GetString());
        Assert.Equal(6, backtest.GetProperty("models").GetArrayLength());
        Assert.True(backtest.GetProperty("models").EnumerateArray().First(m => m.GetProperty("model").GetString() == backtest.GetProperty("best").GetString())
            .GetProperty("overall").GetProperty("wape").GetDouble() < 0.01);

        var csv = await server.Client.GetStringAsync($"api/forecasts/{id}/forecast.csv", Ct);
        var csvLines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("timestamp,queue,forecast,lower,upper,aht_seconds", csvLines[0]);
        Assert.Equal(101, csvLines.Length);
        Assert.StartsWith("2026-07-06 08:00,voice-sales/forecast,", csvLines[1]);
        var svg = await server.Client.GetAsync($"api/forecasts/{id}/chart.svg", Ct);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(Ct));
        var list = await server.Client.GetFromJsonAsync<JsonElement>("api/forecasts?series=voice-sales/forecast", Ct);
        Assert.Equal(id, list[0].GetProperty("id").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"api/forecasts/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"api/forecasts/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Forecast_NamedModelAndHolidays_UsesThemAndReportsTheHoliday()
    {
        // 2026-05-19 is a Turkish public holiday (a Tuesday); the history runs past it.
        Assert.Equal(HttpStatusCode.OK, (await Import(server.Client, History("holiday", new DateOnly(2026, 4, 6), 56))).StatusCode);

        var response = await server.Client.PostAsJsonAsync("api/forecasts", new { series = "voice-sales/holiday", model = "avg4w", horizonDays = 3, holidays = "TR" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        Assert.Equal("avg4w", result.GetProperty("model").GetString());
        var holiday = result.GetProperty("excluded").EnumerateArray().Single(e => e.GetProperty("date").GetString() == "2026-05-19");
        Assert.Equal("specialDay", holiday.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Scenario_SavedFromAForecast_IsListedUnderIt_AndAnUnknownForecastIsRefused()
    {
        Assert.Equal(HttpStatusCode.OK, (await Import(server.Client, History("scenario", new DateOnly(2026, 3, 2), 28))).StatusCode);
        var created = await server.Client.PostAsJsonAsync("api/forecasts", new { series = "voice-sales/scenario", model = "avg4w", horizonDays = 3 }, Ct);
        var forecast = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var forecastId = forecast.GetProperty("id").GetInt64();
        var intervals = forecast.GetProperty("result").GetProperty("intervals").EnumerateArray()
            .Select(i => new { start = i.GetProperty("start").GetString(), contacts = i.GetProperty("forecast").GetDouble(), ahtSeconds = 180.0 })
            .ToArray();
        var request = new { queue = "voice-sales", intervalMinutes = 30, intervals, model = "erlang-c", serviceLevel = 80, thresholdSeconds = 20 };

        var saved = await server.Client.PostAsJsonAsync("api/staffing/scenarios", new { name = "from forecast", request, forecastId }, Ct);
        var other = await server.Client.PostAsJsonAsync("api/staffing/scenarios", new { name = "not from it", request }, Ct);
        var unknown = await server.Client.PostAsJsonAsync("api/staffing/scenarios", new { name = "dangling", request, forecastId = 987654 }, Ct);

        Assert.True(saved.StatusCode == HttpStatusCode.Created, await saved.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var savedId = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var underForecast = await server.Client.GetFromJsonAsync<JsonElement>($"api/staffing/scenarios?forecastId={forecastId}", Ct);
        Assert.Equal([savedId], underForecast.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        Assert.Equal(forecastId, underForecast[0].GetProperty("forecastId").GetInt64());
        Assert.Equal(forecastId, (await server.Client.GetFromJsonAsync<JsonElement>($"api/staffing/scenarios/{savedId}", Ct)).GetProperty("forecastId").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("987654", await unknown.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("""{"series":"no-such-series"}""", "series", "no history is stored for 'no-such-series'")]
    [InlineData("""{"series":"voice-support","horizonDays":0}""", "horizonDays", "between 1 and 366")]
    [InlineData("""{"series":"no-such-series","horizonDays":100000}""", "horizonDays", "between 1 and 366")] // checked before any history is read
    [InlineData("""{"series":"voice-support","model":"prophet"}""", "model", "unknown model 'prophet'")]
    [InlineData("""{"series":"voice-support","holidays":"XX"}""", "holidays", "unknown holiday calendar 'XX'")]
    [InlineData("""{"series":"voice-support","specialDays":[{"date":"2026-12-01","name":"bill run","factor":-1}]}""", "specialDays[0].factor", "multiplier")]
    public async Task Forecast_BadRequest_NamesTheField(string body, string field, string expected)
    {
        var response = await server.Client.PostAsync("api/forecasts", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task DemoCenter_StartsWithTwelveWeeksOfHistoryPerQueue()
    {
        var voice = (await Series("voice-support"))!.Value;

        Assert.Equal(84, DateOnly.Parse(voice.GetProperty("lastDay").GetString()!, CultureInfo.InvariantCulture).DayNumber
            - DateOnly.Parse(voice.GetProperty("firstDay").GetString()!, CultureInfo.InvariantCulture).DayNumber + 1);
        Assert.True(voice.GetProperty("hasHandleTimes").GetBoolean());
        Assert.NotNull(await Series("email-support"));
    }

    [Fact]
    public async Task AnImportTheServerCannotReadTheIntervalsOf_SpeaksTheApisWords_NotTheCommandLines()
    {
        var csv = "timestamp,queue,offered\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{new DateTime(2026, 6, 1).AddMinutes(7 * i):yyyy-MM-dd HH:mm},voice-support,{i % 9}\n"));
        var response = await server.Client.PostAsync("api/history?name=odd.csv&series=Odd", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("intervalMinutes parameter", body);
        Assert.DoesNotContain("--", body);
    }

    [Fact]
    public async Task AModelThatRunsAwayOnTheHistory_GivesWayToTheFourWeekMeanSayingSo_NeverA500_AndAutoForecastsIt()
    {
        // 16 weeks around the clock with almost no calls at night: Taylor's multiplicative model ran into the millions here before its bounds.
        var random = new Random(4);
        var csv = new StringBuilder("timestamp,queue,offered\n");
        for (var d = 0; d < 112; d++)
        {
            for (var s = 0; s < 48; s++)
            {
                var hour = s / 2.0;
                var rate = hour < 7 ? 0.15 : (20 * Math.Sin((hour - 7) / 17 * Math.PI)) + 1;
                var (limit, k, p) = (Math.Exp(-rate), 0, 1.0);
                do
                {
                    k++;
                    p *= random.NextDouble();
                }
                while (p > limit);
                csv.Append(CultureInfo.InvariantCulture, $"{new DateTime(2026, 1, 5).AddDays(d).AddMinutes(s * 30):yyyy-MM-dd HH:mm},voice-support,{k - 1}\n");
            }
        }

        var imported = await server.Client.PostAsync("api/history?name=nights.csv&series=Quiet%20nights", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));

        // Taylor's model asked for by name: its own forecast when it stays sane, else the 4-week weekday mean and the reason.
        var taylor = await server.Client.PostAsJsonAsync("api/forecasts", new { series = "Quiet nights", model = "taylor", horizonDays = 14, origins = 2 }, Ct);
        Assert.True(taylor.StatusCode == HttpStatusCode.Created, await taylor.Content.ReadAsStringAsync(Ct));
        var named = (await taylor.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var fallback = named.TryGetProperty("fallback", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        Assert.True(named.GetProperty("model").GetString() == "taylor" ? fallback is null : fallback!.Contains("ran away", StringComparison.Ordinal), named.GetProperty("model").GetString());
        Assert.All(named.GetProperty("intervals").EnumerateArray(), i => Assert.InRange(i.GetProperty("upper").GetDouble(), 0, 1000));

        var auto = await server.Client.PostAsJsonAsync("api/forecasts", new { series = "Quiet nights", horizonDays = 14, origins = 3 }, Ct);
        Assert.True(auto.StatusCode == HttpStatusCode.Created, await auto.Content.ReadAsStringAsync(Ct));
        var result = (await auto.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        Assert.NotEqual("taylor", result.GetProperty("model").GetString());
        Assert.All(result.GetProperty("intervals").EnumerateArray(), i => Assert.InRange(i.GetProperty("upper").GetDouble(), 0, 1000));
    }
}
