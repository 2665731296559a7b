using Wfm.Core.Events;
using Wfm.Simulator;

namespace Wfm.Simulation.Tests;

public sealed class AcknowledgementCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A server double: holds the events it was given, optionally losing one or counting one arrival twice.</summary>
    private sealed class ServerDouble(IEnumerable<ContactCenterEvent> stored, string? lose = null, string? doubleCount = null) : IServerState
    {
        private readonly List<ContactCenterEvent> _events = stored.Where(e => e.Id != lose).ToList();

        public Task<(int Known, IReadOnlyList<string> Missing)> LookupAsync(IReadOnlyList<EventKey> events, CancellationToken cancellationToken)
        {
            var have = _events.Select(EventKey.Of).ToHashSet();
            IReadOnlyList<string> missing = events.Where(k => !have.Contains(k)).Select(k => k.Id).ToList();
            return Task.FromResult((events.Count - missing.Count, missing));
        }

        public Task<int> OfferedTodayAsync(string queueId, CancellationToken cancellationToken) =>
            Task.FromResult(_events.Count(e => e.Type == EventType.ContactArrived && e.QueueId == queueId) + _events.Count(e => e.Id == doubleCount && e.QueueId == queueId));
    }

    private static ContactCenterEvent Arrived(string id, string queue) =>
        new() { Id = id, Type = EventType.ContactArrived, At = DateTimeOffset.UtcNow, QueueId = queue, ContactId = $"c-{id}" };

    private static readonly ContactCenterEvent[] Batch1 = [Arrived("e1", "q1"), Arrived("e2", "q1"), Arrived("e3", "q2")];
    private static readonly ContactCenterEvent[] Batch2 = [Arrived("e4", "q2"), Arrived("e5", "q1")];

    [Fact]
    public async Task EverythingReflected_Holds_EvenWhenABatchWasAcknowledgedTwice()
    {
        var check = new AcknowledgementCheck();
        check.Add(Batch1);
        check.Add(Batch2);
        check.Add(Batch2); // a retry the server acknowledged again

        var verdict = await check.VerifyAsync(new ServerDouble(Batch1.Concat(Batch2)), new Dictionary<string, int>(), Ct);

        Assert.True(verdict.Holds);
        Assert.Equal(5, verdict.Acknowledged);
        Assert.Equal(5, verdict.Reflected);
    }

    [Fact]
    public async Task ALostEvent_IsDetectedAndNamed()
    {
        var check = new AcknowledgementCheck();
        check.Add(Batch1);
        check.Add(Batch2);

        var verdict = await check.VerifyAsync(new ServerDouble(Batch1.Concat(Batch2), lose: "e4"), new Dictionary<string, int>(), Ct);

        Assert.False(verdict.Holds);
        Assert.Equal(4, verdict.Reflected);
        Assert.Equal(["e4"], verdict.Missing);
        Assert.Equal(new QueueCountMismatch("q2", 2, 1), Assert.Single(verdict.OfferedMismatches));
    }

    [Fact]
    public async Task AnArrivalCountedTwice_IsDetected()
    {
        var check = new AcknowledgementCheck();
        check.Add(Batch1);

        var verdict = await check.VerifyAsync(new ServerDouble(Batch1, doubleCount: "e3"), new Dictionary<string, int>(), Ct);

        Assert.False(verdict.Holds);
        Assert.Equal(new QueueCountMismatch("q2", 1, 2), Assert.Single(verdict.OfferedMismatches));
    }
}
