using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Wfm.Core.Events;
using Wfm.Core.Queues;
using Wfm.Grains.Abstractions;
using Wfm.Grains.Ingestion;

namespace Wfm.Grains.Tests;

/// <summary>A queue whose save is refused because another activation of it saved meanwhile (two silos that did not agree).</summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerConflictTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ContactCenterEvent Arrived(string contact, DateTimeOffset at) =>
        new() { Id = Guid.NewGuid().ToString("N"), Type = EventType.ContactArrived, At = at, QueueId = "q10", ContactId = contact };

    private IGrainStorage Storage => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("wfm");

    private GrainId Queue => fixture.Cluster.Client.GetGrain<IQueueGrain>("q10").GetGrainId();

    private async Task<GrainState<QueueLedger>> StoredAsync()
    {
        var stored = new GrainState<QueueLedger>();
        await Storage.ReadStateAsync("queue", Queue, stored);
        return stored;
    }

    /// <summary>Waits (bounded, in case the grain never saves) until the stored ledger matches.</summary>
    private async Task<GrainState<QueueLedger>> StoredWhenAsync(Func<QueueLedger, bool> condition)
    {
        var until = DateTimeOffset.UtcNow.AddMinutes(2);
        var stored = await StoredAsync();
        while (!(stored.RecordExists && condition(stored.State!)) && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(100, Ct);
            stored = await StoredAsync();
        }

        return stored;
    }

    [Fact]
    public async Task ARefusedSave_TakesWhatTheOtherActivationSavedAndTheJournalSince_AndSavesAgain()
    {
        using var ingestor = new EventIngestor(fixture.Cluster.Client, ClusterFixture.Journal, ClusterFixture.Directory, ClusterFixture.Clock);
        var t = ClusterFixture.Clock.GetUtcNow().AddMinutes(-5);

        // The queue takes a contact and saves it.
        Assert.False((await ingestor.IngestAsync([Arrived("cf-a", t)], Ct)).IsRejected);
        var first = await StoredWhenAsync(l => l.Contacts.ContainsKey("cf-a"));
        Assert.True(first.State!.Contacts.ContainsKey("cf-a"));

        // Another activation of the queue applied a contact this one never saw, and saved over the same etag.
        var seen = (await ClusterFixture.Journal.AppendAsync([Arrived("cf-b", t.AddSeconds(10))], Ct)).Single();
        var other = first.State;
        other.Apply(seen.Event, ClusterFixture.Directory.FindQueue("q10")!.Target, ClusterFixture.Directory.Clock);
        other.LastSequence = seen.Sequence;
        await Storage.WriteStateAsync("queue", Queue, first);
        var otherETag = first.ETag;

        // This activation takes a third contact: its save is refused; it takes the other's state and the journal since.
        Assert.False((await ingestor.IngestAsync([Arrived("cf-c", t.AddSeconds(20))], Ct)).IsRejected);
        var after = await StoredWhenAsync(l => l.Contacts.ContainsKey("cf-c"));
        Assert.NotEqual(otherETag, after.ETag);
        Assert.Equal(["cf-a", "cf-b", "cf-c"], after.State!.Contacts.Keys.Where(k => k.StartsWith("cf-", StringComparison.Ordinal)).Order());
        Assert.Equal(3, (await fixture.Cluster.Client.GetGrain<IQueueGrain>("q10").GetSnapshotAsync()).Today.Offered);
    }
}
