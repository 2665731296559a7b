using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Directory;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Data.Coaching;
using Wfm.Reporting.Conversations;
using Wfm.Reporting.Csv;

namespace Wfm.Server.Api;

/// <summary>A survey answer as posted: the contact and any of CSAT (1–5), NPS (0–10), CES (1–7).</summary>
public sealed record SurveyDto(string ContactId, int? Csat = null, int? Nps = null, int? Ces = null);

/// <summary>Survey answers in (JSON or CSV) and the KPIs of docs/kpis.md per agent, team, queue or channel, with the previous period beside them.</summary>
public static class KpisApi
{
    public static RouteGroupBuilder MapKpisApi(this RouteGroupBuilder api)
    {
        api.MapPost("/surveys", PostSurveys).WithTags("Coaching").WithSummary("Survey answers per contact (JSON array); all are stored or none; answering again replaces");
        api.MapPost("/surveys/csv", PostSurveyCsv).WithTags("Coaching").WithSummary("Survey answers as CSV (contact_id, csat, nps, ces); a bad row names its line and column and nothing is stored");
        api.MapGet("/kpis", Get).WithTags("Coaching").WithSummary("KPIs per group (agent, team, queue, channel) for [from, to) and the period before; default the last 7 days");
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

    private static async Task<Results<Ok<IReadOnlyList<KpiComparison>>, ValidationProblem>> Get(
        IEventJournal journal, SurveyStore surveys, IContactCenterDirectory directory, TimeProvider time, string? group, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
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
        var events = await journal.ReadContactEventsAsync(previous, end.AddDays(1), cancellationToken);
        var records = ContactRecords.From(events.Select(e => e.Event), directory, await surveys.AllAsync());
        return TypedResults.Ok(KpiCalculator.ByGroup(records, group ?? "queue", key, start, end, directory.Clock, new KpiOptions(BusinessHours.Weekdays9To6)));
    }
}
