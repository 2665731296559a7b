namespace Wfm.Core.Ports;

/// <summary>What a queue did in one interval of today (the live queue's counters).</summary>
/// <param name="ServiceLevel">Share answered within the target (null when nothing was answered or abandoned).</param>
/// <param name="AverageTalkSeconds">Mean talk time of the contacts handled (null when none).</param>
public sealed record IntervalActual(int Slot, int Offered, int Answered, int Abandoned, double? ServiceLevel, double? AbandonRate, double? AverageTalkSeconds);

/// <summary>The live floor as the intraday view reads it: today's counters per queue and interval, and who is working now.</summary>
public interface IIntradayFeed
{
    /// <summary>Today's counters of <paramref name="queueId"/> per interval (only intervals with something in them).</summary>
    Task<IReadOnlyList<IntervalActual>> ActualsAsync(string queueId, CancellationToken cancellationToken = default);

    /// <summary>The queue as it is now: how long each waiting contact has waited, and how many are with an agent.</summary>
    Task<Staffing.Simulation.LiveStart> LiveAsync(string queueId, CancellationToken cancellationToken = default);

    /// <summary>Per queue, the agents skilled for it who are working now (available, on a contact or wrapping up).</summary>
    Task<IReadOnlyDictionary<string, int>> WorkingNowAsync(CancellationToken cancellationToken = default);
}
