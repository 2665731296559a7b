using Microsoft.AspNetCore.SignalR;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Grains.Abstractions;
using Wfm.Server.Security;

namespace Wfm.Server.Inbox;

/// <summary>Someone with a conversation open, as the page shows them.</summary>
public sealed record PresenceDto(string Id, string Name, PresenceMode Mode, DateTimeOffset Since);

/// <summary>
/// The inbox's live channel. Server → client: "inbox" (<see cref="InboxBridge.InboxPush"/>: open conversations that
/// changed, as inbox items, and ids that left), "presence" (conversationId, everyone with it open), "replied" (conversationId, who, when).
/// Client → server: <see cref="Open"/>, <see cref="Typing"/> (also the heartbeat while the page is open), <see cref="Close"/>.
/// A connection receives the conversations of the queues its user sees: all for admins, a supervisor's teams'
/// queues, an agent's own queues.
/// </summary>
public sealed class InboxHub(AccessScopes scopes, IGrainFactory grains, IContactCenterDirectory directory, HubSessions sessions) : Hub
{
    public const string InboxMethod = "inbox";
    public const string PresenceMethod = "presence";
    public const string RepliedMethod = "replied";

    public const string AllGroup = "inbox-all";

    public static string QueueGroup(string queueId) => "inbox-q:" + queueId;

    public static string ConversationGroup(string id) => "conversation:" + id;

    private AccessScope Scope => (AccessScope)(Context.Items[nameof(AccessScope)] ??= scopes.For(Context.User!));

    /// <summary>Who this connection is in presence lists: the agent id, or the signed-in user's name.</summary>
    private string Me => Scope.AgentId ?? "user:" + (Context.User?.Identity?.Name ?? Context.ConnectionId);

    public override async Task OnConnectedAsync()
    {
        sessions.Track(Context);
        var scope = Scope;
        if (scope.All)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AllGroup);
        }
        else
        {
            foreach (var queue in directory.Queues.Where(q => scope.CanSeeQueue(q.Id)))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, QueueGroup(queue.Id));
            }
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Forget(Context.ConnectionId);
        if (Context.Items.TryGetValue("open", out var open) && open is string id)
        {
            await LeaveAsync(id);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Opens a conversation (closing the one open before): returns everyone else with it open, and tells them.</summary>
    public async Task<IReadOnlyList<PresenceDto>> Open(string conversationId)
    {
        await EnsureAllowedAsync(conversationId);
        if (Context.Items.TryGetValue("open", out var previous) && previous is string before && before != conversationId)
        {
            await LeaveAsync(before);
        }

        Context.Items["open"] = conversationId;
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
        return await AnnounceAsync(conversationId, PresenceMode.Viewing);
    }

    /// <summary>The agent is writing a reply (sent every few seconds while they type; also the heartbeat).</summary>
    public async Task<IReadOnlyList<PresenceDto>> Typing(string conversationId, bool typing)
    {
        await EnsureAllowedAsync(conversationId);
        return await AnnounceAsync(conversationId, typing ? PresenceMode.Typing : PresenceMode.Viewing);
    }

    public async Task Close(string conversationId)
    {
        Context.Items.Remove("open");
        await LeaveAsync(conversationId);
    }

    private async Task<IReadOnlyList<PresenceDto>> AnnounceAsync(string conversationId, PresenceMode mode)
    {
        var grain = grains.GetGrain<IConversationGrain>(conversationId);
        var others = await grain.PresenceAsync(Me, mode);
        var everyone = others.Append(new Presence(Me, mode, DateTimeOffset.UtcNow)).Select(Describe).ToList();
        await Clients.OthersInGroup(ConversationGroup(conversationId)).SendAsync(PresenceMethod, conversationId, everyone);
        return others.Select(Describe).ToList();
    }

    private async Task LeaveAsync(string conversationId)
    {
        var grain = grains.GetGrain<IConversationGrain>(conversationId);
        await grain.LeaveAsync(Me);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
        var view = await grain.GetAsync();
        await Clients.Group(ConversationGroup(conversationId)).SendAsync(PresenceMethod, conversationId, (view?.Present ?? []).Select(Describe).ToList());
    }

    private async Task EnsureAllowedAsync(string conversationId)
    {
        var view = await grains.GetGrain<IConversationGrain>(conversationId).GetAsync();
        if (view is null || !InboxApi.CanSee(Scope, view.Summary))
        {
            throw new HubException($"conversation '{conversationId}' is not one you can open");
        }
    }

    private PresenceDto Describe(Presence p) =>
        new(p.AgentId, p.AgentId.StartsWith("user:", StringComparison.Ordinal) ? p.AgentId[5..] : directory.FindAgent(p.AgentId)?.Name ?? p.AgentId, p.Mode, p.Since);
}

/// <summary>Connects the inbox grain to SignalR: pushes each batch to the connections of the queues it touches.</summary>
public sealed class InboxBridge(IGrainFactory grains, IHubContext<InboxHub> hub, IContactCenterDirectory directory, TimeProvider time, ILogger<InboxBridge> logger)
    : BackgroundService, IInboxObserver
{
    /// <summary>What a page receives: the changed conversations as inbox items (names, waiting, late) and the ids that left.</summary>
    public sealed record InboxPush(IReadOnlyList<InboxApi.InboxItem> Changed, IReadOnlyList<string> Gone);

    public async Task OnInboxAsync(InboxUpdate update)
    {
        var now = time.GetUtcNow();
        if (update.Changed.Count > 0)
        {
            var items = update.Changed.Select(c => InboxApi.Item(c, directory, now)).ToList();
            await hub.Clients.Group(InboxHub.AllGroup).SendAsync(InboxHub.InboxMethod, new InboxPush(items, []));
            foreach (var byQueue in items.GroupBy(c => c.Conversation.QueueId))
            {
                await hub.Clients.Group(InboxHub.QueueGroup(byQueue.Key)).SendAsync(InboxHub.InboxMethod, new InboxPush([.. byQueue], []));
            }
        }

        if (update.Gone.Count > 0)
        {
            // Ids only: a page drops those it has and ignores the rest.
            await hub.Clients.All.SendAsync(InboxHub.InboxMethod, new InboxPush([], update.Gone));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IInboxObserver>(this);
        var inbox = grains.GetGrain<IInboxGrain>(0);
        try
        {
            await inbox.SubscribeAsync(reference);
            logger.LogInformation("Inbox bridge subscribed");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A silo joining a busy cluster may find the hub's silo briefly out of reach (a call timing out): the
            // server keeps running and the timer below subscribes it within two seconds.
            logger.LogWarning(ex, "The inbox bridge could not subscribe yet; trying again in two seconds");
        }

        // Subscribed again every two seconds: in a cluster the hub grain comes back on another silo when its silo dies,
        // without the subscriptions it held, and the web hosts' updates must follow it within seconds.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await inbox.SubscribeAsync(reference);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The hub's silo died and it is not back yet: the next tick tries again.
                    logger.LogDebug(ex, "Subscribing to the hub failed; trying again in two seconds");
                }
            }
        }
        catch (OperationCanceledException)
        {
            await inbox.UnsubscribeAsync(reference);
        }
    }
}
