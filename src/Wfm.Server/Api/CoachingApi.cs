using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Core.Coaching;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Data.Coaching;
using Wfm.Empathy;
using Wfm.Grains.Abstractions;
using Wfm.Server.Hosting;
using Wfm.Server.Security;
using Wfm.Server.Wellbeing;

namespace Wfm.Server.Api;

/// <summary>A trainer's decision on a wow candidate: confirm (into the library, with tags such as onboarding) or dismiss.</summary>
public sealed record WowDecisionDto(string By, IReadOnlyList<string>? Tags = null, string? Note = null);

/// <summary>A coaching session as a trainer logs it.</summary>
public sealed record SessionInDto(string AgentId, string Trainer, DateOnly Date, string Focus, IReadOnlyList<string>? ConversationIds = null, string? Notes = null, IReadOnlyList<ActionItem>? ActionItems = null);

/// <summary>The follow-up of a session: the outcome and which action items were done (by their position).</summary>
public sealed record FollowUpDto(string Outcome, IReadOnlyList<int>? DoneItems = null);

public sealed record ScorecardQuestionDto(string Id, string Text, double Weight = 1, string Kind = "weighted");

public sealed record ScorecardSectionDto(string Name, IReadOnlyList<ScorecardQuestionDto> Questions);

public sealed record ScorecardInDto(string Name, IReadOnlyList<ScorecardSectionDto> Sections);

public sealed record ScorecardOutDto(long Id, string Name, IReadOnlyList<ScorecardSectionDto> Sections, DateTimeOffset CreatedAt);

/// <summary>A review: the conversation, the agent, the reviewer, and an answer per question: met, partly, not-met or n/a.</summary>
public sealed record ReviewInDto(long ScorecardId, string ConversationId, string AgentId, string Reviewer, IReadOnlyDictionary<string, string> Answers, string? Notes = null);

public sealed record ReviewOutDto(long Id, long ScorecardId, string ConversationId, string AgentId, string Reviewer, IReadOnlyDictionary<string, string> Answers, ReviewScore Result, string? Notes, DateTimeOffset CreatedAt);

/// <summary>QA scorecards, reviews against them, and calibration between reviewers of the same conversation.</summary>
public static class CoachingApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapCoachingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/coaching").WithTags("Coaching");
        group.MapPost("/scorecards", AddScorecard).WithSummary("A QA form: sections of questions with weights; kind weighted, auto-fail or bonus")
            .RequireAccess(Access.Trainers).Audited("scorecard.create");
        group.MapGet("/scorecards", async (ReviewStore store) => TypedResults.Ok((await store.ScorecardsAsync()).Select(Out))).RequireAccess(Access.Everyone);
        group.MapPost("/reviews", AddReview).WithSummary("Scores a conversation against a scorecard (partly met counts half, n/a is left out, auto-fail makes it 0, bonus adds) and stores it")
            .RequireAccess(Access.Trainers).ForBodyAgent().Audited("review.create");
        group.MapGet("/reviews", Reviews).WithSummary("Reviews newest first, by agent and/or conversation (a trainer's teams; an agent their own)")
            .RequireAccess(Access.Everyone).ForAgent();
        group.MapGet("/calibration", Calibrate).WithSummary("Agreement between the reviewers of one conversation on one scorecard (each reviewer's latest review)")
            .RequireAccess(Access.Trainers);
        group.MapGet("/queue", Queue).WithSummary("Suggestions per agent (teamId or agentId to narrow): QA reviews to coach on, agents exposed to abuse or running hot to support, overdue action items, wow moments to praise")
            .RequireAccess(Access.Leads).ForAgent();
        group.MapGet("/conversations", Conversations).WithSummary("Finished conversations read for coaching, newest first (agentId to narrow; days back, default 14): empathy, negative language, wow moments, abuse met")
            .RequireAccess(Access.Trainers);
        group.MapGet("/conversations/{id}", Conversation).WithSummary("One conversation for a trainer: the redacted transcript, and the empathy review sentence by sentence")
            .RequireAccess(Access.Trainers).Audited("coaching.conversation.read");
        group.MapGet("/team", Team).WithSummary("Team comparison over the last 30 days: per agent the mean QA score, the item most often missed, handled contacts, AHT, first response and CSAT; best first")
            .RequireAccess(Access.Leads);
        group.MapPost("/sessions", AddSession).WithSummary("Logs a coaching session: agent, trainer, date, focus (a KPI or skill), evidence conversations, notes, action items with due dates")
            .RequireAccess(Access.Trainers).ForBodyAgent().Audited("session.create");
        group.MapGet("/sessions", async (SessionStore store, AccessScope scope, string? agentId) => TypedResults.Ok(scope.Visible(await store.ListAsync(agentId), s => s.AgentId).ToList()))
            .RequireAccess(Access.Everyone).ForAgent();
        group.MapPost("/sessions/{id:long}/follow-up", FollowUp).WithSummary("Records the follow-up outcome and the action items done")
            .RequireAccess(Access.Trainers).Audited("session.follow-up");
        group.MapGet("/sessions/{id:long}/impact", Impact).WithSummary("The agent's KPIs in the 14 days before the session and the 14 days from it (or up to now)")
            .RequireAccess(Access.Everyone);
        group.MapPost("/wow/candidates", AddWowCandidates).WithSummary("Finds wow-moment candidates in a conversation (as /api/conversations/analyze) and keeps them for a trainer to confirm or dismiss")
            .RequireAccess(Access.Trainers).ForBodyAgent();
        group.MapPost("/wow/{id:long}/confirm", (long id, WowDecisionDto body, WowStore store, AccessScope scope) => Decide(id, true, body, store, scope)).WithSummary("Into the library, with tags")
            .RequireAccess(Access.Trainers);
        group.MapPost("/wow/{id:long}/dismiss", (long id, WowDecisionDto body, WowStore store, AccessScope scope) => Decide(id, false, body, store, scope))
            .RequireAccess(Access.Trainers);
        group.MapGet("/wow", async (WowStore store, AccessScope scope, string? status, string? agentId, string? tag, string? q) =>
                TypedResults.Ok(scope.Visible(await store.SearchAsync(status, agentId, tag, q), w => w.AgentId).ToList()))
            .WithSummary("The wow library: status=confirmed for the library, tag (e.g. onboarding), q for words in the text or note, agentId")
            .RequireAccess(Access.Everyone).ForAgent();
        return api;
    }

    private static async Task<Results<Created<ScorecardOutDto>, ValidationProblem>> AddScorecard(ScorecardInDto body, ReviewStore store)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return Invalid("name", "a scorecard needs a name");
        }

        Scorecard card;
        try
        {
            card = Domain(body.Name, body.Sections ?? []);
            card.Validate();
        }
        catch (ArgumentException ex)
        {
            return Invalid("sections", ex.Message);
        }

        var id = await store.AddScorecardAsync(body.Name.Trim(), JsonSerializer.Serialize(body.Sections, Json));
        var stored = (await store.ScorecardsAsync(id)).Single();
        return TypedResults.Created($"/api/coaching/scorecards/{id}", Out(stored));
    }

    /// <summary>Who did it: the signed-in person (a name in the body is ignored, so nobody reviews or coaches as someone else); only a machine client names them.</summary>
    private static string? Who(ClaimsPrincipal user, string? named) =>
        user.HasClaim(c => c.Type == WfmClaims.ApiKey) ? named?.Trim() : user.Identity?.Name;

    private static async Task<Results<Created<ReviewOutDto>, ValidationProblem>> AddReview(
        ReviewInDto body, ReviewStore store, IContactCenterDirectory directory, IGrainFactory grains, ClaimsPrincipal user)
    {
        body = body with { Reviewer = Who(user, body.Reviewer)! };
        if (await store.ScorecardsAsync(body.ScorecardId) is not [var stored])
        {
            return Invalid("scorecardId", $"scorecard {body.ScorecardId} is unknown");
        }

        if (directory.FindAgent(body.AgentId ?? string.Empty) is null)
        {
            return Invalid("agentId", $"'{body.AgentId}' is not an agent of this center");
        }

        if (string.IsNullOrWhiteSpace(body.ConversationId) || string.IsNullOrWhiteSpace(body.Reviewer))
        {
            return Invalid(string.IsNullOrWhiteSpace(body.ConversationId) ? "conversationId" : "reviewer", "is required");
        }

        // Only a conversation that exists, and that the reviewed agent took part in.
        var view = await grains.GetGrain<IConversationGrain>(body.ConversationId.Trim()).GetAsync();
        if (view is not { Messages.Count: > 0 })
        {
            return Invalid("conversationId", $"there is no conversation '{body.ConversationId}'");
        }

        if (!view.Summary.Agents.Contains(body.AgentId!, StringComparer.Ordinal) && view.Messages.All(m => m.AgentId != body.AgentId))
        {
            return Invalid("conversationId", $"agent '{body.AgentId}' took no part in conversation '{body.ConversationId}'");
        }

        var answers = new Dictionary<string, Rating>();
        foreach (var (question, value) in body.Answers ?? new Dictionary<string, string>())
        {
            var rating = ParseRating(value);
            if (rating is null)
            {
                return Invalid($"answers.{question}", $"expected met, partly, not-met or n/a, got '{value}'");
            }

            answers[question] = rating.Value;
        }

        ReviewScore result;
        try
        {
            result = ScorecardScoring.Score(ToCard(stored), answers);
        }
        catch (ArgumentException ex)
        {
            return Invalid("answers", ex.Message);
        }

        var id = await store.AddReviewAsync(body.ScorecardId, body.ConversationId.Trim(), body.AgentId!, body.Reviewer.Trim(),
            JsonSerializer.Serialize(body.Answers, Json), result.Score, result.AutoFailed, JsonSerializer.Serialize(result, Json), body.Notes);
        var review = (await store.ReviewsAsync(conversationId: body.ConversationId.Trim())).Single(r => r.Id == id);
        return TypedResults.Created($"/api/coaching/reviews?conversationId={Uri.EscapeDataString(review.ConversationId)}", Out(review));
    }

    private static async Task<Ok<IEnumerable<ReviewOutDto>>> Reviews(ReviewStore store, AccessScope scope, string? agentId, string? conversationId) =>
        TypedResults.Ok(scope.Visible((await store.ReviewsAsync(agentId, conversationId)).Select(Out), r => r.AgentId));

    private static async Task<Results<Ok<Calibration>, ValidationProblem>> Calibrate(ReviewStore store, long scorecardId, string conversationId)
    {
        if (await store.ScorecardsAsync(scorecardId) is not [var stored])
        {
            return Invalid("scorecardId", $"scorecard {scorecardId} is unknown");
        }

        var latest = (await store.ReviewsAsync(conversationId: conversationId, scorecardId: scorecardId))
            .GroupBy(r => r.Reviewer).Select(g => g.First()).ToList();
        if (latest.Count < 2)
        {
            return Invalid("conversationId", $"calibration needs reviews by at least two reviewers; conversation '{conversationId}' has {latest.Count}");
        }

        var card = ToCard(stored);
        return TypedResults.Ok(ScorecardScoring.Calibrate(card, latest.ToDictionary(
            r => r.Reviewer,
            r => (IReadOnlyDictionary<string, Rating>)JsonSerializer.Deserialize<Dictionary<string, string>>(r.AnswersJson, Json)!.ToDictionary(p => p.Key, p => ParseRating(p.Value)!.Value))));
    }

    /// <summary>An answer as the API spells it (met, partly, not-met, n/a); null when it is none of them.</summary>
    private static async Task<Results<Ok<IReadOnlyList<StoredWow>>, ValidationProblem>> AddWowCandidates(ConversationDto body, WowStore store, IContactCenterDirectory directory)
    {
        var agents = (body.Messages ?? []).Select(m => m.AgentId).Where(a => a is not null).Distinct().ToList();
        if (string.IsNullOrWhiteSpace(body.ConversationId) || agents.Count != 1 || directory.FindAgent(agents[0]!) is null)
        {
            return Invalid(string.IsNullOrWhiteSpace(body.ConversationId) ? "conversationId" : "messages",
                string.IsNullOrWhiteSpace(body.ConversationId) ? "is required to keep the candidates" : "the agent's messages must name one agent of this center (agentId)");
        }

        var analysis = ConversationsApi.AnalyzeOrError(body, out var error);
        if (analysis is null)
        {
            return error!;
        }

        // The library keeps the whole message, so a trainer reads the moment in its words.
        var ids = await store.AddCandidatesAsync(agents[0]!, body.ConversationId.Trim(), analysis.WowCandidates.Select(w => (w.Kind, body.Messages![w.Evidence.MessageIndex].Text.Trim())));
        var all = await store.SearchAsync(agentId: agents[0]);
        return TypedResults.Ok<IReadOnlyList<StoredWow>>(all.Where(w => ids.Contains(w.Id)).ToList());
    }

    private static async Task<Results<Ok<StoredWow>, NotFound, ValidationProblem>> Decide(long id, bool confirm, WowDecisionDto body, WowStore store, AccessScope scope)
    {
        if (string.IsNullOrWhiteSpace(body.By))
        {
            return Invalid("by", "who decides is required");
        }

        if (await store.SearchAsync(id: id) is not [var wow] || !scope.CanSeeAgent(wow.AgentId))
        {
            return TypedResults.NotFound();
        }

        if (!await store.DecideAsync(id, confirm, body.By.Trim(), body.Tags ?? [], body.Note))
        {
            return Invalid("id", $"wow moment {id} was already {wow.Status} by {wow.DecidedBy}");
        }

        return TypedResults.Ok((await store.SearchAsync(id: id)).Single());
    }

    private static async Task<Results<Created<StoredSession>, ValidationProblem>> AddSession(
        SessionInDto body, SessionStore store, IContactCenterDirectory directory, ClaimsPrincipal user)
    {
        body = body with { Trainer = Who(user, body.Trainer)! };
        if (directory.FindAgent(body.AgentId ?? string.Empty) is null)
        {
            return Invalid("agentId", $"'{body.AgentId}' is not an agent of this center");
        }

        if (string.IsNullOrWhiteSpace(body.Trainer) || string.IsNullOrWhiteSpace(body.Focus))
        {
            return Invalid(string.IsNullOrWhiteSpace(body.Trainer) ? "trainer" : "focus", "is required");
        }

        var items = body.ActionItems ?? [];
        var blank = items.Select((item, i) => (item, i)).FirstOrDefault(p => string.IsNullOrWhiteSpace(p.item.Text) || p.item.Due < body.Date);
        if (blank.item is not null)
        {
            return Invalid($"actionItems[{blank.i}]", string.IsNullOrWhiteSpace(blank.item.Text) ? "needs a text" : $"is due {blank.item.Due:yyyy-MM-dd}, before the session ({body.Date:yyyy-MM-dd})");
        }

        var id = await store.AddAsync(body.AgentId!, body.Trainer.Trim(), body.Date, body.Focus.Trim(), body.ConversationIds ?? [], body.Notes, items.Select(i => i with { Done = false }).ToList());
        return TypedResults.Created($"/api/coaching/sessions?agentId={body.AgentId}", (await store.ListAsync(id: id)).Single());
    }

    private static async Task<Results<Ok<StoredSession>, NotFound, ValidationProblem>> FollowUp(long id, FollowUpDto body, SessionStore store, AccessScope scope)
    {
        if (await store.ListAsync(id: id) is not [var session] || !scope.CanSeeAgent(session.AgentId))
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(body.Outcome))
        {
            return Invalid("outcome", "say how the follow-up went");
        }

        var done = body.DoneItems ?? [];
        if (done.Any(i => i < 0 || i >= session.ActionItems.Count))
        {
            return Invalid("doneItems", $"the session has {session.ActionItems.Count} action items (0 to {session.ActionItems.Count - 1})");
        }

        await store.FollowUpAsync(id, body.Outcome.Trim(), session.ActionItems.Select((item, i) => item with { Done = item.Done || done.Contains(i) }).ToList());
        return TypedResults.Ok((await store.ListAsync(id: id)).Single());
    }

    /// <summary>A conversation as a trainer reads it: what the coaching read found, the transcript (personal data removed) and the review per sentence.</summary>
    public sealed record TrainerConversation(AnalyzedConversation? Read, ConversationSummary Summary, IReadOnlyList<ConversationEntry> Messages, ConversationAnalysis Analysis);

    private static async Task<Ok<IReadOnlyList<AnalyzedConversation>>> Conversations(
        string? agentId, int? days, AccessScope scope, IAnalyzedConversationStore read, TimeProvider time, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-Math.Clamp(days ?? 14, 1, 90));
        var list = await read.ListAsync(since, agentId, 1_000, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AnalyzedConversation>>([.. scope.Visible(list, c => c.AgentId)]);
    }

    private static async Task<Results<Ok<TrainerConversation>, NotFound>> Conversation(
        string id, AccessScope scope, IGrainFactory grains, IAnalyzedConversationStore read, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<IConversationGrain>(id).GetAsync() is not { Messages.Count: > 0 } view
            || !(scope.All || view.Summary.Agents.Any(scope.CanSeeAgent)))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new TrainerConversation(await read.GetAsync(id, cancellationToken), view.Summary, view.Messages,
            AnalyzedConversation.Analyze(id, view.Messages, view.Summary.CustomerName, EmpathyModels.Shipped)));
    }

    private static async Task<Ok<IReadOnlyList<CoachingItem>>> Queue(
        string? teamId, string? agentId, AccessScope scope, IContactCenterDirectory directory, ReviewStore reviews, WowStore wow, SessionStore sessions,
        IGrainFactory grains, WellbeingService wellbeing, IAnalyzedConversationStore read, ContactRecordReader contacts, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = directory.Clock.LocalDate(now);
        var agents = directory.Agents.Where(a => (teamId is null || a.TeamId == teamId) && (agentId is null || a.Id == agentId) && scope.CanSeeAgent(a.Id)).ToList();
        var cards = (await reviews.ScorecardsAsync(cancellationToken: cancellationToken)).ToDictionary(c => c.Id, ToCard);
        var incidents = (await grains.GetGrain<IIncidentRegistryGrain>(0).ListAsync(false, now.AddDays(-14), 20_000))
            .Where(i => i.AgentId is not null).GroupBy(i => i.AgentId!).ToDictionary(g => g.Key, g => g.Count());
        var risk = (await wellbeing.AllAsync(cancellationToken)).ToDictionary(w => w.AgentId, w => w.Score);
        var conversations = (await read.ListAsync(now.AddDays(-14), agentId, 20_000, cancellationToken)).ToLookup(c => c.AgentId);
        // KPI drops: each agent's last week against the three weeks before it.
        var weekAgo = now.AddDays(-7);
        var records = (await contacts.ReadAsync(now.AddDays(-28), now, cancellationToken)).Where(r => r.AgentId is not null).ToLookup(r => r.AgentId!);
        var signals = new List<AgentSignals>();
        foreach (var agent in agents)
        {
            var recent = (await reviews.ReviewsAsync(agent.Id, cancellationToken: cancellationToken)).Where(r => r.CreatedAt >= now.AddDays(-30)).Select(r =>
            {
                var result = JsonSerializer.Deserialize<ReviewScore>(r.ResultJson, Json)!;
                var answers = JsonSerializer.Deserialize<Dictionary<string, string>>(r.AnswersJson, Json)!;
                var card = cards.GetValueOrDefault(r.ScorecardId);
                var missed = answers.Where(p => ParseRating(p.Value) is Rating.NotMet or Rating.Partly)
                    .Select(p => card?.Questions.FirstOrDefault(q => q.Id == p.Key))
                    .Where(q => q is not null && q.Kind != QuestionKind.Bonus) // a bonus not earned is no fault
                    .Select(q => q!.Text).ToList();
                return new ReviewSignal(agent.Id, r.ConversationId, result.Score, result.AutoFailed, missed, r.CreatedAt);
            }).ToList();
            var praise = (await wow.SearchAsync("confirmed", agent.Id, cancellationToken: cancellationToken)).Where(w => w.DecidedAt >= now.AddDays(-30)).Select(w => (w.Kind, w.Text, w.ConversationId)).ToList();
            var open = (await sessions.ListAsync(agent.Id, cancellationToken: cancellationToken)).SelectMany(s => s.ActionItems.Where(i => !i.Done).Select(i => (i.Text, i.Due, s.Id))).ToList();
            var score = risk.GetValueOrDefault(agent.Id);
            signals.Add(new AgentSignals(agent.Id, recent, incidents.GetValueOrDefault(agent.Id), praise, open,
                score?.Score, score?.Factors.FirstOrDefault(f => f.Points > 0)?.Factor, [.. conversations[agent.Id]],
                KpiDrops.Find(KpiCalculator.Compute(records[agent.Id], weekAgo, now, directory.Clock), KpiCalculator.Compute(records[agent.Id], now.AddDays(-28), weekAgo, directory.Clock))));
        }

        return TypedResults.Ok(CoachingQueue.Build(signals, today));
    }

    /// <summary>One agent on the team comparison: QA, the item to train on, and the KPIs of the last 30 days.</summary>
    public sealed record TeamMember(string AgentId, string Name, string TeamId, int Reviews, double? MeanQaScore, string? MostMissed, KpiValues Kpis);

    private static async Task<Ok<IReadOnlyList<TeamMember>>> Team(
        string? teamId, AccessScope scope, IContactCenterDirectory directory, ReviewStore reviews, ContactRecordReader contacts, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = now.AddDays(-30);
        var records = await contacts.ReadAsync(from, now, cancellationToken);
        var cards = (await reviews.ScorecardsAsync(cancellationToken: cancellationToken)).ToDictionary(c => c.Id, ToCard);
        var members = new List<TeamMember>();
        foreach (var agent in directory.Agents.Where(a => (teamId is null || a.TeamId == teamId) && scope.CanSeeAgent(a.Id)))
        {
            var recent = (await reviews.ReviewsAsync(agent.Id, cancellationToken: cancellationToken)).Where(r => r.CreatedAt >= from).ToList();
            var missed = recent.SelectMany(r => JsonSerializer.Deserialize<Dictionary<string, string>>(r.AnswersJson, Json)!
                    .Where(p => ParseRating(p.Value) is Rating.NotMet or Rating.Partly)
                    .Select(p => cards.GetValueOrDefault(r.ScorecardId)?.Questions.FirstOrDefault(q => q.Id == p.Key))
                    .Where(q => q is not null && q.Kind != QuestionKind.Bonus)
                    .Select(q => q!.Text))
                .GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
            var kpis = KpiCalculator.Compute(records.Where(r => r.AgentId == agent.Id), from, now, directory.Clock);
            members.Add(new TeamMember(agent.Id, agent.Name, agent.TeamId, recent.Count, recent.Count == 0 ? null : Math.Round(recent.Average(r => r.Score), 1), missed, kpis));
        }

        IReadOnlyList<TeamMember> sorted = members.OrderByDescending(m => m.MeanQaScore ?? -1).ThenByDescending(m => m.Kpis.Handled).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(sorted);
    }

    /// <summary>An agent's KPIs before and after a coaching session.</summary>
    public sealed record SessionImpact(long SessionId, DateOnly Date, KpiWindow Before, KpiWindow After);

    public sealed record KpiWindow(DateOnly From, DateOnly To, KpiValues Kpis);

    private static async Task<Results<Ok<SessionImpact>, NotFound>> Impact(
        long id, SessionStore sessions, AccessScope scope, ContactRecordReader contacts, IContactCenterDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await sessions.ListAsync(id: id, cancellationToken: cancellationToken) is not [var session] || !scope.CanSeeAgent(session.AgentId))
        {
            return TypedResults.NotFound();
        }

        const int days = 14;
        var clock = directory.Clock;
        var today = clock.LocalDate(time.GetUtcNow());
        var afterEnd = session.Date.AddDays(days) < today.AddDays(1) ? session.Date.AddDays(days) : today.AddDays(1);
        var records = (await contacts.ReadAsync(clock.StartOfDay(session.Date.AddDays(-days)), clock.StartOfDay(afterEnd), cancellationToken))
            .Where(r => r.AgentId == session.AgentId).ToList();
        KpiWindow Window(DateOnly from, DateOnly to) =>
            new(from, to.AddDays(-1), KpiCalculator.Compute(records, clock.StartOfDay(from), clock.StartOfDay(to), clock, new KpiOptions(BusinessHours.Weekdays9To6)));
        return TypedResults.Ok(new SessionImpact(id, session.Date, Window(session.Date.AddDays(-days), session.Date), Window(session.Date, afterEnd)));
    }

    private static Rating? ParseRating(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "met" => Rating.Met,
        "partly" => Rating.Partly,
        "not-met" => Rating.NotMet,
        "n/a" => Rating.NotApplicable,
        _ => null,
    };

    private static Scorecard Domain(string name, IReadOnlyList<ScorecardSectionDto> sections) => new(name, sections.Select(s => new ScorecardSection(s.Name,
        (s.Questions ?? []).Select(q => new ScorecardQuestion(q.Id, q.Text, q.Weight, q.Kind?.Trim().ToLowerInvariant() switch
        {
            "weighted" or null => QuestionKind.Weighted,
            "auto-fail" => QuestionKind.AutoFail,
            "bonus" => QuestionKind.Bonus,
            var other => throw new ArgumentException($"question '{q.Id}': kind must be weighted, auto-fail or bonus, got '{other}'"),
        })).ToList())).ToList());

    private static Scorecard ToCard(StoredScorecard stored) => Domain(stored.Name, JsonSerializer.Deserialize<List<ScorecardSectionDto>>(stored.Json, Json)!);

    private static ScorecardOutDto Out(StoredScorecard s) => new(s.Id, s.Name, JsonSerializer.Deserialize<List<ScorecardSectionDto>>(s.Json, Json)!, s.CreatedAt);

    private static ReviewOutDto Out(StoredReview r) => new(r.Id, r.ScorecardId, r.ConversationId, r.AgentId, r.Reviewer,
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.AnswersJson, Json)!, JsonSerializer.Deserialize<ReviewScore>(r.ResultJson, Json)!, r.Notes, r.CreatedAt);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
