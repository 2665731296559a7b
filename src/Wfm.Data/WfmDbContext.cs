using Microsoft.EntityFrameworkCore;
using Wfm.Data.Entities;

namespace Wfm.Data;

/// <summary>
/// The center's description (settings, teams, queues, agents, contracts, shift templates, rule sets, own days),
/// the event journal and grain state. Columns added after a first release are nullable, so an older database
/// gains them (<see cref="Storage.ModelSchema"/>).
/// </summary>
public sealed class WfmDbContext(DbContextOptions<WfmDbContext> options) : DbContext(options)
{
    public DbSet<TeamEntity> Teams => Set<TeamEntity>();
    public DbSet<QueueEntity> Queues => Set<QueueEntity>();
    public DbSet<AgentEntity> Agents => Set<AgentEntity>();
    public DbSet<EventEntity> Events => Set<EventEntity>();
    public DbSet<GrainStateEntity> GrainStates => Set<GrainStateEntity>();
    public DbSet<SettingEntity> Settings => Set<SettingEntity>();
    public DbSet<ContractEntity> Contracts => Set<ContractEntity>();
    public DbSet<ShiftTemplateEntity> ShiftTemplates => Set<ShiftTemplateEntity>();
    public DbSet<RuleSetEntity> RuleSets => Set<RuleSetEntity>();
    public DbSet<CenterDayEntity> CenterDays => Set<CenterDayEntity>();
    public DbSet<StaffingPlanEntity> StaffingPlans => Set<StaffingPlanEntity>();
    public DbSet<CapacityPlanEntity> CapacityPlans => Set<CapacityPlanEntity>();

    public DbSet<StaffingCalibrationEntity> StaffingCalibrations => Set<StaffingCalibrationEntity>();
    public DbSet<IntradayOfferEntity> IntradayOffers => Set<IntradayOfferEntity>();
    public DbSet<IntradayOfferAnswerEntity> IntradayOfferAnswers => Set<IntradayOfferAnswerEntity>();
    public DbSet<AnalyzedConversationEntity> AnalyzedConversations => Set<AnalyzedConversationEntity>();
    public DbSet<ShiftTradeBidEntity> ShiftTradeBids => Set<ShiftTradeBidEntity>();
    public DbSet<SurveyEntity> Surveys => Set<SurveyEntity>();
    public DbSet<WowMomentEntity> WowMoments => Set<WowMomentEntity>();
    public DbSet<CoachingSessionEntity> CoachingSessions => Set<CoachingSessionEntity>();
    public DbSet<ScorecardEntity> Scorecards => Set<ScorecardEntity>();
    public DbSet<ReviewEntity> Reviews => Set<ReviewEntity>();
    public DbSet<StaffingScenarioEntity> StaffingScenarios => Set<StaffingScenarioEntity>();
    public DbSet<ForecastEntity> Forecasts => Set<ForecastEntity>();
    public DbSet<ScheduleEntity> Schedules => Set<ScheduleEntity>();
    public DbSet<ScheduleRequestEntity> ScheduleRequests => Set<ScheduleRequestEntity>();
    public DbSet<SuggestionFeedbackEntity> SuggestionFeedback => Set<SuggestionFeedbackEntity>();
    public DbSet<IncidentEntity> Incidents => Set<IncidentEntity>();
    public DbSet<ReplyEntity> Replies => Set<ReplyEntity>();
    public DbSet<HistorySeriesEntity> HistorySeries => Set<HistorySeriesEntity>();
    public DbSet<HistoryIntervalEntity> HistoryIntervals => Set<HistoryIntervalEntity>();
    public DbSet<IngestWatermarkEntity> IngestWatermark => Set<IngestWatermarkEntity>();
    public DbSet<ClusterSiloEntity> ClusterSilos => Set<ClusterSiloEntity>();
    public DbSet<ClusterVersionEntity> ClusterVersions => Set<ClusterVersionEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TeamEntity>().ToTable("Teams").HasKey(t => t.Id);
        modelBuilder.Entity<QueueEntity>().ToTable("Queues").HasKey(q => q.Id);
        modelBuilder.Entity<AgentEntity>().ToTable("Agents").HasKey(a => a.Id);
        modelBuilder.Entity<SettingEntity>().ToTable("Settings").HasKey(s => s.Key);
        modelBuilder.Entity<ContractEntity>().ToTable("Contracts").HasKey(c => c.Id);
        modelBuilder.Entity<ShiftTemplateEntity>().ToTable("ShiftTemplates").HasKey(t => t.Id);
        modelBuilder.Entity<RuleSetEntity>().ToTable("RuleSets").HasKey(r => r.Id);
        modelBuilder.Entity<CenterDayEntity>().ToTable("CenterDays").HasKey(d => d.Date);
        var plans = modelBuilder.Entity<StaffingPlanEntity>().ToTable("StaffingPlans");
        plans.HasKey(p => p.Id);
        plans.Property(p => p.Id).ValueGeneratedOnAdd();
        plans.Property(p => p.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        var capacity = modelBuilder.Entity<CapacityPlanEntity>().ToTable("CapacityPlans");
        capacity.HasKey(p => p.Id);
        capacity.Property(p => p.Id).ValueGeneratedOnAdd();
        capacity.Property(p => p.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        var calibrations = modelBuilder.Entity<StaffingCalibrationEntity>().ToTable("StaffingCalibrations");
        calibrations.HasKey(c => c.QueueId);
        calibrations.Property(c => c.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        var offers = modelBuilder.Entity<IntradayOfferEntity>().ToTable("IntradayOffers");
        offers.HasKey(o => o.Id);
        offers.Property(o => o.Id).ValueGeneratedOnAdd();
        offers.HasIndex(o => o.Date);
        offers.Property(o => o.From).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        offers.Property(o => o.To).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        offers.Property(o => o.CreatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        var answers = modelBuilder.Entity<IntradayOfferAnswerEntity>().ToTable("IntradayOfferAnswers");
        answers.HasKey(a => new { a.OfferId, a.AgentId });
        answers.Property(a => a.At).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        modelBuilder.Entity<GrainStateEntity>().ToTable("GrainStates").HasKey(g => new { g.GrainType, g.GrainKey });
        var bids = modelBuilder.Entity<ShiftTradeBidEntity>().ToTable("ShiftTradeBids");
        bids.HasKey(b => b.Id);
        bids.HasIndex(b => new { b.RequestId, b.AgentId }).IsUnique();
        bids.Property(b => b.At).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        var analyzed = modelBuilder.Entity<AnalyzedConversationEntity>().ToTable("AnalyzedConversations");
        analyzed.HasKey(c => c.ConversationId);
        analyzed.Property(c => c.EndedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        analyzed.HasIndex(c => new { c.AgentId, c.EndedAt });
        analyzed.HasIndex(c => c.EndedAt);
        // Coaching: the tables the first (SQLite-only) stores made, with their columns as they were.
        modelBuilder.Entity<SurveyEntity>().ToTable("Surveys").HasKey(s => s.ContactId);
        var wow = modelBuilder.Entity<WowMomentEntity>().ToTable("WowMoments");
        wow.HasKey(w => w.Id);
        wow.Property(w => w.Id).ValueGeneratedOnAdd();
        wow.HasIndex(w => new { w.ConversationId, w.Kind, w.Text }).IsUnique();
        var sessions = modelBuilder.Entity<CoachingSessionEntity>().ToTable("CoachingSessions");
        sessions.HasKey(c => c.Id);
        sessions.Property(c => c.Id).ValueGeneratedOnAdd();
        sessions.HasIndex(c => c.AgentId);
        var scorecards = modelBuilder.Entity<ScorecardEntity>().ToTable("Scorecards");
        scorecards.HasKey(c => c.Id);
        scorecards.Property(c => c.Id).ValueGeneratedOnAdd();
        var reviews = modelBuilder.Entity<ReviewEntity>().ToTable("Reviews");
        reviews.HasKey(r => r.Id);
        reviews.Property(r => r.Id).ValueGeneratedOnAdd();
        reviews.HasIndex(r => r.AgentId);
        reviews.HasIndex(r => r.ConversationId);
        var scenarios = modelBuilder.Entity<StaffingScenarioEntity>().ToTable("StaffingScenarios");
        scenarios.HasKey(c => c.Id);
        scenarios.Property(c => c.Id).ValueGeneratedOnAdd();
        var forecasts = modelBuilder.Entity<ForecastEntity>().ToTable("Forecasts");
        forecasts.HasKey(f => f.Id);
        forecasts.Property(f => f.Id).ValueGeneratedOnAdd();
        forecasts.HasIndex(f => new { f.SeriesKey, f.Id });
        var schedules = modelBuilder.Entity<ScheduleEntity>().ToTable("Schedules");
        schedules.HasKey(f => f.Id);
        schedules.Property(f => f.Id).ValueGeneratedOnAdd();
        var requests = modelBuilder.Entity<ScheduleRequestEntity>().ToTable("ScheduleRequests");
        requests.HasKey(r => r.Id);
        requests.Property(r => r.Id).ValueGeneratedOnAdd();
        requests.HasIndex(r => r.ScheduleId);
        var feedback = modelBuilder.Entity<SuggestionFeedbackEntity>().ToTable("SuggestionFeedback");
        feedback.HasKey(f => f.Id);
        feedback.Property(f => f.Id).ValueGeneratedOnAdd();
        feedback.HasIndex(f => f.AtTicks);
        var incidents = modelBuilder.Entity<IncidentEntity>().ToTable("Incidents");
        incidents.HasKey(i => i.Id);
        incidents.HasIndex(i => i.AtTicks).HasDatabaseName("IX_Incidents_At");
        var replies = modelBuilder.Entity<ReplyEntity>().ToTable("ReplyLibrary");
        replies.HasKey(r => r.Id);
        replies.Property(r => r.Id).ValueGeneratedOnAdd();
        replies.HasIndex(r => r.AtTicks).HasDatabaseName("IX_ReplyLibrary_At");
        modelBuilder.Entity<HistorySeriesEntity>().ToTable("HistorySeries").HasKey(s => s.SeriesKey);
        modelBuilder.Entity<HistoryIntervalEntity>().ToTable("HistoryIntervals").HasKey(i => new { i.SeriesKey, i.Day, i.Slot });
        var watermark = modelBuilder.Entity<IngestWatermarkEntity>().ToTable("IngestWatermark");
        watermark.HasKey(w => w.Id);
        watermark.Property(w => w.Id).ValueGeneratedNever();
        modelBuilder.Entity<ClusterSiloEntity>().ToTable("ClusterSilos").HasKey(s => new { s.ClusterId, s.Address });
        modelBuilder.Entity<ClusterVersionEntity>().ToTable("ClusterVersions").HasKey(v => v.ClusterId);

        var events = modelBuilder.Entity<EventEntity>().ToTable("Events");
        events.HasKey(e => e.Sequence);
        events.Property(e => e.Sequence).ValueGeneratedOnAdd();
        // One event is its (time, id): a batch's keys sort together at the index's recent end (see EventKey).
        events.HasIndex(e => new { e.At, e.EventId }).IsUnique();
        // The agent and queue indexes are on (sequence block, key, sequence): SqliteEventJournal.IndexesSql.
        // SQLite compares text: store instants as sortable UTC ticks instead.
        events.Property(e => e.At).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        modelBuilder.Entity<GrainStateEntity>().Property(g => g.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
    }
}
