using System.Text.Json.Serialization;
using System.Text.Json;
using Wfm.Core.Events;
using Wfm.Core.Queues;
using static Wfm.Core.Tests.TestData;

namespace Wfm.Core.Tests;

public sealed class QueueLedgerTests
{
    private static QueueLedger Run(params ContactCenterEvent[] events)
    {
        var ledger = new QueueLedger();
        foreach (var e in events)
        {
            Assert.True(ledger.Apply(e, EightyTwenty, Istanbul), $"event {e.Type} {e.ContactId} should apply");
        }

        return ledger;
    }

    [Fact]
    public void ScriptedDay_ServiceLevelAsaAbandonmentAndLongestWait_MatchHandComputedValues()
    {
        var t = NineAm;
        var ledger = Run(
            Contact(EventType.ContactArrived, "c1", t),
            Contact(EventType.ContactArrived, "c2", t.AddSeconds(5)),
            Contact(EventType.ContactArrived, "c3", t.AddSeconds(10)),
            Contact(EventType.ContactArrived, "c4", t.AddSeconds(15)),
            Contact(EventType.ContactArrived, "c5", t.AddSeconds(20)),
            Contact(EventType.ContactAnswered, "c1", t.AddSeconds(10), "a1"),   // waited 10 s: within 20
            Contact(EventType.ContactAnswered, "c2", t.AddSeconds(35), "a1"),   // waited 30 s: miss
            Contact(EventType.ContactAbandoned, "c3", t.AddSeconds(70)),        // abandoned after 60 s: miss
            Contact(EventType.ContactAnswered, "c4", t.AddSeconds(30), "a1"),   // waited 15 s: within
            Contact(EventType.ContactEnded, "c1", t.AddSeconds(130), "a1"));    // talk 120 s

        // Answered 3 (c1, c2, c4), within threshold 2 (c1, c4), abandoned 1 → SL = 2 / (3 + 1) = 0.5.
        Assert.Equal(5, ledger.Today.Offered);
        Assert.Equal(3, ledger.Today.Answered);
        Assert.Equal(1, ledger.Today.Abandoned);
        Assert.Equal(0.5, ledger.Today.ServiceLevel(EightyTwenty));
        // Over answered only: 2 / 3.
        Assert.Equal(2.0 / 3, ledger.Today.ServiceLevel(EightyTwenty with { AbandonsCountAsMisses = false })!.Value, 10);
        // ASA = (10 + 30 + 15) / 3.
        Assert.Equal(55.0 / 3, ledger.Today.AverageSpeedOfAnswer!.Value, 10);
        Assert.Equal(0.25, ledger.Today.AbandonRate);
        Assert.Equal(120, ledger.Today.AverageTalkTime);
        // c5 still waits since 09:00:20.
        Assert.Equal(1, ledger.WaitingCount);
        Assert.Equal(t.AddSeconds(20), ledger.OldestWaitingSince);
        // All arrived in the 09:00 interval (index 36 of 15-minute intervals).
        Assert.Equal(5, ledger.Intervals[36].Offered);
    }

    [Fact]
    public void Intervals_CountContactsByArrivalInterval()
    {
        var ledger = Run(
            Contact(EventType.ContactArrived, "c1", NineAm.AddMinutes(14)),
            Contact(EventType.ContactArrived, "c2", NineAm.AddMinutes(16)),
            Contact(EventType.ContactAnswered, "c1", NineAm.AddMinutes(17), "a1"));
        Assert.Equal(1, ledger.Intervals[36].Offered);
        Assert.Equal(1, ledger.Intervals[36].Answered);
        Assert.Equal(0, ledger.Intervals[36].AnsweredWithinThreshold); // waited 3 minutes
        Assert.Equal(1, ledger.Intervals[37].Offered);
    }

    [Fact]
    public void Check_AnsweringAContactThatIsNotWaiting_IsRefusedWithoutChangingState()
    {
        var ledger = Run(Contact(EventType.ContactArrived, "c1", NineAm));
        var refusals = ledger.Check([
            Contact(EventType.ContactAnswered, "c1", NineAm.AddSeconds(5), "a1"),
            Contact(EventType.ContactAnswered, "c1", NineAm.AddSeconds(6), "a1"),
            Contact(EventType.ContactAbandoned, "zz", NineAm.AddSeconds(7))]).ToList();

        Assert.Equal([1, 2], refusals.Select(r => r.Position));
        Assert.Contains("already answered", refusals[0].Message);
        Assert.Contains("'zz' is not waiting", refusals[1].Message);
        Assert.Equal(0, ledger.Today.Answered);
    }

    [Fact]
    public void RollOver_NewLocalDay_StartsEmptyAndCarriesWaitingContacts()
    {
        var lateEvening = new DateTimeOffset(2026, 3, 2, 20, 55, 0, TimeSpan.Zero); // 23:55 local
        var ledger = Run(
            Contact(EventType.ContactArrived, "c1", lateEvening),
            Contact(EventType.ContactArrived, "c2", lateEvening.AddMinutes(1)),
            Contact(EventType.ContactAnswered, "c1", lateEvening.AddMinutes(2), "a1"));
        Assert.True(ledger.Apply(Contact(EventType.ContactAnswered, "c2", lateEvening.AddMinutes(6), "a1"), EightyTwenty, Istanbul));

        Assert.Equal(new DateOnly(2026, 3, 3), ledger.Day);
        Assert.Equal(1, ledger.Today.Offered);
        Assert.Equal(1, ledger.Today.Answered);
    }
}

/// <summary>The waiting count and longest wait kept up as contacts come and go equal a count over every contact.</summary>
public sealed class QueueLedgerWaitingTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void WaitingCountAndOldest_KeptUp_MatchACountOverAllContacts_AlsoAfterASaveAndLoad(int seed)
    {
        var random = new Random(seed);
        var clock = Istanbul;
        var target = EightyTwenty;
        var ledger = new QueueLedger();
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var next = 0;
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        for (var step = 0; step < 2000; step++)
        {
            at = at.AddSeconds(random.Next(0, 3) == 0 ? 0 : random.Next(1, 30)); // arrivals at the same instant too
            var waiting = ledger.Contacts.Values.Where(c => c.AnsweredAt is null).ToList();
            var talking = ledger.Contacts.Values.Where(c => c.AnsweredAt is not null).ToList();
            var roll = random.Next(0, 10);
            ContactCenterEvent e = roll switch
            {
                < 4 => new ContactCenterEvent { Id = $"e{step}", Type = EventType.ContactArrived, At = at, QueueId = "q", ContactId = $"c{next++}" },
                < 6 when waiting.Count > 0 => new ContactCenterEvent { Id = $"e{step}", Type = EventType.ContactAnswered, At = at, QueueId = "q", ContactId = waiting[random.Next(waiting.Count)].ContactId, AgentId = "a" },
                < 8 when waiting.Count > 0 => new ContactCenterEvent { Id = $"e{step}", Type = EventType.ContactAbandoned, At = at, QueueId = "q", ContactId = waiting[random.Next(waiting.Count)].ContactId },
                _ when talking.Count > 0 => new ContactCenterEvent { Id = $"e{step}", Type = EventType.ContactEnded, At = at, QueueId = "q", ContactId = talking[random.Next(talking.Count)].ContactId, AgentId = "a" },
                _ => new ContactCenterEvent { Id = $"e{step}", Type = EventType.ContactArrived, At = at, QueueId = "q", ContactId = $"c{next++}" },
            };
            Assert.True(ledger.Apply(e, target, clock));
            if (step % 250 == 0)
            {
                ledger = JsonSerializer.Deserialize<QueueLedger>(JsonSerializer.Serialize(ledger, json), json)!;
            }

            var still = ledger.Contacts.Values.Where(c => c.AnsweredAt is null).ToList();
            Assert.Equal(still.Count, ledger.WaitingCount);
            Assert.Equal(still.Count == 0 ? null : still.Min(c => c.ArrivedAt), ledger.OldestWaitingSince);
        }
    }

    [Fact]
    public void LateEventsOfAnEarlierDay_CountInNoneOfTodaysFigures_AndAContactCarriedOverCountsOnceToday()
    {
        var t = NineAm;
        var ledger = new QueueLedger();
        Assert.True(ledger.Apply(Contact(EventType.ContactArrived, "today", t), EightyTwenty, Istanbul));
        Assert.True(ledger.Apply(Contact(EventType.ContactAnswered, "today", t.AddSeconds(5), "a1"), EightyTwenty, Istanbul));
        Assert.Equal(1, ledger.Today.Offered);

        // Yesterday's arrival and abandon, sent late: the contact's life is followed, today's counters are not touched.
        Assert.True(ledger.Apply(Contact(EventType.ContactArrived, "late", t.AddDays(-1)), EightyTwenty, Istanbul));
        Assert.True(ledger.Apply(Contact(EventType.ContactAbandoned, "late", t.AddDays(-1).AddSeconds(40)), EightyTwenty, Istanbul));
        Assert.Equal(1, ledger.Today.Offered);
        Assert.Equal(0, ledger.Today.Abandoned);
        Assert.Equal([36], ledger.Intervals.Keys);
        Assert.Equal(0, ledger.WaitingCount);

        // A contact that arrived late yesterday evening and is answered this morning counts today as carried over
        // midnight: offered in the first interval, and answered.
        Assert.True(ledger.Apply(Contact(EventType.ContactArrived, "overnight", new DateTimeOffset(2026, 3, 1, 23, 59, 0, TimeSpan.FromHours(3))), EightyTwenty, Istanbul));
        Assert.Equal(1, ledger.Today.Offered);
        Assert.True(ledger.Apply(Contact(EventType.ContactAnswered, "overnight", t.AddMinutes(1), "a2"), EightyTwenty, Istanbul));
        Assert.Equal(2, ledger.Today.Offered);
        Assert.Equal(2, ledger.Today.Answered);
        Assert.Equal(1, ledger.Intervals[0].Offered);
    }
}
