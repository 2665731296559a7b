namespace Wfm.Core.Staffing;

/// <summary>How to staff a series of intervals: model, mean patience (Erlang A), targets, shrinkage.</summary>
public sealed record StaffingOptions(
    StaffingModelKind Model,
    ServiceTargets Targets,
    double? PatienceSeconds = null,
    Shrinkage? Shrinkage = null)
{
    public Shrinkage EffectiveShrinkage => Shrinkage ?? Staffing.Shrinkage.None;

    public double? EffectivePatience => Model == StaffingModelKind.ErlangA ? PatienceSeconds : null;

    public void Validate()
    {
        Targets.Validate();
        if (Model == StaffingModelKind.Chat)
        {
            throw new StaffingInputException("model", "chat is staffed with the concurrency model (StaffingRunner), not the Erlang planner");
        }

        if (Model == StaffingModelKind.ErlangA && PatienceSeconds is null)
        {
            throw new StaffingInputException("patienceSeconds", "Erlang A needs the mean patience in seconds (estimate it from history if unknown)");
        }

        if (PatienceSeconds is { } p && (!(p > 0) || double.IsInfinity(p)))
        {
            throw new StaffingInputException("patienceSeconds", $"must be more than 0 seconds, got {p}");
        }
    }
}
