using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Directory;
using Wfm.Core.Ports;
using Wfm.Core.Queues;
using Wfm.Planning.Center;
using Wfm.Planning;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>
/// /api/center/…: setting up one's own center — settings, teams, queues, agents (and their CSV import and export),
/// contracts, shift templates, rule sets, the center's own days. Thin doors to <see cref="CenterService"/>: list,
/// get, create, update, deactivate and activate again; nothing is ever deleted.
/// </summary>
public static class CenterSetupApi
{
    public static RouteGroupBuilder MapCenterSetupApi(this RouteGroupBuilder api)
    {
        var center = api.MapGroup("/center").WithTags("Center set-up");
        center.MapGet("/setup", Setup).WithSummary("The whole center: settings, teams, queues, agents, contracts, shift templates, rule sets, own days")
            .RequireAccess(Access.AnyStaff);
        Write(center.MapPut("/settings", (CenterSettings body, CenterService s, CancellationToken ct) => Ok(s.UpdateSettingsAsync(body, ct)))
            .WithSummary("Name, time zone and interval (fixed once events are recorded), public holidays (none, TR, IR)"), "center.settings");
        Write(center.MapPut("/days", (IReadOnlyList<CenterDay> body, CenterService s, CancellationToken ct) => Ok(s.SaveDaysAsync(body, ct)))
            .WithSummary("Replaces the center's own days (holidays, campaigns, outages)"), "center.days");

        Kind(center, "teams", CenterKind.Team, c => c.Teams, t => t.Id,
            (TeamInDto d, bool create, CenterService s, CancellationToken ct) => s.SaveTeamAsync(new TeamProfile(d.Id, d.Name), create, ct));
        Kind(center, "queues", CenterKind.Queue, c => c.Queues, q => q.Id,
            (QueueInDto d, bool create, CenterService s, CancellationToken ct) => s.SaveQueueAsync(
                new QueueProfile(d.Id, d.Name, d.Channel, new ServiceLevelTarget(d.TargetPercent, d.TargetSeconds, d.AbandonsCountAsMisses), d.Hours, d.AcdId), create, ct));
        Kind(center, "agents", CenterKind.Agent, c => c.Agents, a => a.Id,
            (AgentInDto d, bool create, CenterService s, CancellationToken ct) => s.SaveAgentAsync(
                new AgentProfile(d.Id, d.Name, d.TeamId, d.Skills ?? [], d.Locale ?? "en", d.ContractId, d.TimeZone, d.AcdId, d.HireDate), create, ct));
        Kind(center, "contracts", CenterKind.Contract, c => c.Contracts, c => c.Id,
            (ContractInDto d, bool create, CenterService s, CancellationToken ct) => s.SaveContractAsync(
                new ContractProfile(d.Id, d.Name, d.MinHoursPerWeek, d.MaxHoursPerWeek, d.MaxDaysPerWeek, d.MaxConsecutiveDays, d.MinRestHours, d.NightShifts), create, ct));
        Kind(center, "shift-templates", CenterKind.ShiftTemplate, c => [.. c.Templates.Select(ToDto)], t => t.Id,
            async (ShiftTemplateDto d, bool create, CenterService s, CancellationToken ct) => ToDto(await s.SaveTemplateAsync(FromDto(d), create, ct)));
        Kind(center, "rule-sets", CenterKind.RuleSet, c => c.RuleSets, r => r.Id,
            (RuleSetInDto d, bool create, CenterService s, CancellationToken ct) => s.SaveRuleSetAsync(
                new RuleSetProfile(d.Id, d.Name, d.TemplateIds ?? [], d.Breaks ?? [], d.MaxMinutesWithoutBreak), create, ct));

        Write(center.MapPost("/agents/import", ImportAgents)
            .WithSummary("Adds or updates agents from a CSV (id, name, team, skills[, contract, locale, time_zone, acd_id, hire_date, active]); all or nothing, errors name line and column"),
            "center.agents.import");
        center.MapGet("/agents/export", ExportAgents).WithSummary("Every agent as the import's CSV").RequireAccess(Access.Planners).Audited("center.agents.export");
        return api;
    }

    private static void Kind<TIn, TOut>(RouteGroupBuilder center, string path, CenterKind kind, Func<CenterData, IReadOnlyList<TOut>> list, Func<TOut, string> key,
        Func<TIn, bool, CenterService, CancellationToken, Task<TOut>> save)
        where TIn : ICenterInput
        where TOut : class
    {
        var word = path.TrimEnd('s');
        center.MapGet($"/{path}", async (CenterService s, CancellationToken ct) => TypedResults.Ok(list(await s.GetAsync(ct))))
            .WithSummary($"Every {word}, deactivated ones too").RequireAccess(Access.AnyStaff);
        center.MapGet($"/{path}/{{id}}", async (string id, CenterService s, CancellationToken ct) =>
                list(await s.GetAsync(ct)).FirstOrDefault(x => key(x) == id) is { } found ? Results.Ok(found) : NotFound(word, id))
            .RequireAccess(Access.AnyStaff);
        Write(center.MapPost($"/{path}", async (TIn body, CenterService s, CancellationToken ct) =>
        {
            var saved = await save(body, true, s, ct);
            return Results.Created($"/api/center/{path}/{Uri.EscapeDataString(key(saved))}", saved);
        }).WithSummary($"Adds a {word}"), $"center.{word}.create");
        Write(center.MapPut($"/{path}/{{id}}", async (string id, TIn body, CenterService s, CancellationToken ct) =>
        {
            if (body.Id != id)
            {
                throw new PlanningException("id", $"the body's id '{body.Id}' is not the address's '{id}'; an id never changes");
            }

            return Results.Ok(await save(body, false, s, ct));
        }).WithSummary($"Changes a {word} (its id stays)"), $"center.{word}.update");
        Write(center.MapPost($"/{path}/{{id}}/deactivate", async (string id, CenterService s, CancellationToken ct) =>
        {
            await s.SetActiveAsync(kind, id, false, ct);
            return Results.NoContent();
        }).WithSummary($"Deactivates a {word}: kept for the events and reports that name it, refused while active entries depend on it"), $"center.{word}.deactivate");
        Write(center.MapPost($"/{path}/{{id}}/activate", async (string id, CenterService s, CancellationToken ct) =>
        {
            await s.SetActiveAsync(kind, id, true, ct);
            return Results.NoContent();
        }).WithSummary($"Makes a deactivated {word} active again"), $"center.{word}.activate");
    }

    private static async Task<Ok<CenterSetupDto>> Setup(CenterService s, ICenterStore store, CancellationToken ct)
    {
        var c = await s.GetAsync(ct);
        return TypedResults.Ok(new CenterSetupDto(c.Settings, c.Teams, c.Queues, c.Agents, c.Contracts, [.. c.Templates.Select(ToDto)], c.RuleSets, c.Days,
            CenterSettings.HolidayCalendars, await store.HasEventsAsync(ct)));
    }

    private static async Task<IResult> ImportAgents(HttpRequest request, CenterService s, CancellationToken ct)
    {
        // CsvHelper reads synchronously, which Kestrel refuses on the request body: read the text first.
        using var body = new StreamReader(request.Body);
        var text = await body.ReadToEndAsync(ct);
        return Results.Ok(await s.ImportAgentsAsync(new StringReader(text), "agents.csv", ct));
    }

    private static async Task<IResult> ExportAgents(CenterService s, CancellationToken ct)
    {
        var csv = new StringWriter();
        await s.ExportAgentsAsync(csv, ct);
        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "agents.csv");
    }

    private static async Task<IResult> Ok<T>(Task<T> work) => Results.Ok(await work);

    /// <summary>A write for planners and admins, audited, with the planning layer's refusals as problem details.</summary>
    private static void Write(RouteHandlerBuilder endpoint, string action) =>
        endpoint.RequireAccess(Access.Planners).Audited(action).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (PlanningException ex)
            {
                return ex.ToProblem();
            }
            catch (PlanningNotFoundException ex)
            {
                return NotFound(ex.Kind, ex.Id);
            }
        });

    private static ProblemHttpResult NotFound(string kind, string id) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"{kind} '{id}' is not in this center");

    private static ShiftTemplateDto ToDto(ShiftTemplateProfile t) =>
        new(t.Id, t.Name, t.LengthsMinutes, t.EarliestStart.ToString("HH:mm", CultureInfo.InvariantCulture), t.LatestStart.ToString("HH:mm", CultureInfo.InvariantCulture),
            t.StartIncrementMinutes, t.Days, t.Deactivated);

    private static ShiftTemplateProfile FromDto(ShiftTemplateDto d) =>
        new(d.Id, d.Name, d.LengthsMinutes ?? [], Time("earliestStart", d.EarliestStart), Time("latestStart", d.LatestStart), d.StartIncrementMinutes, d.Days);

    private static TimeOnly Time(string field, string? text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new PlanningException(field, $"expected a time such as 08:30, got '{text}'");
}
