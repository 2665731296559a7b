using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Conversations;
using Wfm.Empathy;

using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>A conversation to review: its messages in order (sender agent or customer) and the customer's first name when known.</summary>
public sealed record ConversationDto(string? ConversationId, IReadOnlyList<ConversationMessageDto> Messages, string? CustomerFirstName = null, string? Language = null);

public sealed record ConversationMessageDto(string Sender, string Text, string? AgentId = null, DateTimeOffset? At = null);

/// <summary>POST /api/conversations/analyze: the suggested empathy review, negative language and wow candidates of one conversation.</summary>
public static class ConversationsApi
{
    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/analyze", Analyze).WithTags("Coaching")
            .WithSummary("Suggested empathy review of a conversation (each rubric item found, missed or without opportunity, with evidence), negative-language flags and wow-moment candidates")
            .RequireAccess(Access.Trainers);
        return api;
    }

    private static Results<Ok<ConversationAnalysis>, ValidationProblem> Analyze(ConversationDto body) =>
        AnalyzeOrError(body, out var error) is { } analysis ? TypedResults.Ok(analysis) : error!;

    /// <summary>The analysis of a posted conversation, or the problem naming the field that is wrong.</summary>
    internal static ConversationAnalysis? AnalyzeOrError(ConversationDto body, out ValidationProblem? error)
    {
        error = null;
        if (body.Messages is not { Count: > 0 })
        {
            error = Invalid("messages", "at least one message is required");
            return null;
        }

        if (body.Language is not null && !LanguageDetector.Languages.Contains(body.Language))
        {
            error = Invalid("language", $"expected en, tr or fa (or leave it out to detect), got '{body.Language}'");
            return null;
        }

        var messages = new List<ConversationMessage>();
        for (var i = 0; i < body.Messages.Count; i++)
        {
            var m = body.Messages[i];
            Sender? sender = m.Sender?.Trim().ToLowerInvariant() switch { "agent" => Sender.Agent, "customer" => Sender.Customer, _ => null };
            if (sender is null || string.IsNullOrWhiteSpace(m.Text))
            {
                error = sender is null ? Invalid($"messages[{i}].sender", $"expected agent or customer, got '{m.Sender}'") : Invalid($"messages[{i}].text", "is empty");
                return null;
            }

            messages.Add(new ConversationMessage(body.ConversationId ?? "conversation", sender.Value, m.Text, body.Language, m.AgentId, m.At));
        }

        return ConversationAnalyzer.Analyze(messages, body.CustomerFirstName, EmpathyModels.Shipped);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
