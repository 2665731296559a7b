using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Kpis;
using Wfm.Core.Ports;
using Wfm.Core.Queues;
using Wfm.Core.Time;
using Wfm.Data;
using Wfm.Data.Coaching;
using Wfm.Data.Storage;
using Wfm.Server.Hosting;

namespace Wfm.Server.Tests;

/// <summary>The KPI pages' contacts: what the journal says, read once for days that can no longer change.</summary>
public sealed class ContactRecordReaderTests
{
    private static readonly CenterClock Clock = CenterClock.For("Europe/Istanbul", 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Three contacts a day for agent-1 and agent-2, the evening one ending after midnight.</summary>
    private static List<ContactCenterEvent> Day(DateOnly day, string tag = "")
    {
        var events = new List<ContactCenterEvent>();
        foreach (var (hour, n) in new[] { (9.0, 1), (14.5, 2), (23.9, 3) })
        {
            var at = Clock.ToUtc(day, TimeOnly.MinValue).AddHours(hour);
            var contact = $"c-{day:yyyyMMdd}-{n}{tag}";
            var agent = n % 2 == 0 ? "agent-2" : "agent-1";
            events.Add(new ContactCenterEvent { Id = contact + "-a", Type = EventType.ContactArrived, At = at, QueueId = "voice", ContactId = contact });
            events.Add(new ContactCenterEvent { Id = contact + "-b", Type = EventType.ContactAnswered, At = at.AddSeconds(20), QueueId = "voice", ContactId = contact, AgentId = agent });
            events.Add(new ContactCenterEvent { Id = contact + "-c", Type = EventType.ContactEnded, At = at.AddMinutes(15), QueueId = "voice", ContactId = contact, AgentId = agent });
        }

        return events;
    }

    private static string Key(ContactRecord r) => $"{r.ContactId} {r.AgentId} {r.AnsweredAt:O} {r.EndedAt:O} {r.Survey?.Csat}";

    [Theory]
    [InlineData(250_000)]
    [InlineData(5)]
    public async Task Records_AreTheJournals_SurveysAndLateEventsIncluded_AndSettledDaysAreReadOnce(int kept)
    {
        await using var db = TempSqlite.Create("records");
        var surveys = new SurveyStore(new PooledDbContextFactory<WfmDbContext>(WfmStore.Sqlite(db.Database).Options()), TimeProvider.System);
        var journal = new InMemoryEventJournal();
        var today = new DateOnly(2026, 11, 30);
        var all = new List<ContactCenterEvent>();
        for (var day = today.AddDays(-20); day < today; day = day.AddDays(1))
        {
            all.AddRange(Day(day));
        }

        await journal.AppendAsync(all, Ct);
        var directory = new InMemoryDirectory(Clock, [new TeamProfile("t", "T")], [new QueueProfile("voice", "Voice", Channel.Voice, new ServiceLevelTarget(80, 20))], []);
        var now = Clock.ToUtc(today, new TimeOnly(12, 0));
        using var reader = new ContactRecordReader(journal, surveys, directory, new EventBounds(TimeSpan.FromDays(3)), new FixedTime(now),
            Options.Create(new WfmServerOptions { KpiRecordsKept = kept }));

        IReadOnlyList<string> Expected(DateTimeOffset from, DateTimeOffset to, IReadOnlyDictionary<string, SurveyAnswer> answers) =>
            ContactRecords.From(all, directory, answers).Where(r => r.ArrivedAt >= from && r.ArrivedAt < to.AddDays(1)).Select(Key).Order().ToList();

        async Task<IReadOnlyList<string>> Read(DateTimeOffset from, DateTimeOffset to) => (await reader.ReadAsync(from, to, Ct)).Select(Key).Order().ToList();

        // Four weeks to now, a week in the middle starting mid-day, and the same again (kept days now).
        var ranges = new[] { (now.AddDays(-28), now), (Clock.ToUtc(today.AddDays(-15), new TimeOnly(12, 0)), Clock.StartOfDay(today.AddDays(-8))), (now.AddDays(-28), now) };
        foreach (var (from, to) in ranges)
        {
            var read = await Read(from, to);
            Assert.Equal(Expected(from, to, new Dictionary<string, SurveyAnswer>()), read);
            Assert.NotEmpty(read);
        }

        // A survey answered now for a contact of two weeks ago, and a late event of yesterday (within the three days): both seen.
        await surveys.UpsertAsync([($"c-{today.AddDays(-14):yyyyMMdd}-1", new SurveyAnswer(2, null, null))], Ct);
        var late = Day(today.AddDays(-1), "-late");
        all.AddRange(late);
        await journal.AppendAsync(late, Ct);
        var answers = await surveys.AllAsync(Ct);
        Assert.Equal(Expected(now.AddDays(-28), now, answers), await Read(now.AddDays(-28), now));
        Assert.Contains(await reader.ReadAsync(now.AddDays(-28), now, Ct), r => r.Survey?.Csat == 2);

        // An event the server could not have accepted (a day long settled) is not read again when the day is kept.
        await journal.AppendAsync(Day(today.AddDays(-10), "-impossible"), Ct);
        var again = await reader.ReadAsync(now.AddDays(-28), now, Ct);
        Assert.Equal(kept > 1000, again.All(r => !r.ContactId.EndsWith("-impossible", StringComparison.Ordinal)));
    }
}
