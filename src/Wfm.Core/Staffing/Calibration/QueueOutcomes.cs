namespace Wfm.Core.Staffing.Calibration;

/// <summary>Outcomes at a fractional agent count (an average over an interval): linear between the whole counts around it.</summary>
public static class QueueOutcomes
{
    public static QueueOutcome At(IQueueModel model, double agents)
    {
        if (!(agents >= 0) || agents > ErlangQueue.MaxAgents)
        {
            throw new StaffingInputException("agents", $"must be between 0 and {ErlangQueue.MaxAgents}, got {agents}");
        }

        var low = (int)Math.Floor(agents);
        var share = agents - low;
        var below = model.Evaluate(low);
        if (share < 1e-9 || low == ErlangQueue.MaxAgents)
        {
            return below with { Agents = agents };
        }

        var above = model.Evaluate(low + 1);
        double Mix(double x, double y) => double.IsPositiveInfinity(x) ? (share >= 1 ? y : double.PositiveInfinity) : x + ((y - x) * share);
        return new QueueOutcome(
            agents,
            Mix(below.ServiceLevel, above.ServiceLevel),
            Mix(below.ServiceLevelAnswered, above.ServiceLevelAnswered),
            Mix(below.ProbabilityOfWait, above.ProbabilityOfWait),
            Mix(below.AbandonRate, above.AbandonRate),
            Mix(below.AsaSeconds, above.AsaSeconds),
            Mix(below.AsaAnsweredSeconds, above.AsaAnsweredSeconds),
            Mix(below.Occupancy, above.Occupancy));
    }
}
