using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Planning;
using Wfm.Planning.Capacity;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>A stored capacity plan; <c>Request</c> and <c>Result</c> are left out of lists.</summary>
public sealed record CapacityPlanDto(long Id, string Name, DateTimeOffset CreatedAt, DateOnly Start, int Weeks, CapacityRequest? Request, CapacityPlanResult? Result);

/// <summary>/api/capacity: long-range demand, required FTE, supply and an optimised hiring plan; scenarios kept and compared.</summary>
public static class CapacityApi
{
    public static void MapCapacityApi(this RouteGroupBuilder api)
    {
        var capacity = api.MapGroup("/capacity").WithTags("Capacity").RequireAccess(Access.Planners);
        capacity.MapPost("/plans", Create)
            .WithSummary("Plans the weeks ahead from the stored history of the center's queues and today's agents: weekly demand, required FTE, supply and the hiring plan that costs least (or the best service a total budget buys); kept as a scenario")
            .Audited("capacity.plan.create");
        capacity.MapGet("/plans", async (CapacityService s, CancellationToken ct) =>
            TypedResults.Ok((await s.ListAsync(ct)).Select(p => new CapacityPlanDto(p.Id, p.Name, p.CreatedAt, p.Start, p.Weeks, null, null)).ToArray()));
        capacity.MapGet("/plans/{id:long}", async Task<Results<Ok<CapacityPlanDto>, NotFound>> (long id, CapacityService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } p ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound());
        capacity.MapGet("/plans/{id:long}/chart.svg", async Task<IResult> (long id, string? lang, CapacityService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } p ? Results.Text(CapacityReport.Chart(p.Result, I18nApi.ChartWords(lang)), "image/svg+xml") : Results.NotFound())
            .WithSummary("Required FTE (interval models and flat), available and with overtime, week by week, as SVG");
        capacity.MapGet("/plans/{id:long}/plan.csv", async Task<IResult> (long id, CapacityService s, CancellationToken ct) =>
        {
            if (await s.GetAsync(id, ct) is not { } p)
            {
                return Results.NotFound();
            }

            var writer = new StringWriter(CultureInfo.InvariantCulture);
            CapacityFiles.WritePlanCsv(writer, p.Result);
            return Results.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", $"capacity-{id}.csv");
        }).WithSummary("The plan week by week as CSV, as `wfm capacity plan --out` writes it");
        capacity.MapDelete("/plans/{id:long}", async Task<Results<NoContent, NotFound>> (long id, CapacityService s, CancellationToken ct) =>
            await s.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()).Audited("capacity.plan.delete");
        capacity.MapGet("/compare", Compare).WithSummary("Stored scenarios side by side (ids=1,2,…): FTE, hires, weeks short, cost, service level, and a chart (svg=true for the chart alone)");
    }

    private static async Task<Results<Created<CapacityPlanDto>, ValidationProblem, ProblemHttpResult>> Create(CapacityRequest request, CapacityService plans, HttpContext http, CancellationToken ct)
    {
        try
        {
            var plan = await plans.CreateAsync(request, ct);
            return TypedResults.Created($"/api/capacity/plans/{plan.Id}", ToDto(plan));
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
        catch (PlanningBusyException ex)
        {
            http.Response.Headers.RetryAfter = "15";
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many capacity plans at once");
        }
    }

    private static async Task<IResult> Compare(string? ids, string? lang, bool? svg, CapacityService plans, CancellationToken ct)
    {
        try
        {
            var list = new List<long>();
            foreach (var part in (ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                list.Add(long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new PlanningException("ids", $"expected plan ids separated by commas, got '{part}'"));
            }

            var comparison = await plans.CompareAsync(list, I18nApi.ChartWords(lang), ct);
            return svg == true ? Results.Text(comparison.ChartSvg, "image/svg+xml") : Results.Ok(comparison);
        }
        catch (PlanningException ex)
        {
            return ex.ToProblem();
        }
    }

    private static CapacityPlanDto ToDto(CapacityPlanRecord p) => new(p.Id, p.Name, p.CreatedAt, p.Result.Start, p.Result.Weeks, p.Request, p.Result);
}
