namespace Wfm.Core.Staffing;

/// <summary>A queue for one interval whose outcome can be evaluated for any whole number of agents.</summary>
public interface IQueueModel
{
    /// <summary>Offered load in Erlangs (agent-equivalents of work), used as the search's starting point.</summary>
    double OfferedErlangs { get; }

    /// <summary>True when the interval has no contacts at all.</summary>
    bool IsIdle { get; }

    QueueOutcome Evaluate(int agents);
}
