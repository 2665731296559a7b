using Wfm.Core.Events;

namespace Wfm.Simulator;

/// <summary>What the server shows after a run: which events (id and time) its journal holds, and each queue's offered count today.</summary>
public interface IServerState
{
    Task<(int Known, IReadOnlyList<string> Missing)> LookupAsync(IReadOnlyList<EventKey> events, CancellationToken cancellationToken);

    Task<int> OfferedTodayAsync(string queueId, CancellationToken cancellationToken);
}

/// <summary>The fault check's verdict: acknowledged events vs those reflected in the server's journal and queue counts.</summary>
public sealed record FaultVerdict(
    long Acknowledged,
    long Reflected,
    IReadOnlyList<string> Missing,
    IReadOnlyList<QueueCountMismatch> OfferedMismatches)
{
    public bool Holds => Acknowledged == Reflected && OfferedMismatches.Count == 0;
}

/// <summary>A queue whose offered count today is not the number of distinct acknowledged arrivals (lost, or a retry counted twice).</summary>
public sealed record QueueCountMismatch(string QueueId, int Expected, int Shown);

/// <summary>
/// Collects what the server acknowledged during a run (each event once, however often it was retried)
/// and checks afterwards that every acknowledged event is in the journal and that each queue counts each
/// acknowledged arrival exactly once.
/// </summary>
public sealed class AcknowledgementCheck
{
    /// <summary>Events per lookup request.</summary>
    public const int LookupChunk = 10_000;

    private readonly HashSet<EventKey> _acknowledged = [];
    private readonly Dictionary<string, HashSet<string>> _arrivals = [];

    public long Acknowledged => _acknowledged.Count;

    /// <summary>A batch the server answered with success.</summary>
    public void Add(IReadOnlyList<ContactCenterEvent> batch)
    {
        foreach (var e in batch)
        {
            _acknowledged.Add(EventKey.Of(e));
            if (e.Type == EventType.ContactArrived && e.QueueId is not null)
            {
                if (!_arrivals.TryGetValue(e.QueueId, out var ids))
                {
                    _arrivals[e.QueueId] = ids = [];
                }

                ids.Add(e.Id);
            }
        }
    }

    /// <param name="baseline">Each queue's offered count today before the run (0 on a fresh database).</param>
    public async Task<FaultVerdict> VerifyAsync(IServerState server, IReadOnlyDictionary<string, int> baseline, CancellationToken cancellationToken)
    {
        long reflected = 0;
        var missing = new List<string>();
        foreach (var chunk in _acknowledged.Chunk(LookupChunk))
        {
            var (known, absent) = await server.LookupAsync(chunk, cancellationToken);
            reflected += known;
            missing.AddRange(absent.Take(Math.Max(0, 100 - missing.Count)));
        }

        var mismatches = new List<QueueCountMismatch>();
        foreach (var (queue, ids) in _arrivals.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var expected = baseline.GetValueOrDefault(queue) + ids.Count;
            var shown = await server.OfferedTodayAsync(queue, cancellationToken);
            if (shown != expected)
            {
                mismatches.Add(new QueueCountMismatch(queue, expected, shown));
            }
        }

        return new FaultVerdict(_acknowledged.Count, reflected, missing, mismatches);
    }
}
