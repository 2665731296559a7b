using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Wfm.Core.Agents;
using Wfm.Core.Conversations;
using Wfm.Core.Events;
using Wfm.Grains.Abstractions;
using Wfm.Grains.Ingestion;

namespace Wfm.Grains.Tests;

/// <summary>Conversation timelines from ingested events, the inbox that lists the open ones, and presence with collisions.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // One ingestor, as the server has: it remembers which voice contacts had transcript lines.
    private EventIngestor Ingestor => _ingestor ??= new(fixture.Cluster.Client, ClusterFixture.Journal, ClusterFixture.Directory, ClusterFixture.Clock);

    private EventIngestor? _ingestor;

    private static ContactCenterEvent E(EventType type, DateTimeOffset at, string queue, string contact, string? agent = null, string? text = null, string? customer = null) =>
        new() { Id = Guid.NewGuid().ToString("N"), Type = type, At = at, QueueId = queue, ContactId = contact, AgentId = agent, Text = text, CustomerId = customer, CustomerName = customer is null ? null : "Elif Şahin" };

    private async Task<ConversationSummary?> InInboxAsync(string id)
    {
        // The inbox takes summaries one-way: give it a moment.
        for (var i = 0; i < 50; i++)
        {
            var found = (await fixture.Cluster.Client.GetGrain<IInboxGrain>(0).ListAsync()).FirstOrDefault(s => s.Id == id);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20, Ct);
        }

        return null;
    }

    [Fact]
    public async Task AConversationsTimeline_FollowsItsEvents_RedactedAndInOrder()
    {
        var t = ClusterFixture.Clock.GetUtcNow().AddMinutes(-10);
        var result = await Ingestor.IngestAsync(
        [
            E(EventType.AgentStateChanged, t, "q5", "x") with { QueueId = null, ContactId = null, AgentId = "a5", State = AgentState.Available },
            E(EventType.ContactArrived, t.AddSeconds(1), "q5", "conv-1"),
            E(EventType.MessageReceived, t.AddSeconds(2), "q5", "conv-1", text: "Hello, my order 4839201 is late, call me on 0532 123 45 67", customer: "cust-1"),
            E(EventType.ContactAnswered, t.AddSeconds(30), "q5", "conv-1", "a5"),
            E(EventType.MessageSent, t.AddSeconds(45), "q5", "conv-1", "a5", "Hi Elif, I checked order 4839201: it ships tomorrow."),
            E(EventType.MessageReceived, t.AddSeconds(90), "q5", "conv-1", text: "Thanks, and can I change the address?"),
        ], Ct);
        Assert.False(result.IsRejected, string.Join("; ", result.Errors));

        var grain = fixture.Cluster.Client.GetGrain<IConversationGrain>("conv-1");
        var view = await grain.GetAsync();
        Assert.NotNull(view);
        Assert.Equal(ConversationStatus.Open, view.Summary.Status);
        Assert.Equal(3, view.Messages.Count);
        Assert.Equal([ConversationSender.Customer, ConversationSender.Agent, ConversationSender.Customer], view.Messages.Select(m => m.Sender));
        Assert.DoesNotContain("0532 123 45 67", view.Messages[0].Text);
        Assert.Equal("en", view.Summary.Language);
        Assert.Equal(t.AddSeconds(45), view.Summary.FirstResponseAt);
        Assert.Equal(t.AddSeconds(90), view.Summary.WaitingSince);
        Assert.Equal(["a5"], view.Summary.Agents);
        Assert.Equal("cust-1", view.Summary.CustomerId);
        Assert.Equal("Elif Şahin", view.Summary.CustomerName);
        Assert.NotNull(await InInboxAsync("conv-1"));

        // The reply went to the team's library as a template, with the customer's question.
        var pair = (await ClusterFixture.Replies.ReadAfterAsync(0, 1000, Ct)).Single(p => p.Question.Contains("4839201", StringComparison.Ordinal));
        Assert.Equal("Hi {name}, I checked order {order}: it ships tomorrow.", pair.Reply);
        Assert.Equal("a5", pair.AgentId);

        // A repeat changes nothing; a transfer, a reply and the resolution do, and the resolved one leaves the inbox.
        var again = await Ingestor.IngestAsync([E(EventType.MessageSent, t.AddSeconds(120), "q5", "conv-1", "a5", "Yes: I changed it.")], Ct);
        Assert.Equal(1, again.Accepted);
        Assert.False((await Ingestor.IngestAsync([E(EventType.ContactResolved, t.AddSeconds(130), "q5", "conv-1", "a5")], Ct)).IsRejected);
        view = await grain.GetAsync();
        Assert.Equal(ConversationStatus.Resolved, view!.Summary.Status);
        Assert.Equal(4, view.Summary.Messages);
        Assert.Equal(2, view.Replies.Count);
        Assert.Equal(t.AddSeconds(130), view.Summary.ResolvedAt);
        for (var i = 0; i < 50 && (await fixture.Cluster.Client.GetGrain<IInboxGrain>(0).ListAsync()).Any(s => s.Id == "conv-1"); i++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.DoesNotContain(await fixture.Cluster.Client.GetGrain<IInboxGrain>(0).ListAsync(), s => s.Id == "conv-1");
    }

    /// <summary>The conversation's state as stored (not as the grain holds it).</summary>
    private async Task<Conversation> StoredAsync(string id)
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("wfm");
        var stored = new GrainState<Conversation>();
        await storage.ReadStateAsync("conversation", fixture.Cluster.Client.GetGrain<IConversationGrain>(id).GetGrainId(), stored);
        return stored.State ?? new Conversation();
    }

    [Fact]
    public async Task AnOpenConversation_IsSavedAMomentAfterEachChange()
    {
        var t = ClusterFixture.Clock.GetUtcNow().AddMinutes(-10);
        Assert.False((await Ingestor.IngestAsync(
        [
            E(EventType.ContactArrived, t, "q7", "conv-saved"),
            E(EventType.MessageReceived, t.AddSeconds(2), "q7", "conv-saved", text: "Is my parcel on its way?", customer: "cust-7"),
        ], Ct)).IsRejected);

        // Open, so not saved at once: stored within the save period (two seconds by default).
        while ((await StoredAsync("conv-saved")).Messages.Count != 1)
        {
            await Task.Delay(50, Ct);
        }

        // A later change after that save is saved too (the grain's one-shot timer is armed again).
        Assert.False((await Ingestor.IngestAsync(
            [E(EventType.MessageReceived, t.AddSeconds(60), "q7", "conv-saved", text: "Hello? Anyone there?")], Ct)).IsRejected);
        while ((await StoredAsync("conv-saved")).Messages.Count != 2)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True((await StoredAsync("conv-saved")).Summary().IsOpen);
    }

    [Fact]
    public async Task AContactsEnd_HandsTheConversationAsItStandsToTheCoachingRead()
    {
        var ends = new ConversationEnds();
        using var ingestor = new EventIngestor(fixture.Cluster.Client, ClusterFixture.Journal, ClusterFixture.Directory, ClusterFixture.Clock, ends: ends);
        var t = ClusterFixture.Clock.GetUtcNow().AddMinutes(-10);
        Assert.False((await ingestor.IngestAsync(
        [
            E(EventType.AgentStateChanged, t, "q8", "x") with { QueueId = null, ContactId = null, AgentId = "a8", State = AgentState.Available },
            E(EventType.ContactArrived, t.AddSeconds(1), "q8", "conv-end"),
            E(EventType.MessageReceived, t.AddSeconds(2), "q8", "conv-end", text: "My card was charged twice", customer: "cust-8"),
            E(EventType.ContactAnswered, t.AddSeconds(20), "q8", "conv-end", "a8"),
            E(EventType.MessageSent, t.AddSeconds(40), "q8", "conv-end", "a8", "I'm sorry about that, I have refunded the second charge."),
        ], Ct)).IsRejected);
        Assert.Equal(0, ends.Count);

        Assert.False((await ingestor.IngestAsync([E(EventType.ContactEnded, t.AddSeconds(90), "q8", "conv-end", "a8")], Ct)).IsRejected);
        var (contact, at, view) = Assert.Single(ends.Take());
        Assert.Equal(("conv-end", t.AddSeconds(90)), (contact, at));
        Assert.Equal(
            ["My card was charged twice", "I'm sorry about that, I have refunded the second charge."],
            view.Messages.Select(m => m.Text));
        Assert.Equal("q8", view.Summary.QueueId);
    }

    [Fact]
    public async Task AVoiceCallWithoutTranscript_HasNoConversation()
    {
        var t = ClusterFixture.Clock.GetUtcNow().AddMinutes(-5);
        Assert.False((await Ingestor.IngestAsync(
        [
            E(EventType.AgentStateChanged, t, "q6", "x") with { QueueId = null, ContactId = null, AgentId = "a6", State = AgentState.Available },
            E(EventType.ContactArrived, t.AddSeconds(1), "q6", "voice-1"),
            E(EventType.ContactAnswered, t.AddSeconds(5), "q6", "voice-1", "a6"),
            E(EventType.ContactEnded, t.AddSeconds(65), "q6", "voice-1", "a6"),
        ], Ct)).IsRejected);

        Assert.Null(await fixture.Cluster.Client.GetGrain<IConversationGrain>("voice-1").GetAsync());
    }

    [Fact]
    public async Task TwoAgentsOnOneConversation_SeeEachOther_AndTypingCountsACollisionOnce()
    {
        var t = ClusterFixture.Clock.GetUtcNow().AddMinutes(-2);
        Assert.False((await Ingestor.IngestAsync([E(EventType.MessageReceived, t, "q7", "conv-2", text: "is anyone there?")], Ct)).IsRejected);
        var grain = fixture.Cluster.Client.GetGrain<IConversationGrain>("conv-2");
        var inbox = fixture.Cluster.Client.GetGrain<IInboxGrain>(0);
        int Count(IReadOnlyList<CollisionCount> counts) => counts.FirstOrDefault(c => c.QueueId == "q7")?.Collisions ?? 0;
        var before = Count(await inbox.CollisionsAsync());

        Assert.Empty(await grain.PresenceAsync("a7", PresenceMode.Viewing));
        var seen = await grain.PresenceAsync("a8", PresenceMode.Viewing);
        Assert.Equal(["a7"], seen.Select(p => p.AgentId));
        var typing = await grain.PresenceAsync("a7", PresenceMode.Typing);
        Assert.Equal(["a8"], typing.Select(p => p.AgentId));
        await grain.PresenceAsync("a7", PresenceMode.Typing);
        await grain.PresenceAsync("a8", PresenceMode.Typing);
        Assert.Equal(PresenceMode.Typing, (await grain.GetAsync())!.Present.Single(p => p.AgentId == "a7").Mode);

        for (var i = 0; i < 50 && Count(await inbox.CollisionsAsync()) == before; i++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal(before + 1, Count(await inbox.CollisionsAsync()));
        await grain.LeaveAsync("a8");
        Assert.Empty(await grain.PresenceAsync("a7", PresenceMode.Typing));
    }
}
