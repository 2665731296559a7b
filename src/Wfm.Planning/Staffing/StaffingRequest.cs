using Wfm.Core.Staffing;
using Wfm.Core.Staffing.Calibration;
using Wfm.Core.Staffing.Simulation;

namespace Wfm.Planning.Staffing;

/// <summary>
/// Everything a staffing run needs besides the forecast. <see cref="AhtSeconds"/> applies where the
/// forecast has no handle time (and overrides it when <see cref="AhtOverrides"/> is set);
/// <see cref="AhtFactor"/> scales handle times for what-if scenarios. <see cref="Replications"/> &gt; 0 also
/// simulates each day's required staffing as one run and reports the simulated service level;
/// <see cref="SimulatedPatience"/>, when set (e.g. estimated from history), is the callers' patience in
/// that simulation instead of an exponential with <see cref="PatienceSeconds"/>. With a <see cref="Calibration"/>, agents
/// are counted as logged in and outcomes are the calibrated model's; <see cref="Model"/> and <see cref="PatienceSeconds"/>
/// then give the uncalibrated figures shown beside them.
/// </summary>
public sealed record StaffingRequest(
    StaffingModelKind Model,
    ServiceTargets Targets,
    double? PatienceSeconds = null,
    Shrinkage? Shrinkage = null,
    double? AhtSeconds = null,
    bool AhtOverrides = false,
    double AhtFactor = 1,
    ConcurrencyCurve? Concurrency = null,
    int Replications = 0,
    HandleTimeDistribution? HandleTime = null,
    ulong Seed = 20261125,
    PatienceDistribution? SimulatedPatience = null,
    StaffingCalibration? Calibration = null)
{
    public void Validate()
    {
        Targets.Validate();
        if (Model == StaffingModelKind.ErlangA && PatienceSeconds is null)
        {
            throw new StaffingInputException("patience", "Erlang A needs the mean patience in seconds (or choose erlang-c)");
        }

        if (PatienceSeconds is { } p && !(p > 0))
        {
            throw new StaffingInputException("patience", $"must be more than 0 seconds, got {p}");
        }

        if (AhtSeconds is { } aht && !(aht > 0))
        {
            throw new StaffingInputException("aht", $"must be more than 0 seconds, got {aht}");
        }

        if (!(AhtFactor > 0) || AhtFactor > 10)
        {
            throw new StaffingInputException("ahtFactor", $"must be in (0, 10], got {AhtFactor}");
        }

        if (Replications is < 0 or > 10_000 or 1)
        {
            throw new StaffingInputException("simulate", $"replications must be 0 (off) or 2–10000, got {Replications}");
        }

        if (Calibration is { } calibration)
        {
            if (Model == StaffingModelKind.Chat)
            {
                throw new StaffingInputException("calibration", "a calibration applies to voice queues (Erlang C or A), not to chat");
            }

            calibration.Validate();
        }
    }

    /// <summary>Patience the model uses: Erlang C assumes nobody hangs up (the simulation still uses <see cref="PatienceSeconds"/>).</summary>
    public double? EffectivePatience => Model == StaffingModelKind.ErlangC ? null : PatienceSeconds;
}
