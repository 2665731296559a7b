using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Directory;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Data.Coaching;
using Wfm.Planning.Charts;
using Wfm.Planning.Conversations;
using Wfm.Planning.Csv;
using Wfm.Server.Hosting;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>A survey answer as posted: the contact and any of CSAT (1–5), NPS (0–10), CES (1–7).</summary>
public sealed record SurveyDto(string ContactId, int? Csat = null, int? Nps = null, int? Ces = null);

/// <summary>Survey answers in (JSON or CSV) and the KPIs of docs/kpis.md per agent, team, queue or channel, with the previous period beside them.</summary>
public static class KpisApi
{
    public static RouteGroupBuilder MapKpisApi(this RouteGroupBuilder api)
    {
        api.MapPost("/surveys", PostSurveys).WithTags("Coaching").WithSummary("Survey answers per contact (JSON array); all are stored or none; answering again replaces")
            .RequireAccess(Access.Trainers, WfmScopes.SurveysWrite);
        api.MapPost("/surveys/csv", PostSurveyCsv).WithTags("Coaching").WithSummary("Survey answers as CSV (contact_id, csat, nps, ces); a bad row names its line and column and nothing is stored")
            .RequireAccess(Access.Trainers, WfmScopes.SurveysWrite);
        api.MapGet("/kpis", Get).WithTags("Coaching").WithSummary("KPIs per group (agent, team, queue, channel) for [from, to) and the period before; default the last 7 days")
            .RequireAccess(Access.AnyStaff);
        api.MapGet("/kpis/agents/{id}/trend.svg", Trend).WithTags("Coaching").WithSummary("An agent's handled contacts, AHT and first response per week over the last weeks (default 8), as an SVG chart")
            .RequireAccess(Access.Everyone).ForAgent("id");
        return api;
    }

    private static async Task<Results<Ok<int>, ValidationProblem>> PostSurveys(IReadOnlyList<SurveyDto> answers, SurveyStore store)
    {
        for (var i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            var problem = string.IsNullOrWhiteSpace(a.ContactId) ? ("contactId", "is required")
                : a.Csat is < 1 or > 5 ? ("csat", $"expected 1 to 5, got {a.Csat}")
                : a.Nps is < 0 or > 10 ? ("nps", $"expected 0 to 10, got {a.Nps}")
                : a.Ces is < 1 or > 7 ? ("ces", $"expected 1 to 7, got {a.Ces}")
                : a is { Csat: null, Nps: null, Ces: null } ? ("csat", "no answer given") : default;
            if (problem != default)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [$"[{i}].{problem.Item1}"] = [problem.Item2] });
            }
        }

        return TypedResults.Ok(await store.UpsertAsync(answers.Select(a => (a.ContactId.Trim(), new SurveyAnswer(a.Csat, a.Nps, a.Ces))).ToList()));
    }

    private static async Task<Results<Ok<int>, ValidationProblem>> PostSurveyCsv(HttpRequest request, SurveyStore store)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        try
        {
            return TypedResults.Ok(await store.UpsertAsync(SurveyCsv.Read(new StringReader(text), "surveys.csv")));
        }
        catch (InputFileException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Column ?? "file"] = [ex.Message] });
        }
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Trend(
        string id, ContactRecordReader contacts, IContactCenterDirectory directory, TimeProvider time, int? weeks, string? lang, CancellationToken cancellationToken)
    {
        if (directory.FindAgent(id) is not { } agent)
        {
            return TypedResults.NotFound();
        }

        var count = Math.Clamp(weeks ?? 8, 2, 26);
        var today = directory.Clock.LocalDate(time.GetUtcNow());
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstWeek = monday.AddDays(-7 * (count - 1));
        var start = directory.Clock.StartOfDay(firstWeek);
        var end = directory.Clock.StartOfDay(today.AddDays(1));
        var records = (await contacts.ReadAsync(start, end, cancellationToken)).Where(r => r.AgentId == id).ToList();
        var handled = new List<(DateTime, double)>();
        var aht = new List<(DateTime, double)>();
        var first = new List<(DateTime, double)>();
        for (var w = 0; w < count; w++)
        {
            var week = firstWeek.AddDays(7 * w);
            var k = KpiCalculator.Compute(records, directory.Clock.StartOfDay(week), directory.Clock.StartOfDay(week.AddDays(7)), directory.Clock);
            var at = week.ToDateTime(TimeOnly.MinValue);
            handled.Add((at, k.Handled));
            aht.Add((at, (k.AverageHandleSeconds ?? double.NaN) / 60));
            first.Add((at, k.FirstResponseSeconds ?? double.NaN));
        }

        var words = I18nApi.ChartWords(lang);
        var svg = SvgChart.Render(
            words.Format("chart.kpiTitle", agent.Name, count.ToString(CultureInfo.InvariantCulture)), words["chart.handled"], words["chart.minutesSeconds"],
            [
                new ChartSeries(words["chart.handled"], handled, Stepped: true),
                new ChartSeries(words["chart.aht"], aht.Where(p => !double.IsNaN(p.Item2)).ToList(), OnSecondAxis: true),
                new ChartSeries(words["chart.firstResponse"], first.Where(p => !double.IsNaN(p.Item2)).ToList(), OnSecondAxis: true, Dashed: true),
            ],
            width: 720, height: 320, text: words);
        return TypedResults.Content(svg, "image/svg+xml");
    }

    private static async Task<Results<Ok<IReadOnlyList<KpiComparison>>, ValidationProblem>> Get(
        ContactRecordReader contacts, IContactCenterDirectory directory, AccessScope scope, TimeProvider time, string? group, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-7);
        if (end <= start)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [$"must be after from ({start:O})"] });
        }

        var teamOf = directory.Agents.ToDictionary(a => a.Id, a => a.TeamId);
        Func<ContactRecord, string?>? key = (group ?? "queue") switch
        {
            "agent" => c => c.AgentId,
            "team" => c => c.AgentId is { } a ? teamOf.GetValueOrDefault(a) : null,
            "queue" => c => c.QueueId,
            "channel" => c => c.Channel.ToString().ToLowerInvariant(),
            _ => null,
        };
        if (key is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["group"] = [$"expected agent, team, queue or channel, got '{group}'"] });
        }

        // Contacts of both periods, and their ends up to a day later.
        var previous = start - (end - start);
        var records = await contacts.ReadAsync(previous, end, cancellationToken);

        // A supervisor's or trainer's figures cover the contacts their teams handled.
        var visible = scope.All ? records : records.Where(r => r.AgentId is { } a && scope.CanSeeAgent(a)).ToList();
        return TypedResults.Ok(KpiCalculator.ByGroup(visible, group ?? "queue", key, start, end, directory.Clock, new KpiOptions(BusinessHours.Weekdays9To6)));
    }
}
