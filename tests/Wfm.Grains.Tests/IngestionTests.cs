using Wfm.Core.Agents;
using Wfm.Core.Events;
using Wfm.Core.Ports;
using Wfm.Grains.Abstractions;
using Wfm.Grains.Ingestion;

namespace Wfm.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class IngestionTests(ClusterFixture fixture)
{
    private EventIngestor Ingestor => new(fixture.Cluster.Client, ClusterFixture.Journal, ClusterFixture.Directory, ClusterFixture.Clock);

    private Task<IngestResult> Ingest(IReadOnlyList<ContactCenterEvent?> events) =>
        Ingestor.IngestAsync(events, TestContext.Current.CancellationToken);

    private static ContactCenterEvent E(EventType type, DateTimeOffset at, string? queue = null, string? contact = null, string? agent = null, AgentState? state = null) =>
        new() { Id = Guid.NewGuid().ToString("N"), Type = type, At = at, QueueId = queue, ContactId = contact, AgentId = agent, State = state };

    [Fact]
    public async Task ScriptedQueueEvents_GiveHandComputedSnapshot()
    {
        var t = ClusterFixture.Clock.GetUtcNow().AddMinutes(-3);
        var result = await Ingest(
        [
            E(EventType.AgentStateChanged, t, agent: "a1", state: AgentState.Available),
            E(EventType.ContactArrived, t.AddSeconds(1), "q1", "c1"),
            E(EventType.ContactArrived, t.AddSeconds(2), "q1", "c2"),
            E(EventType.ContactAnswered, t.AddSeconds(11), "q1", "c1", "a1"),     // 10 s
            E(EventType.ContactAbandoned, t.AddSeconds(62), "q1", "c2"),          // abandoned
            E(EventType.ContactEnded, t.AddSeconds(71), "q1", "c1", "a1"),
            E(EventType.ContactArrived, t.AddSeconds(80), "q1", "c3"),
        ]);

        Assert.False(result.IsRejected, string.Join("; ", result.Errors));
        Assert.Equal(7, result.Accepted);
        var queue = await fixture.Cluster.Client.GetGrain<IQueueGrain>("q1").GetSnapshotAsync();
        Assert.Equal(3, queue.Today.Offered);
        Assert.Equal(0.5, queue.Today.ServiceLevel);        // 1 within threshold of 1 answered + 1 abandoned
        Assert.Equal(10, queue.Today.AverageSpeedOfAnswer);
        Assert.Equal(0.5, queue.Today.AbandonRate);
        Assert.Equal(1, queue.Waiting);
        Assert.Equal(t.AddSeconds(80), queue.OldestWaitingSince);
        Assert.True(queue.LongestWaitSeconds >= 100);
        Assert.Equal(1, queue.AgentsByState[AgentState.AfterContactWork]);

        var agent = await fixture.Cluster.Client.GetGrain<IAgentGrain>("a1").GetSnapshotAsync();
        Assert.Equal(AgentState.AfterContactWork, agent.State);
        Assert.Equal(1, agent.Handled);
        Assert.Equal(60, agent.TalkSeconds, 6);
    }

    /// <summary>A turn that reports what an earlier holder (a silo that died mid-batch) recorded and did not apply.</summary>
    private sealed class TurnAfterADeadHolder(long after, long through) : IIngestionGate
    {
        public List<long> Applied { get; } = [];

        public Task<IIngestionTurn> EnterAsync(CancellationToken cancellationToken = default) => Task.FromResult<IIngestionTurn>(new Turn(this, (after, through)));

        private sealed class Turn(TurnAfterADeadHolder gate, (long, long) unapplied) : IIngestionTurn
        {
            public (long After, long Through)? Unapplied { get; } = unapplied;

            public void Recorded(long sequence)
            {
            }

            public void Applied(long sequence) => gate.Applied.Add(sequence);

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task EventsRecordedButNotApplied_ByAHolderThatDied_AreAppliedFirstByTheNextTurn_AndCountOnce()
    {
        var t = ClusterFixture.Clock.GetUtcNow().AddMinutes(-2);
        var queue = fixture.Cluster.Client.GetGrain<IQueueGrain>("q12");
        Assert.Equal(0, (await queue.GetSnapshotAsync()).Today.Offered);

        // Another silo recorded two arrivals in the journal and died before applying them.
        var before = ClusterFixture.Journal.Count;
        await ClusterFixture.Journal.AppendAsync([E(EventType.ContactArrived, t, "q12", "c1"), E(EventType.ContactArrived, t.AddSeconds(1), "q12", "c2")], TestContext.Current.CancellationToken);
        var through = (long)ClusterFixture.Journal.Count;
        Assert.Equal(0, (await queue.GetSnapshotAsync()).Today.Offered);

        var gate = new TurnAfterADeadHolder(before, through);
        using var ingestor = new EventIngestor(fixture.Cluster.Client, ClusterFixture.Journal, ClusterFixture.Directory, ClusterFixture.Clock, gate: gate);
        var result = await ingestor.IngestAsync([E(EventType.ContactArrived, t.AddSeconds(2), "q12", "c3")], TestContext.Current.CancellationToken);
        Assert.Equal(1, result.Accepted);
        Assert.Equal(3, (await queue.GetSnapshotAsync()).Today.Offered);
        Assert.Equal([through, through + 1], gate.Applied);

        // Recovered once more (the turn's mark lost with another silo): the queue has them already and counts them once.
        await ingestor.IngestAsync([E(EventType.ContactArrived, t.AddSeconds(3), "q12", "c4")], TestContext.Current.CancellationToken);
        Assert.Equal(4, (await queue.GetSnapshotAsync()).Today.Offered);
    }

    [Fact]
    public async Task RepeatedEventId_IsAcceptedAndCountedOnce_ButTwiceInOneBatchIsRefused()
    {
        var e = E(EventType.ContactArrived, ClusterFixture.Clock.GetUtcNow().AddSeconds(-5), "q2", "c1");
        var first = await Ingest([e]);
        var again = await Ingest([e]);
        var twice = await Ingest([e, e]);

        Assert.Equal((1, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 1), (again.Accepted, again.Duplicates));
        Assert.True(twice.IsRejected);
        Assert.Contains("events[0]", Assert.Single(twice.Errors).Message);
        Assert.Equal(1, (await fixture.Cluster.Client.GetGrain<IQueueGrain>("q2").GetSnapshotAsync()).Today.Offered);
    }

    [Fact]
    public async Task ARetriedBatchWithNewEvents_RecordsTheNewOnesOnly_WhetherTheRepeatsPassTheChecksOrNot()
    {
        var t = ClusterFixture.Clock.GetUtcNow().AddSeconds(-20);
        // A repeat the queue's checks refuse (the contact has arrived already): looked up, left out, the rest checked again.
        var arrived = E(EventType.ContactArrived, t, "q17", "c1");
        Assert.Equal(1, (await Ingest([arrived])).Accepted);
        var retried = await Ingest([arrived, E(EventType.ContactArrived, t.AddSeconds(1), "q17", "c2")]);
        Assert.Equal((1, 1), (retried.Accepted, retried.Duplicates));
        Assert.Equal(2, (await fixture.Cluster.Client.GetGrain<IQueueGrain>("q17").GetSnapshotAsync()).Today.Offered);

        // A repeat that passes them: the journal records its id once and it is not applied again.
        var available = E(EventType.AgentStateChanged, t, agent: "a17", state: AgentState.Available);
        Assert.Equal(1, (await Ingest([available])).Accepted);
        var again = await Ingest([available, E(EventType.AgentStateChanged, t.AddSeconds(2), agent: "a17", state: AgentState.Break)]);
        Assert.Equal((1, 1), (again.Accepted, again.Duplicates));
        Assert.Equal(AgentState.Break, (await fixture.Cluster.Client.GetGrain<IAgentGrain>("a17").GetSnapshotAsync()).State);
        Assert.Single(await ClusterFixture.Journal.ReadForAgentAsync("a17", 0, TestContext.Current.CancellationToken), e => e.Event.Id == available.Id);
    }

    [Fact]
    public async Task InvalidTransitionInABatch_RefusesTheWholeBatchAndStoresNothing()
    {
        var t = ClusterFixture.Clock.GetUtcNow().AddSeconds(-30);
        var before = ClusterFixture.Journal.Count;
        var result = await Ingest(
        [
            E(EventType.ContactArrived, t, "q3", "c1"),
            E(EventType.AgentStateChanged, t, agent: "a3", state: AgentState.Break), // Offline → Break is not allowed
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Contains("from Offline to Break", error.Message);
        Assert.Equal(before, ClusterFixture.Journal.Count);
        Assert.Equal(0, (await fixture.Cluster.Client.GetGrain<IQueueGrain>("q3").GetSnapshotAsync()).Today.Offered);
    }

    [Fact]
    public async Task Adherence_ForAScriptedDay_CountsMinutesOut()
    {
        var now = ClusterFixture.Clock.GetUtcNow();
        var day = ClusterFixture.Directory.Clock.LocalDate(now);
        var start = now.AddMinutes(-30);
        Assert.Equal(day, ClusterFixture.Directory.Clock.LocalDate(start));

        await fixture.Cluster.Client.GetGrain<IShiftGrain>(ShiftKey.For("a4", day)).SetPlanAsync(
            [new Core.Adherence.PlannedActivity(start, now.AddHours(1), Core.Adherence.ActivityKind.Work)]);
        await Ingest([E(EventType.AgentStateChanged, start.AddMinutes(12), agent: "a4", state: AgentState.Available)]);

        var adherence = await fixture.Cluster.Client.GetGrain<IShiftGrain>(ShiftKey.For("a4", day)).GetAdherenceAsync();
        Assert.Equal(12, adherence.MinutesOut, 1);
        Assert.True(adherence.InAdherenceNow);
        var snapshot = await fixture.Cluster.Client.GetGrain<IAgentGrain>("a4").GetSnapshotAsync();
        Assert.Equal(12, snapshot.Adherence.MinutesOut, 1);
    }

    [Fact]
    public async Task EmptyPlan_IsADayOff_NotAMissingPlan()
    {
        var shift = fixture.Cluster.Client.GetGrain<IShiftGrain>(ShiftKey.For("a6", new DateOnly(2027, 5, 3)));
        Assert.False(await shift.HasPlanAsync());

        await shift.SetPlanAsync([]);

        Assert.True(await shift.HasPlanAsync());
        Assert.Empty(await shift.GetPlanAsync());
    }

    [Fact]
    public async Task OverlappingPlan_IsRefused()
    {
        var t = ClusterFixture.Clock.GetUtcNow();
        var shift = fixture.Cluster.Client.GetGrain<IShiftGrain>(ShiftKey.For("a5", DateOnly.FromDateTime(t.UtcDateTime)));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => shift.SetPlanAsync(
        [
            new(t, t.AddHours(2), Core.Adherence.ActivityKind.Work),
            new(t.AddHours(1), t.AddHours(1.25), Core.Adherence.ActivityKind.Break),
        ]));
        Assert.Contains("overlaps", error.Message);
    }
}
