using Microsoft.EntityFrameworkCore.Infrastructure;
using Wfm.Core.Coaching;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Data;
using Wfm.Data.Coaching;
using Wfm.Data.Scenarios;
using Wfm.Data.Schedules;
using Wfm.Data.Storage;

namespace Wfm.Planning.Tests;

/// <summary>The EF stores hold the same on SQLite and on PostgreSQL: one model, one suite.</summary>
public sealed class EfStoresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>An instant with sub-millisecond ticks and a local offset: stored as UTC ticks, read back as the same instant.</summary>
    private static readonly DateTimeOffset Instant = new DateTimeOffset(2026, 12, 7, 10, 15, 30, TimeSpan.FromHours(3)).AddTicks(1234567);

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Plans_AreKeptWholeListedNewestFirst_AndDeletedOnce(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        var time = new FixedTime(Instant);
        var staffing = new EfStaffingPlanStore(contexts, time);
        var json = "{\"queues\":[\"voice\",\"چت\"],\"note\":\"İstanbul\"}";
        var first = await staffing.AddAsync("Week 50", new DateOnly(2026, 12, 7), 7, 15, json, Ct);
        time.Now = Instant.AddMinutes(5);
        var second = await staffing.AddAsync("Week 51", new DateOnly(2026, 12, 14), 14, 30, "{}", Ct);
        Assert.NotEqual(first, second);
        Assert.Equal(["Week 51", "Week 50"], (await staffing.ListAsync(Ct)).Select(p => p.Name));
        var read = await staffing.GetAsync(first, Ct);
        Assert.Equal(new StoredStaffingPlan(first, "Week 50", Instant, new DateOnly(2026, 12, 7), 7, 15, json), read);
        Assert.True(await staffing.DeleteAsync(first, Ct));
        Assert.False(await staffing.DeleteAsync(first, Ct));
        Assert.Null(await staffing.GetAsync(first, Ct));

        var capacity = new EfCapacityPlanStore(contexts, time);
        var plan = await capacity.AddAsync("Hiring 2027", new DateOnly(2027, 1, 4), 26, "{\"request\":1}", "{\"result\":2}", Ct);
        var stored = await capacity.GetAsync(plan, Ct);
        Assert.Equal(("Hiring 2027", 26, "{\"request\":1}", "{\"result\":2}", Instant.AddMinutes(5)), (stored!.Name, stored.Weeks, stored.RequestJson, stored.ResultJson, stored.CreatedAt));
        Assert.Single(await capacity.ListAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task OffersAndTradeBids_AreAnsweredOncePerAgent_FirstComeFirst(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        var time = new FixedTime(Instant);
        var offers = new EfIntradayOfferStore(contexts, time);
        var day = new DateOnly(2026, 12, 7);
        var id = await offers.AddAsync("Overtime", "voice", day, Instant, Instant.AddHours(1), 2, "supervisor", Ct);
        await offers.AddAsync("TimeOff", "chat", day.AddDays(1), Instant.AddDays(1), Instant.AddDays(1).AddHours(2), 1, "supervisor", Ct);
        time.Now = Instant.AddSeconds(1);
        Assert.True(await offers.AnswerAsync(id, "a2", accepted: true, Ct));
        time.Now = Instant.AddSeconds(2);
        Assert.True(await offers.AnswerAsync(id, "a1", accepted: false, Ct));
        Assert.True(await offers.AnswerAsync(id, "a3", accepted: true, Ct));
        Assert.False(await offers.AnswerAsync(id, "a2", accepted: false, Ct));
        var offer = Assert.Single(await offers.ListAsync(day, Ct));
        Assert.Equal((id, Instant, Instant.AddHours(1), 2), (offer.Id, offer.From, offer.To, offer.Needed));
        Assert.Equal(["a2", "a3"], offer.Taken);
        Assert.Equal(["a1"], offer.Declined);
        Assert.False(offer.IsOpen);

        var bids = new ShiftTradeBidStore(contexts, time);
        Assert.True(await bids.AddAsync(7, "a5", Ct));
        time.Now = Instant.AddSeconds(3);
        Assert.True(await bids.AddAsync(7, "a4", Ct));
        Assert.False(await bids.AddAsync(7, "a5", Ct));
        Assert.True(await bids.AddAsync(8, "a5", Ct));
        Assert.Equal([(7L, "a5"), (7L, "a4")], (await bids.ListAsync([7], Ct)).Select(b => (b.RequestId, b.AgentId)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task AnalyzedConversations_AreReplacedById_AndListedByAgentNewestFirst(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var store = new EfAnalyzedConversationStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()));
        AnalyzedConversation Conversation(string id, string agent, int minutes, double? empathy) =>
            new(id, agent, "chat", "fa", Instant.AddMinutes(minutes), 6, empathy, 1, 0, false, ["greeting", "first name"]);
        await store.SaveAsync([Conversation("c1", "a1", 0, 0.4), Conversation("c2", "a1", 10, null), Conversation("c3", "a2", 5, 0.9)], Ct);
        await store.SaveAsync([Conversation("c1", "a1", 20, 0.7)], Ct); // analysed again: replaced, not doubled

        Assert.Equal(["c1", "c2"], (await store.ListAsync(Instant, "a1", cancellationToken: Ct)).Select(c => c.ConversationId));
        var c1 = await store.GetAsync("c1", Ct);
        Assert.Equal((0.7, Instant.AddMinutes(20), "fa"), (c1!.EmpathyScore, c1.EndedAt, c1.Language));
        Assert.Equal(["greeting", "first name"], c1.MissedItems);
        Assert.Null((await store.GetAsync("c2", Ct))!.EmpathyScore);
        Assert.Equal(Instant.AddMinutes(20), await store.NewestAsync(Ct));
        Assert.Equal(["c1", "c2", "c3"], (await store.ListAsync(Instant.AddMinutes(5), cancellationToken: Ct)).Select(c => c.ConversationId));
        Assert.Equal(["c1", "c2"], (await store.ListAsync(Instant.AddMinutes(6), cancellationToken: Ct)).Select(c => c.ConversationId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Surveys_AreReplacedPerContact_AllOrNothing(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var store = new SurveyStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()), new FixedTime(Instant));
        Assert.Equal(2, await store.UpsertAsync([("c1", new SurveyAnswer(4, 9, null)), ("c2", new SurveyAnswer(null, null, 2))], Ct));
        Assert.Equal(2, await store.UpsertAsync([("c1", new SurveyAnswer(2, null, null)), ("c3", new SurveyAnswer(5, 10, 1))], Ct));
        var all = await store.AllAsync(Ct);
        Assert.Equal(new SurveyAnswer(2, null, null), all["c1"]);
        Assert.Equal(new SurveyAnswer(null, null, 2), all["c2"]);
        Assert.Equal(3, all.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task WowMoments_AreFoundOnce_DecidedOnce_AndSearchedByTagAgentAndWordsInAnyCase(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var store = new WowStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()), new FixedTime(Instant));
        var first = await store.AddCandidatesAsync("a1", "conv-1", [("praise", "Thank you Ayşe, you saved my day"), ("rescue", "I fixed the refund myself")], Ct);
        var again = await store.AddCandidatesAsync("a1", "conv-1", [("praise", "Thank you Ayşe, you saved my day"), ("tone", "calm"), ("tone", "calm")], Ct);
        Assert.Equal(again[1], again[2]); // named twice in one call: one moment, its id in both places
        var other = await store.AddCandidatesAsync("a2", "conv-2", [("praise", "ممنون، خیلی کمکم کردید")], Ct);
        Assert.Equal(first[0], again[0]);
        Assert.Equal(4, (await store.SearchAsync(cancellationToken: Ct)).Count);

        Assert.True(await store.DecideAsync(first[0], confirm: true, "trainer", [" Empathy ", "refund", "empathy"], "read at the team meeting", Ct));
        Assert.False(await store.DecideAsync(first[0], confirm: false, "trainer", [], null, Ct)); // decided already
        Assert.True(await store.DecideAsync(other[0], confirm: false, "trainer", [], null, Ct));

        var confirmed = Assert.Single(await store.SearchAsync(status: "confirmed", cancellationToken: Ct));
        Assert.Equal((first[0], "a1", "trainer", Instant), (confirmed.Id, confirmed.AgentId, confirmed.DecidedBy, confirmed.DecidedAt));
        Assert.Equal(["empathy", "refund"], confirmed.Tags);
        Assert.Equal([first[0]], (await store.SearchAsync(tag: "EMPATHY", cancellationToken: Ct)).Select(w => w.Id));
        Assert.Empty(await store.SearchAsync(tag: "emp", cancellationToken: Ct)); // whole tags only
        Assert.Equal([first[0]], (await store.SearchAsync(text: "SAVED MY", cancellationToken: Ct)).Select(w => w.Id));
        Assert.Equal([first[0]], (await store.SearchAsync(text: "team meeting", cancellationToken: Ct)).Select(w => w.Id)); // the note too
        Assert.Equal([other[0]], (await store.SearchAsync(text: "کمکم", cancellationToken: Ct)).Select(w => w.Id));
        Assert.Equal([again[1], first[1], first[0]], (await store.SearchAsync(agentId: "a1", cancellationToken: Ct)).Select(w => w.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task SessionsAndReviews_AreKept_FollowedUp_AndListedNewestFirst(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        var sessions = new SessionStore(contexts, new FixedTime(Instant));
        var early = await sessions.AddAsync("a1", "trainer", new DateOnly(2026, 12, 1), "empathy", ["conv-1"], "first talk", [new ActionItem("greet by name", new DateOnly(2026, 12, 8))], Ct);
        var late = await sessions.AddAsync("a1", "trainer", new DateOnly(2026, 12, 5), "hold times", [], null, [], Ct);
        await sessions.AddAsync("a2", "trainer", new DateOnly(2026, 12, 6), "tone", [], null, [], Ct);
        Assert.True(await sessions.FollowUpAsync(early, "greets everyone by name now", [new ActionItem("greet by name", new DateOnly(2026, 12, 8), Done: true)], Ct));
        Assert.False(await sessions.FollowUpAsync(9_999, "nobody", [], Ct));
        var mine = await sessions.ListAsync("a1", cancellationToken: Ct);
        Assert.Equal([late, early], mine.Select(x => x.Id));
        var first = mine[1];
        Assert.Equal((new DateOnly(2026, 12, 1), "greets everyone by name now", Instant), (first.Date, first.FollowUp, first.CreatedAt));
        Assert.Equal([new ActionItem("greet by name", new DateOnly(2026, 12, 8), true)], first.ActionItems);
        Assert.Equal(["conv-1"], first.ConversationIds);

        var reviews = new ReviewStore(contexts, new FixedTime(Instant));
        var card = await reviews.AddScorecardAsync("Chat QA", "{\"sections\":[]}", Ct);
        var r1 = await reviews.AddReviewAsync(card, "conv-1", "a1", "trainer-1", "{}", 0.75, false, "{\"score\":0.75}", "good tone", Ct);
        var r2 = await reviews.AddReviewAsync(card, "conv-1", "a1", "trainer-2", "{}", 0.5, true, "{}", null, Ct);
        await reviews.AddReviewAsync(card, "conv-2", "a2", "trainer-1", "{}", 1, false, "{}", null, Ct);
        Assert.Equal([r2, r1], (await reviews.ReviewsAsync(conversationId: "conv-1", cancellationToken: Ct)).Select(r => r.Id));
        var stored = (await reviews.ReviewsAsync("a1", scorecardId: card, cancellationToken: Ct))[1];
        Assert.Equal((0.75, false, "good tone", Instant), (stored.Score, stored.AutoFailed, stored.Notes, stored.CreatedAt));
        Assert.True((await reviews.ReviewsAsync("a1", cancellationToken: Ct))[0].AutoFailed);
        Assert.Equal("Chat QA", Assert.Single(await reviews.ScorecardsAsync(card, Ct)).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task StaffingScenarios_AreListedNewestFirst_ByForecast_WithTheirJsonOnlyWhenAsked(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var store = new StaffingScenarioStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()), new FixedTime(Instant));
        var a = await store.SaveAsync("Base", "voice", "{\"sl\":0.8}", "{\"agents\":14}", forecastId: 7, cancellationToken: Ct);
        var b = await store.SaveAsync("AHT +10 %", "voice", "{}", "{}", cancellationToken: Ct);
        var c = await store.SaveAsync("SL 90/15", "chat", "{}", "{}", forecastId: 7, cancellationToken: Ct);
        Assert.Equal([c, b, a], (await store.ListAsync(cancellationToken: Ct)).Select(s => s.Id));
        Assert.All(await store.ListAsync(cancellationToken: Ct), s => Assert.Equal((string.Empty, string.Empty), (s.RequestJson, s.ResultJson)));
        Assert.Equal([c, a], (await store.ListAsync(withJson: true, forecastId: 7, cancellationToken: Ct)).Select(s => s.Id));
        Assert.Equal(new StoredScenario(a, "Base", "voice", Instant, "{\"sl\":0.8}", "{\"agents\":14}", 7), await store.GetAsync(a, Ct));
        Assert.True(await store.DeleteAsync(a, Ct));
        Assert.False(await store.DeleteAsync(a, Ct));
        Assert.Null(await store.GetAsync(a, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Forecasts_AreListedNewestFirstPerSeries_WithoutTheirBodies_AndReadWhole(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var store = new Wfm.Data.Forecasts.ForecastStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()), new FixedTime(Instant));
        var svg = "<svg><text>فروش</text></svg>";
        var a = await store.SaveAsync("voice-sales", "tbats", 14, 15, 12_345.5, "{\"h\":14}", "{\"rows\":[]}", svg);
        var b = await store.SaveAsync("chat", "ets", 7, 30, 800, "{}", "{}", "<svg/>");
        var c = await store.SaveAsync("voice-sales", "auto", 28, 15, 24_000, "{}", "{}", "<svg/>");
        Assert.Equal([c, b, a], (await store.ListAsync()).Select(f => f.Id));
        var listed = (await store.ListAsync("voice-sales")).ToList();
        Assert.Equal([c, a], listed.Select(f => f.Id));
        Assert.Equal((string.Empty, string.Empty, string.Empty), (listed[1].RequestJson, listed[1].ResultJson, listed[1].ChartSvg));
        Assert.Equal(new StoredForecast(a, "voice-sales", "tbats", Instant, 14, 15, 12_345.5, "{\"h\":14}", "{\"rows\":[]}", svg), await store.GetAsync(a));
        Assert.True(await store.DeleteAsync(a));
        Assert.False(await store.DeleteAsync(a));
        Assert.Null(await store.GetAsync(a));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Schedules_AreKept_EditedUnpublished_AndPublished(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var time = new FixedTime(Instant);
        var store = new Wfm.Data.Schedules.ScheduleStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()), time);
        var monday = new DateOnly(2026, 12, 7);
        var a = await store.SaveAsync("Week 50", monday, 7, 15, 120, 960.5, 3, "{\"shifts\":[]}", "{\"agents\":40}", "{\"problem\":1}");
        var b = await store.SaveAsync("Week 51", monday.AddDays(7), 7, 15, 118, 950, 0, "{}", "{}");
        Assert.Equal([b, a], (await store.ListAsync()).Select(s => s.Id));
        time.Now = Instant.AddHours(1);
        await store.MarkPublishedAsync(a);
        var published = await store.GetAsync(a);
        Assert.Equal(new StoredSchedule(a, "Week 50", Instant, monday, 7, 15, 120, 960.5, 3, Instant.AddHours(1), "{\"shifts\":[]}", "{\"agents\":40}", "{\"problem\":1}"), published);
        Assert.Equal((string.Empty, (string?)null), ((await store.ListAsync())[1].ResultJson, (await store.ListAsync())[1].ProblemJson));

        await store.UpdateAsync(a, 121, 968, 0, "{\"edited\":true}");
        var edited = await store.GetAsync(a);
        Assert.Equal((121, 968.0, 0, "{\"edited\":true}", (DateTimeOffset?)null), (edited!.Shifts, edited.PaidHours, edited.Unmet, edited.ResultJson, edited.PublishedAt));
        Assert.Null((await store.GetAsync(b))!.ProblemJson);
        Assert.True(await store.DeleteAsync(b));
        Assert.Single(await store.ListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task ScheduleRequests_AreDecidedOnce_AndATradeKeepsWhoTookIt(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var time = new FixedTime(Instant);
        var store = new Wfm.Data.Schedules.ScheduleRequestStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()), time);
        var day = new DateOnly(2026, 12, 9);
        var off = await store.AddAsync(1, "time-off", "a1", null, day, "dentist", "{}");
        var swap = await store.AddAsync(1, "swap", "a2", "a3", day, null, "{}");
        var trade = await store.AddAsync(1, "trade", "a4", null, day.AddDays(1), null, "{}");
        await store.AddAsync(2, "time-off", "a1", null, day, null, "{}");
        time.Now = Instant.AddMinutes(30);
        Assert.True(await store.DecideAsync(off, "approved", "{\"ok\":true}"));
        Assert.False(await store.DecideAsync(off, "rejected", "{}")); // decided already
        Assert.True(await store.DecideAsync(swap, "rejected", "{}"));
        Assert.True(await store.DecideAsync(trade, "approved", "{}", otherAgentId: "a5"));
        var listed = await store.ListAsync(1);
        Assert.Equal([off, swap, trade], listed.Select(r => r.Id));
        Assert.Equal(new Wfm.Data.Schedules.StoredScheduleRequest(off, 1, "time-off", "a1", null, day, "approved", "dentist", Instant, Instant.AddMinutes(30), "{\"ok\":true}"), listed[0]);
        Assert.Equal(("rejected", "a3"), (listed[1].Status, listed[1].OtherAgentId)); // the colleague named stays
        Assert.Equal(("approved", "a5"), (listed[2].Status, listed[2].OtherAgentId));
        Assert.Single(await store.ListAsync(2));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task SuggestionFeedback_CountsEachActionPerQueueSinceATime(WfmStoreKind kind)
    {
        using var database = TestDatabase.Create(kind);
        var store = new Wfm.Data.Conversations.SuggestionFeedbackStore(new PooledDbContextFactory<WfmDbContext>(database.Store.Options()));
        await store.AddAsync(Instant.AddDays(-2), "conv-0", "chat", "a1", [1, 2, 3], "shown"); // before the window
        await store.AddAsync(Instant, "conv-1", "chat", "a1", [1, 2, 3], "shown");
        await store.AddAsync(Instant.AddSeconds(5), "conv-1", "chat", "a1", [2], "accepted");
        await store.AddAsync(Instant.AddSeconds(9), "conv-2", "chat", "a2", [4], "edited");
        await store.AddAsync(Instant, "conv-3", "email", "a3", [5, 6], "shown");
        await store.AddAsync(Instant, "conv-3", "email", "a3", [5], "dismissed");
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync(Instant, "conv-3", "email", "a3", [5], "liked"));

        var counts = await store.CountsAsync(Instant.AddDays(-1));
        Assert.Equal([new Wfm.Data.Conversations.SuggestionCounts("chat", 3, 1, 1, 0), new Wfm.Data.Conversations.SuggestionCounts("email", 2, 0, 0, 1)], counts);
        Assert.Equal(2.0 / 3, counts[0].AcceptanceRate!.Value, 9);
    }

    [Fact]
    public async Task CoachingTables_MadeByTheEarlierSqliteStores_AreReadAndWrittenAsTheyAre()
    {
        using var database = TestDatabase.Create(WfmStoreKind.Sqlite, path =>
        {
            using var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false");
            old.Open();
            using var create = old.CreateCommand();
            // As the SQLite-only stores made them, with a row each.
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS Surveys (ContactId TEXT PRIMARY KEY, Csat INTEGER NULL, Nps INTEGER NULL, Ces INTEGER NULL, CreatedTicks INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS WowMoments (Id INTEGER PRIMARY KEY AUTOINCREMENT, AgentId TEXT NOT NULL, ConversationId TEXT NOT NULL, Kind TEXT NOT NULL,
                    Text TEXT NOT NULL, Status TEXT NOT NULL, Tags TEXT NOT NULL, Note TEXT NULL, CreatedTicks INTEGER NOT NULL, DecidedBy TEXT NULL,
                    DecidedTicks INTEGER NULL, UNIQUE (ConversationId, Kind, Text));
                CREATE TABLE IF NOT EXISTS CoachingSessions (Id INTEGER PRIMARY KEY AUTOINCREMENT, AgentId TEXT NOT NULL, Trainer TEXT NOT NULL, Day INTEGER NOT NULL,
                    Focus TEXT NOT NULL, ConversationsJson TEXT NOT NULL, Notes TEXT NULL, ActionItemsJson TEXT NOT NULL, FollowUp TEXT NULL, CreatedTicks INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS IX_CoachingSessions_Agent ON CoachingSessions (AgentId);
                CREATE TABLE IF NOT EXISTS Scorecards (Id INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT NOT NULL, Json TEXT NOT NULL, CreatedTicks INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS Reviews (Id INTEGER PRIMARY KEY AUTOINCREMENT, ScorecardId INTEGER NOT NULL, ConversationId TEXT NOT NULL, AgentId TEXT NOT NULL,
                    Reviewer TEXT NOT NULL, AnswersJson TEXT NOT NULL, Score REAL NOT NULL, AutoFailed INTEGER NOT NULL, ResultJson TEXT NOT NULL, Notes TEXT NULL,
                    CreatedTicks INTEGER NOT NULL);
                INSERT INTO CoachingSessions (AgentId, Trainer, Day, Focus, ConversationsJson, Notes, ActionItemsJson, FollowUp, CreatedTicks)
                    VALUES ('a1', 'trainer', 739590, 'empathy', '["old-conv"]', NULL, '[{"text":"slow down","due":"2025-12-01","done":false}]', NULL, 638000000000000000);
                INSERT INTO Scorecards (Name, Json, CreatedTicks) VALUES ('Old card', '{}', 638000000000000000);
                INSERT INTO Reviews (ScorecardId, ConversationId, AgentId, Reviewer, AnswersJson, Score, AutoFailed, ResultJson, Notes, CreatedTicks)
                    VALUES (1, 'old-conv', 'a1', 'trainer', '{}', 0.8, 1, '{}', NULL, 638000000000000000);
                CREATE TABLE IF NOT EXISTS StaffingScenarios (Id INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT NOT NULL, Queue TEXT NOT NULL, CreatedTicks INTEGER NOT NULL,
                    RequestJson TEXT NOT NULL, ResultJson TEXT NOT NULL);
                INSERT INTO StaffingScenarios (Name, Queue, CreatedTicks, RequestJson, ResultJson) VALUES ('Before forecasts were linked', 'voice', 638000000000000000, '{}', '{}');
                INSERT INTO Surveys VALUES ('old-contact', 3, NULL, 4, 638000000000000000);
                INSERT INTO WowMoments (AgentId, ConversationId, Kind, Text, Status, Tags, Note, CreatedTicks, DecidedBy, DecidedTicks)
                    VALUES ('a1', 'old-conv', 'praise', 'best agent ever', 'confirmed', 'praise,tone', NULL, 638000000000000000, 'trainer', 638000000000000001);
                """;
            create.ExecuteNonQuery();
        });
        var contexts = new PooledDbContextFactory<WfmDbContext>(database.Store.Options());
        var surveys = new SurveyStore(contexts, new FixedTime(Instant));
        var wow = new WowStore(contexts, new FixedTime(Instant));

        Assert.Equal(new SurveyAnswer(3, null, 4), (await surveys.AllAsync(Ct))["old-contact"]);
        await surveys.UpsertAsync([("old-contact", new SurveyAnswer(5, null, null))], Ct);
        Assert.Equal(new SurveyAnswer(5, null, null), (await surveys.AllAsync(Ct))["old-contact"]);
        var kept = Assert.Single(await wow.SearchAsync(tag: "tone", cancellationToken: Ct));
        Assert.Equal(("best agent ever", new DateTimeOffset(638000000000000001, TimeSpan.Zero)), (kept.Text, kept.DecidedAt));
        var next = await wow.AddCandidatesAsync("a1", "old-conv", [("praise", "best agent ever"), ("praise", "a new one")], Ct);
        Assert.Equal(kept.Id, next[0]);
        Assert.Equal(kept.Id + 1, next[1]);

        var session = Assert.Single(await new SessionStore(contexts, new FixedTime(Instant)).ListAsync("a1", cancellationToken: Ct));
        Assert.Equal((DateOnly.FromDayNumber(739590), "slow down", false), (session.Date, session.ActionItems[0].Text, session.ActionItems[0].Done));
        var reviews = new ReviewStore(contexts, new FixedTime(Instant));
        var review = Assert.Single(await reviews.ReviewsAsync("a1", cancellationToken: Ct));
        Assert.Equal((0.8, true), (review.Score, review.AutoFailed));
        Assert.Equal(2, await reviews.AddScorecardAsync("New card", "{}", Ct));

        // A scenarios table from before scenarios named their forecast gains the column, and its rows read on.
        var scenarios = new StaffingScenarioStore(contexts, new FixedTime(Instant));
        Assert.Null((await scenarios.GetAsync(1, Ct))!.ForecastId);
        Assert.Equal(2, await scenarios.SaveAsync("Linked", "voice", "{}", "{}", forecastId: 3, cancellationToken: Ct));
        Assert.Equal(3, (await scenarios.GetAsync(2, Ct))!.ForecastId);
    }
}
