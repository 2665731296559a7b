namespace Wfm.Core.Ports;

/// <summary>
/// An offer made to agents during the day: overtime or time off (<c>Kind</c>: "overtime" or "time-off") over
/// <c>From</c>–<c>To</c> on a queue, for up to <c>Needed</c> agents, first come first served; <c>Taken</c> lists who
/// accepted, <c>Declined</c> who said no.
/// </summary>
public sealed record IntradayOffer(
    long Id, string Kind, string QueueId, DateOnly Date, DateTimeOffset From, DateTimeOffset To, int Needed, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Taken, IReadOnlyList<string> Declined)
{
    public bool IsOpen => Taken.Count < Needed;
}

/// <summary>Where the day's offers and the agents' answers are kept.</summary>
public interface IIntradayOfferStore
{
    Task<long> AddAsync(string kind, string queueId, DateOnly date, DateTimeOffset from, DateTimeOffset to, int needed, string createdBy, CancellationToken cancellationToken = default);

    /// <summary>The offers of a day, newest first.</summary>
    Task<IReadOnlyList<IntradayOffer>> ListAsync(DateOnly date, CancellationToken cancellationToken = default);

    Task<IntradayOffer?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Records an agent's answer; false when they had already answered.</summary>
    Task<bool> AnswerAsync(long id, string agentId, bool accepted, CancellationToken cancellationToken = default);
}
