using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Wellbeing;
using Wfm.Planning.Charts;
using Wfm.Server.Wellbeing;

using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>An agent's score on the team view: the score, its level and the factors that add up to it.</summary>
public sealed record WellbeingSummary(string AgentId, string Name, string TeamId, double Score, BurnoutLevel Level, IReadOnlyList<BurnoutFactor> Factors);

/// <summary>Burnout risk per agent (explainable factors), the team view and a trend chart per agent.</summary>
public static class WellbeingApi
{
    public static RouteGroupBuilder MapWellbeingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/wellbeing").WithTags("Wellbeing");
        group.MapGet("/team", Team).WithSummary("Every agent's burnout risk score, highest first; teamId to narrow, atRisk=true for watch and alert only")
            .RequireAccess(Access.Supervisors);
        group.MapGet("/agents/{id}", Agent).WithSummary("An agent's score with each factor, and the last four weeks of days it was read from")
            .RequireAccess([WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Agent]).ForAgent("id").Audited("wellbeing.read");
        group.MapGet("/agents/{id}/trend.svg", Trend).WithSummary("The score at the end of each of the last 14 days, as an SVG chart")
            .RequireAccess([WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Agent]).ForAgent("id");
        group.MapGet("/options", (WellbeingService s) => TypedResults.Ok(s.Options)).WithSummary("The weights and thresholds in use (Wfm:Wellbeing in appsettings)")
            .RequireAccess(Access.Supervisors);
        return api;
    }

    private static async Task<Ok<IEnumerable<WellbeingSummary>>> Team(WellbeingService service, AccessScope scope, string? teamId, bool? atRisk, CancellationToken cancellationToken)
    {
        var all = await service.AllAsync(cancellationToken);
        return TypedResults.Ok(all
            .Where(a => (teamId is null || a.TeamId == teamId) && scope.CanSeeAgent(a.AgentId))
            .Where(a => atRisk != true || a.Score.Level != BurnoutLevel.Low)
            .Select(a => new WellbeingSummary(a.AgentId, a.Name, a.TeamId, a.Score.Score, a.Score.Level, a.Score.Factors)));
    }

    private static async Task<Results<Ok<AgentWellbeing>, NotFound>> Agent(string id, WellbeingService service, CancellationToken cancellationToken) =>
        await service.AgentAsync(id, cancellationToken) is { } wellbeing ? TypedResults.Ok(wellbeing) : TypedResults.NotFound();

    private static async Task<Results<ContentHttpResult, NotFound>> Trend(string id, WellbeingService service, string? lang, CancellationToken cancellationToken)
    {
        if (await service.AgentAsync(id, cancellationToken) is not { } wellbeing)
        {
            return TypedResults.NotFound();
        }

        const int days = 14;
        var words = I18nApi.ChartWords(lang);
        var trend = service.Trend(wellbeing, days);
        var points = trend.Select(s => (s.Date.ToDateTime(TimeOnly.MinValue), s.Score)).ToList();
        var first = points[0].Item1;
        var last = points[^1].Item1;
        var svg = SvgChart.Render(
            words.Format("chart.burnoutTitle", wellbeing.Name, days.ToString(CultureInfo.InvariantCulture)), words["chart.burnoutScore"], null,
            [
                new ChartSeries(words["chart.burnoutScore"], points),
                new ChartSeries(words["chart.watch"], [(first, service.Options.WatchScore), (last, service.Options.WatchScore)], Dashed: true),
                new ChartSeries(words["chart.alert"], [(first, service.Options.AlertScore), (last, service.Options.AlertScore)], Dashed: true),
            ],
            width: 720, height: 320, text: words);
        return TypedResults.Content(svg, "image/svg+xml");
    }
}
