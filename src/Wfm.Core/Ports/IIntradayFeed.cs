namespace Wfm.Core.Ports;

/// <summary>What a queue did in one interval of today (the live queue's counters).</summary>
/// <param name="ServiceLevel">Share answered within the target (null when nothing was answered or abandoned).</param>
/// <param name="AverageTalkSeconds">Mean talk time of the contacts handled (null when none).</param>
public sealed record IntervalActual(int Slot, int Offered, int Answered, int Abandoned, double? ServiceLevel, double? AbandonRate, double? AverageTalkSeconds);

/// <summary>The floor as the intraday view reads it: a day's counters per queue and interval, the queue now, and who is working now.</summary>
public interface IIntradayFeed
{
    /// <summary>
    /// The counters of <paramref name="queueId"/> per interval of local day <paramref name="day"/> (only intervals with
    /// something in them): today's live, an earlier day's from its events.
    /// </summary>
    Task<IReadOnlyList<IntervalActual>> ActualsAsync(string queueId, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>The queue as it is now: how long each waiting contact has waited, and how many are with an agent.</summary>
    Task<Staffing.Simulation.LiveStart> LiveAsync(string queueId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Agents logged in (any state but offline) among those skilled for <paramref name="queueId"/>, on average over each
    /// interval of local day <paramref name="day"/> (only intervals with someone logged in), from their state changes:
    /// what an ACD reports as agents logged in, the input a staffing calibration learns from.
    /// </summary>
    Task<IReadOnlyDictionary<int, double>> LoggedInAsync(string queueId, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>Per queue, the agents skilled for it who are working now (available, on a contact or wrapping up).</summary>
    Task<IReadOnlyDictionary<string, int>> WorkingNowAsync(CancellationToken cancellationToken = default);
}
