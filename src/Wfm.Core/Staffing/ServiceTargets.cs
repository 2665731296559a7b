using System.Globalization;

namespace Wfm.Core.Staffing;

/// <summary>
/// The targets a staffing requirement must meet together. Any target left null is not applied, but at
/// least one must be given. Service level is "Fraction of contacts answered within ThresholdSeconds";
/// abandoned contacts count as misses unless <see cref="AbandonsAreMisses"/> is off (then SL is over
/// answered contacts only).
/// </summary>
public sealed record ServiceTargets(
    double? ServiceLevel = 0.8,
    double ThresholdSeconds = 20,
    double? MaxAsaSeconds = null,
    double? MaxAbandonRate = null,
    double? MaxOccupancy = null,
    bool AbandonsAreMisses = true)
{
    /// <summary>Parses "80/20" (percent/seconds) or "0.8/20".</summary>
    public static ServiceTargets ParseServiceLevel(string text, string field = "sl")
    {
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var level)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new StaffingInputException(field, $"expected PERCENT/SECONDS such as 80/20, got '{text}'");
        }

        var fraction = level > 1 ? level / 100 : level;
        var targets = new ServiceTargets(fraction, seconds);
        targets.Validate();
        return targets;
    }

    public void Validate()
    {
        if (ServiceLevel is null && MaxAsaSeconds is null && MaxAbandonRate is null && MaxOccupancy is null)
        {
            throw new StaffingInputException("targets", "give at least one target: service level, max ASA, max abandonment or max occupancy");
        }

        if (ServiceLevel is { } sl && (!(sl > 0) || !(sl < 1)))
        {
            throw new StaffingInputException("serviceLevel", $"must be a fraction strictly between 0 and 1 (e.g. 0.8), got {sl}");
        }

        if (!(ThresholdSeconds >= 0) || double.IsInfinity(ThresholdSeconds))
        {
            throw new StaffingInputException("thresholdSeconds", $"must be zero or more seconds, got {ThresholdSeconds}");
        }

        if (MaxAsaSeconds is { } asa && !(asa > 0))
        {
            throw new StaffingInputException("maxAsaSeconds", $"must be more than 0 seconds, got {asa}");
        }

        if (MaxAbandonRate is { } ab && (!(ab > 0) || !(ab < 1)))
        {
            throw new StaffingInputException("maxAbandonRate", $"must be a fraction strictly between 0 and 1, got {ab}");
        }

        if (MaxOccupancy is { } occ && (!(occ > 0) || !(occ <= 1)))
        {
            throw new StaffingInputException("maxOccupancy", $"must be a fraction in (0, 1], got {occ}");
        }
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (ServiceLevel is { } sl)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"SL {sl * 100:0.#}/{ThresholdSeconds:0.#}"));
        }

        if (MaxAsaSeconds is { } asa)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"ASA ≤ {asa:0.#}s"));
        }

        if (MaxAbandonRate is { } ab)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"abandon ≤ {ab * 100:0.#}%"));
        }

        if (MaxOccupancy is { } occ)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"occupancy ≤ {occ * 100:0.#}%"));
        }

        return string.Join(", ", parts);
    }
}
