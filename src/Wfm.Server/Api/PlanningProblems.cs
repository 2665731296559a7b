using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Planning;

namespace Wfm.Server.Api;

/// <summary>The planning layer's refusals as the API answers them: 400 problem details naming each field.</summary>
public static class PlanningProblems
{
    public static ValidationProblem ToProblem(this PlanningException ex) =>
        TypedResults.ValidationProblem(ex.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Detail).ToArray()));
}
