namespace Wfm.Planning;

/// <summary>One thing wrong with a planner's input: the field (or file, line and column) and what was expected.</summary>
public sealed record PlanningError(string Field, string Detail);

/// <summary>
/// Input the planning layer refuses, with every error found (a CSV import reports all its bad rows at once).
/// Nothing was stored when this is thrown.
/// </summary>
/// <remarks>Details are in the API's words; <see cref="CliErrors"/> names command-line options instead (see <see cref="Core.OptionWords"/>).</remarks>
public sealed class PlanningException(IReadOnlyList<PlanningError> errors)
    : Exception(Core.OptionWords.ForApi(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Detail}"))))
{
    public PlanningException(string field, string detail)
        : this([new PlanningError(field, detail)])
    {
    }

    public IReadOnlyList<PlanningError> Errors { get; } = errors.Select(e => e with { Detail = Core.OptionWords.ForApi(e.Detail) }).ToList();

    /// <summary>The errors in the command line's words.</summary>
    public IReadOnlyList<PlanningError> CliErrors { get; } = errors.Select(e => e with { Detail = Core.OptionWords.ForCli(e.Detail) }).ToList();
}

/// <summary>Something asked for by id that the center does not have.</summary>
public sealed class PlanningNotFoundException(string kind, string id) : Exception($"{kind} '{id}' is not in this center")
{
    public string Kind { get; } = kind;

    public string Id { get; } = id;
}

/// <summary>Too much at once (e.g. the most schedules solved together): the request is fine, try again later.</summary>
public sealed class PlanningBusyException(string message) : Exception(message);
