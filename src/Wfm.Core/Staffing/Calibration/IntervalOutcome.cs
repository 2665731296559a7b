namespace Wfm.Core.Staffing.Calibration;

/// <summary>
/// What happened in one past interval of one queue: contacts offered, answered, abandoned and answered within the
/// service-level threshold, the mean handle time, and the agents logged in (on average over the interval, so it may
/// be fractional). The inputs a formula sees (offered, handle time, agents) beside the outcomes it should predict.
/// </summary>
public sealed record IntervalOutcome(
    string Queue,
    DateTime Start,
    double IntervalSeconds,
    double Offered,
    double Answered,
    double Abandoned,
    double AnsweredWithin,
    double AhtSeconds,
    double Agents)
{
    public StaffingInterval Load => new(Offered, AhtSeconds, IntervalSeconds);

    /// <summary>Answered within the threshold ÷ offered (abandons are misses), or ÷ answered.</summary>
    public double ServiceLevel(bool abandonsAreMisses) => abandonsAreMisses
        ? AnsweredWithin / Offered
        : Answered > 0 ? AnsweredWithin / Answered : 1;

    public double AbandonRate => Abandoned / Offered;
}
