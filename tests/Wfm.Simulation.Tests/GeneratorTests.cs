using System.Globalization;
using Wfm.Core.Conversations;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Time;
using Wfm.Simulation;
using Wfm.Simulator;

namespace Wfm.Simulation.Tests;

public sealed class GeneratorTests
{
    private static readonly CenterClock Clock = CenterClock.For("Europe/Istanbul", 15);

    [Fact]
    public void SameSeed_GivesTheSameStream_ConversationIncluded()
    {
        static List<string> Run(int seed)
        {
            var center = DemoCenterGenerator.Generate(seed, 40);
            var stream = new EventStream(center, Clock, seed, Clock.StartOfDay(new DateOnly(2026, 11, 2)), 1, conversation: true);
            return stream.Advance(Clock.StartOfDay(new DateOnly(2026, 11, 3)), 500, flush: true)
                .SelectMany(b => b).Select(e => $"{e.Id}|{e.Type}|{e.At:O}|{e.AgentId}|{e.Text}").ToList();
        }

        var first = Run(7);
        Assert.True(first.Count > 1000, $"{first.Count} events");
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
    }

    [Fact]
    public void SameSeed_GivesTheSameStream_InEveryProcess()
    {
        // Written down from another process: a seed hashed per process (HashCode.Combine) would give other times here.
        var center = DemoCenterGenerator.Generate(7, 40);
        var start = Clock.StartOfDay(new DateOnly(2026, 11, 4)).AddHours(10);
        var arrivals = new TrafficGenerator(center, Clock, 7, start).Advance(start.AddMinutes(10))
            .Where(e => e.Type == EventType.ContactArrived).Take(3).Select(e => $"{e.At:HH:mm:ss.fff} {e.QueueId}");

        Assert.Equal(["07:00:42.750 chat-support", "07:00:53.822 chat-support", "07:00:59.026 voice-support"], arrivals);
        Assert.Equal(-2077826009, StableSeed.Of(1, 2, 3));
    }

    [Fact]
    public void Arrivals_MatchTheProfile_ByChiSquare()
    {
        // A learned profile: open 08:00–18:00 on weekdays with a midday peak, closed at weekends.
        var history = new List<(DateTime, double)>();
        for (var d = new DateTime(2026, 10, 5); d < new DateTime(2026, 11, 2); d = d.AddDays(1))
        {
            for (var h = 0; h < 24; h++)
            {
                var open = d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && h is >= 8 and < 18;
                history.Add((d.AddHours(h), open ? 20 + (40 * Math.Sin((h - 8 + 0.5) / 10 * Math.PI)) : 0));
            }
        }

        var profile = ArrivalProfile.FromIntervals(history, 60);
        var center = DemoCenterGenerator.Generate(3, 8);
        var start = Clock.StartOfDay(new DateOnly(2026, 11, 2)); // a Monday
        var generator = new TrafficGenerator(center, Clock, 3, start, profile: profile);
        var arrivals = generator.Advance(start.AddDays(14)).Where(e => e.Type == EventType.ContactArrived).ToList();

        // Expected per hour of day over the two weeks: each queue's peak × the profile's factor, summed.
        var peakSum = center.Queues.Sum(q => q.PeakPerHour);
        var observed = new double[24];
        foreach (var a in arrivals)
        {
            observed[Clock.ToLocal(a.At).Hour]++;
        }

        var chiSquare = 0.0;
        var cells = 0;
        for (var h = 0; h < 24; h++)
        {
            var expected = 0.0;
            for (var d = 0; d < 14; d++)
            {
                for (var m = 0; m < 60; m++)
                {
                    expected += peakSum / 60 * profile.Factor(new DateTime(2026, 11, 2).AddDays(d).AddHours(h).AddMinutes(m));
                }
            }

            if (expected == 0)
            {
                Assert.Equal(0, observed[h]); // closed hours get nothing
                continue;
            }

            chiSquare += Math.Pow(observed[h] - expected, 2) / expected;
            cells++;
        }

        // 10 open hours → 10 degrees of freedom; 29.6 is the 0.999 quantile.
        Assert.Equal(10, cells);
        Assert.True(chiSquare < 29.6, $"chi-square {chiSquare:F1} over {cells} hours, {arrivals.Count} arrivals");
    }

    [Fact]
    public void SpecialDay_MultipliesThatDaysArrivals()
    {
        var center = DemoCenterGenerator.Generate(5, 8);
        var monday = new DateOnly(2026, 11, 2);
        var spike = ArrivalProfile.Default.WithSpecialDays(new Dictionary<DateOnly, double> { [monday.AddDays(7)] = 2.0 });
        var start = Clock.StartOfDay(monday);
        var arrivals = new TrafficGenerator(center, Clock, 5, start, profile: spike).Advance(start.AddDays(8))
            .Where(e => e.Type == EventType.ContactArrived)
            .GroupBy(e => Clock.LocalDate(e.At))
            .ToDictionary(g => g.Key, g => g.Count());

        var ratio = (double)arrivals[monday.AddDays(7)] / arrivals[monday];
        Assert.InRange(ratio, 1.8, 2.2);
    }

    [Theory]
    [InlineData(0.04, 0.03)]
    [InlineData(0.20, 0.10)]
    public void AbuseAndWowRates_MatchTheConfiguration(double abusiveRate, double wowRate)
    {
        var conversation = new ConversationGenerator(11, abusiveRate, wowRate: wowRate);
        var answered = Enumerable.Range(0, 6000).Select(i => new ContactCenterEvent
        {
            Id = $"e{i}", Type = EventType.ContactAnswered, At = DateTimeOffset.UtcNow, QueueId = "chat", ContactId = $"c{i}", AgentId = $"agent-{i % 30:000}",
        }).ToList();

        conversation.Around(answered, _ => Channel.Chat, a => (int.Parse(a[6..], CultureInfo.InvariantCulture) % 3) switch { 0 => "en", 1 => "tr", _ => "fa" });

        var n = conversation.Messages;
        Assert.Equal(6000, n);
        AssertRate(conversation.AbusiveMessages, n, abusiveRate);
        AssertRate(conversation.ReplyCounts.Wow, conversation.ReplyCounts.Replies, wowRate);
    }

    /// <summary>Within four binomial standard deviations of the configured rate.</summary>
    private static void AssertRate(int hits, int n, double rate)
    {
        var sd = Math.Sqrt(n * rate * (1 - rate));
        Assert.InRange(hits, (n * rate) - (4 * sd), (n * rate) + (4 * sd));
    }

    [Fact]
    public void AbusiveMessages_AreFlaggedByTheDetector_AndOrdinaryOnesMostlyNot()
    {
        var messages = new CustomerMessageGenerator(4, abusiveRate: 0.5);
        var detector = AbuseDetector.Default;
        var sample = Enumerable.Range(0, 600).Select(i => messages.Next(new[] { "en", "tr", "fa" }[i % 3])).ToList();

        var caught = sample.Where(m => m.Abusive).Count(m => detector.Classify(m.Text, m.Language).Abusive);
        var falseAlarms = sample.Where(m => !m.Abusive).Count(m => detector.Classify(m.Text, m.Language).Abusive);

        Assert.True(caught >= 0.9 * sample.Count(m => m.Abusive), $"{caught} caught");
        Assert.True(falseAlarms <= 0.05 * sample.Count(m => !m.Abusive), $"{falseAlarms} false alarms");
    }

    [Fact]
    public void LargeCenter_HasOneTeamPerQueue_AndEveryAgentServesTheirTeamsQueue()
    {
        var center = DemoCenterGenerator.Generate(9, 1000, queueCount: 40);

        Assert.Equal(40, center.Queues.Count);
        Assert.Equal(40, center.Teams.Count);
        Assert.Equal(1000, center.Agents.Select(a => a.Id).Distinct().Count());
        Assert.All(center.Agents, a =>
        {
            var team = int.Parse(a.TeamId["team-".Length..], CultureInfo.InvariantCulture) - 1;
            Assert.Equal(center.Queues[team].Profile.Id, a.Skills[0].QueueId);
        });
        Assert.Equal(center.Queues.Select(q => q.Profile.Id), DemoCenterGenerator.Generate(9, 1000, queueCount: 40).Queues.Select(q => q.Profile.Id));
    }
}

/// <summary>The demo's days that run over and under their forecast.</summary>
public sealed class DayLevelTests
{
    [Fact]
    public void DaysRunOverAndUnder_TheSameEveryRun_AroundTheForecastOnAverage()
    {
        var from = new DateOnly(2026, 11, 2);
        var levels = ArrivalProfile.DayLevels(20261125, "voice-sales", from, from.AddDays(119));
        Assert.Equal(levels, ArrivalProfile.DayLevels(20261125, "voice-sales", from, from.AddDays(119)));
        Assert.NotEqual(levels, ArrivalProfile.DayLevels(20261125, "chat-support", from, from.AddDays(119)));
        Assert.Equal(120, levels.Count);
        Assert.InRange(levels.Values.Count(l => l >= 1.15), 5, 25);
        Assert.InRange(levels.Values.Count(l => l <= 0.88), 5, 25);
        Assert.InRange(levels.Values.Average(), 0.95, 1.05);
        Assert.All(levels.Values, l => Assert.InRange(l, 0.75, 1.3));
    }
}
