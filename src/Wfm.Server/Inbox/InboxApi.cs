using Microsoft.AspNetCore.SignalR;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Data.Conversations;
using Wfm.Grains.Abstractions;
using Wfm.Grains.Ingestion;
using Wfm.Server.Security;

namespace Wfm.Server.Inbox;

/// <summary>The unified inbox: open conversations across channels, one conversation with its messages, replies and suggested replies.</summary>
public static class InboxApi
{
    /// <summary>A conversation in the inbox: the summary, how long the customer has waited, and whether that is past the queue's target.</summary>
    public sealed record InboxItem(ConversationSummary Conversation, string QueueName, IReadOnlyList<string> AgentNames, double? WaitingSeconds, bool Late);

    public sealed record ReplyDto(string? Text, long? SuggestionId, string? SuggestionText);

    public sealed record FeedbackDto(string? Action);

    /// <summary>A conversation as the page shows it: the grain's view and the names of the agents in it.</summary>
    public sealed record ConversationDto(
        ConversationSummary Summary, IReadOnlyList<ConversationEntry> Messages, IReadOnlyList<DateTimeOffset> Replies,
        IReadOnlyList<Presence> Present, IReadOnlyDictionary<string, string> AgentNames);

    public static ConversationDto Dto(ConversationView view, IContactCenterDirectory directory) => new(
        view.Summary, view.Messages, view.Replies, view.Present,
        view.Messages.Select(m => m.AgentId).Concat(view.Summary.Agents).OfType<string>().Distinct()
            .ToDictionary(id => id, id => directory.FindAgent(id)?.Name ?? id));

    public sealed record InboxStats(IReadOnlyList<CollisionCount> Collisions, IReadOnlyList<SuggestionCounts> Suggestions, int IndexedAnswers);

    private static readonly string[] Readers = [WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Trainer, WfmRoles.Agent];

    public static RouteGroupBuilder MapInboxApi(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", List).WithTags("Inbox").RequireAccess([WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Agent])
            .WithSummary("Open conversations across channels: filters channel, queue, language, status, flag (abusive, vip, late); sort waiting (longest first) or newest");
        api.MapGet("/inbox/stats", Stats).WithTags("Inbox").RequireAccess(Access.Supervisors)
            .WithSummary("Collisions per queue, and suggested replies shown, accepted, edited and dismissed per queue over the last 30 days");
        api.MapGet("/conversations/{id}", Get).WithTags("Inbox").RequireAccess(Readers).Audited("conversation.read")
            .WithSummary("One conversation: summary, messages (personal data redacted), reply times, who has it open");
        api.MapPost("/conversations/{id}/replies", Reply).WithTags("Inbox").RequireAccess([WfmRoles.Agent]).Audited("conversation.reply")
            .WithSummary("The signed-in agent replies (recorded as a MessageSent event); with suggestionId the suggestion counts as accepted, or edited when the text differs");
        api.MapGet("/conversations/{id}/suggestions", Suggestions).WithTags("Inbox").RequireAccess([WfmRoles.Admin, WfmRoles.Supervisor, WfmRoles.Agent])
            .WithSummary("Up to three replies from the team's past answers to similar questions, filled in for this conversation");
        api.MapPost("/conversations/{id}/suggestions/{pairId:long}/feedback", Feedback).WithTags("Inbox").RequireAccess([WfmRoles.Agent])
            .WithSummary("action: accepted, edited or dismissed");
        return api;
    }

    /// <summary>Admins see all; a supervisor or trainer conversations of their teams' queues or agents; an agent those of their queues or assigned to them.</summary>
    public static bool CanSee(AccessScope scope, ConversationSummary c) =>
        scope.All || scope.CanSeeQueue(c.QueueId) || c.Agents.Any(scope.CanSeeAgent);

    private static async Task<IResult> List(
        IGrainFactory grains, IContactCenterDirectory directory, AccessScope scope, TimeProvider time,
        string? channel, string? queue, string? language, string? status, string? flag, string? sort, int? limit)
    {
        Channel? wantedChannel = null;
        if (channel is not null)
        {
            if (!Enum.TryParse<Channel>(channel, ignoreCase: true, out var parsed))
            {
                return Invalid("channel", $"expected one of {string.Join(", ", Enum.GetNames<Channel>())}, got '{channel}'");
            }

            wantedChannel = parsed;
        }

        ConversationStatus? wantedStatus = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ConversationStatus>(status, ignoreCase: true, out var parsed) || parsed is ConversationStatus.Resolved or ConversationStatus.Closed)
            {
                return Invalid("status", $"expected New, Open or WaitingOnCustomer (the inbox lists open conversations), got '{status}'");
            }

            wantedStatus = parsed;
        }

        if (flag is not null and not ("abusive" or "vip" or "late"))
        {
            return Invalid("flag", $"expected abusive, vip or late, got '{flag}'");
        }

        if (sort is not null and not ("waiting" or "newest"))
        {
            return Invalid("sort", $"expected waiting or newest, got '{sort}'");
        }

        var now = time.GetUtcNow();
        var items = (await grains.GetGrain<IInboxGrain>(0).ListAsync())
            .Where(c => CanSee(scope, c))
            .Where(c => wantedChannel is null || c.Channel == wantedChannel)
            .Where(c => queue is null || c.QueueId == queue)
            .Where(c => language is null || c.Language == language)
            .Where(c => wantedStatus is null || c.Status == wantedStatus)
            .Select(c => Item(c, directory, now))
            .Where(i => flag switch { "abusive" => i.Conversation.Abusive, "vip" => i.Conversation.Vip, "late" => i.Late, _ => true });
        var sorted = sort == "newest"
            ? items.OrderByDescending(i => i.Conversation.UpdatedAt)
            : items.OrderByDescending(i => i.WaitingSeconds ?? -1).ThenByDescending(i => i.Conversation.UpdatedAt);
        return Results.Ok(sorted.Take(Math.Clamp(limit ?? 500, 1, 5000)).ToList());
    }

    public static InboxItem Item(ConversationSummary c, IContactCenterDirectory directory, DateTimeOffset now)
    {
        var queue = directory.FindQueue(c.QueueId);
        double? waiting = c.WaitingSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : null;
        return new InboxItem(c, queue?.Name ?? c.QueueId, c.Agents.Select(a => directory.FindAgent(a)?.Name ?? a).ToList(), waiting,
            waiting is { } w && queue is not null && w > queue.Target.ThresholdSeconds);
    }

    private static async Task<IResult> Stats(IGrainFactory grains, SuggestionFeedbackStore feedback, ReplySuggestionService suggestions, AccessScope scope, TimeProvider time)
    {
        var collisions = (await grains.GetGrain<IInboxGrain>(0).CollisionsAsync()).Where(c => scope.CanSeeQueue(c.QueueId)).ToList();
        var counts = (await feedback.CountsAsync(time.GetUtcNow().AddDays(-30))).Where(c => scope.CanSeeQueue(c.QueueId)).ToList();
        return Results.Ok(new InboxStats(collisions, counts, suggestions.Count));
    }

    private static async Task<IResult> Get(string id, IGrainFactory grains, AccessScope scope, IContactCenterDirectory directory) =>
        await grains.GetGrain<IConversationGrain>(id).GetAsync() is { } view && CanSee(scope, view.Summary)
            ? Results.Ok(Dto(view, directory))
            : Results.Problem(statusCode: 404, detail: $"conversation '{id}' is not one you can see");

    private static async Task<IResult> Reply(
        string id, ReplyDto body, IGrainFactory grains, AccessScope scope, EventIngestor ingestor, SuggestionFeedbackStore feedback,
        IHubContext<InboxHub> hub, IContactCenterDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<IConversationGrain>(id).GetAsync() is not { } view || !CanSee(scope, view.Summary))
        {
            return Results.Problem(statusCode: 404, detail: $"conversation '{id}' is not one you can see");
        }

        if (scope.AgentId is null)
        {
            return Invalid("agentId", "your user is not linked to an agent; an admin sets it");
        }

        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return Invalid("text", "the reply is empty");
        }

        if (ReplyIndex.OpenSlots(body.Text) is { Count: > 0 } open)
        {
            return Invalid("text", $"the reply still holds {string.Join(", ", open.Select(s => $"{{{s}}}"))}: write what belongs there before sending");
        }

        var now = time.GetUtcNow();
        var sent = new ContactCenterEvent
        {
            Id = $"reply-{scope.AgentId}-{now.UtcTicks}",
            Type = EventType.MessageSent,
            At = now,
            QueueId = view.Summary.QueueId,
            ContactId = id,
            AgentId = scope.AgentId,
            Text = body.Text.Trim(),
            Language = view.Summary.Language.Length > 0 ? view.Summary.Language : null,
        };
        var result = await ingestor.IngestAsync([sent], cancellationToken);
        if (result.IsRejected)
        {
            return Results.ValidationProblem(result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The reply was refused; nothing was sent");
        }

        if (body.SuggestionId is { } pair)
        {
            var edited = !string.Equals(body.SuggestionText?.Trim(), sent.Text, StringComparison.Ordinal);
            await feedback.AddAsync(now, id, view.Summary.QueueId, scope.AgentId, [pair], edited ? "edited" : "accepted");
        }

        var name = directory.FindAgent(scope.AgentId)?.Name ?? scope.AgentId;
        await hub.Clients.Group(InboxHub.ConversationGroup(id)).SendAsync(InboxHub.RepliedMethod, id, new { id = scope.AgentId, name, at = now }, cancellationToken);
        return Results.Ok(Dto((await grains.GetGrain<IConversationGrain>(id).GetAsync())!, directory));
    }

    private static async Task<IResult> Suggestions(
        string id, IGrainFactory grains, AccessScope scope, ReplySuggestionService suggestions, SuggestionFeedbackStore feedback,
        IContactCenterDirectory directory, TimeProvider time)
    {
        if (await grains.GetGrain<IConversationGrain>(id).GetAsync() is not { } view || !CanSee(scope, view.Summary))
        {
            return Results.Problem(statusCode: 404, detail: $"conversation '{id}' is not one you can see");
        }

        var agentName = scope.AgentId is { } agent ? directory.FindAgent(agent)?.Name : null;
        var found = suggestions.Suggest(view, agentName);
        if (scope.AgentId is not null && found.Count > 0)
        {
            await feedback.AddAsync(time.GetUtcNow(), id, view.Summary.QueueId, scope.AgentId, found.Select(s => s.PairId).ToList(), "shown");
        }

        return Results.Ok(found);
    }

    private static async Task<IResult> Feedback(
        string id, long pairId, FeedbackDto body, IGrainFactory grains, AccessScope scope, SuggestionFeedbackStore feedback, TimeProvider time)
    {
        if (body.Action is not ("accepted" or "edited" or "dismissed"))
        {
            return Invalid("action", $"expected accepted, edited or dismissed, got '{body.Action}'");
        }

        if (await grains.GetGrain<IConversationGrain>(id).GetAsync() is not { } view || !CanSee(scope, view.Summary) || scope.AgentId is null)
        {
            return Results.Problem(statusCode: 404, detail: $"conversation '{id}' is not one you can see");
        }

        await feedback.AddAsync(time.GetUtcNow(), id, view.Summary.QueueId, scope.AgentId, [pairId], body.Action);
        return Results.NoContent();
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
