using Wfm.Core.Events;
using Wfm.Simulator;

namespace Wfm.Simulation.Tests;

public sealed class LoadRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Accepts every batch, optionally slowly, and remembers what it got.</summary>
    private sealed class RecordingSink(TimeSpan delay = default) : IEventSink
    {
        public List<ContactCenterEvent> Received { get; } = [];

        public async Task<PostOutcome> PostAsync(IReadOnlyList<ContactCenterEvent> batch, CancellationToken cancellationToken)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }

            Received.AddRange(batch);
            return new PostOutcome(true, batch.Count, null);
        }
    }

    /// <summary>Fails the first few posts as a server that is down would, then accepts.</summary>
    private sealed class FlakySink(int failures) : IEventSink
    {
        private int _left = failures;

        public List<string> Received { get; } = [];

        public Task<PostOutcome> PostAsync(IReadOnlyList<ContactCenterEvent> batch, CancellationToken cancellationToken)
        {
            if (_left-- > 0)
            {
                throw new HttpRequestException("connection refused");
            }

            Received.AddRange(batch.Select(e => e.Id));
            return Task.FromResult(new PostOutcome(true, batch.Count, null));
        }
    }

    private static readonly DateTimeOffset Evening = new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero); // 20:00 in Istanbul

    [Fact]
    public async Task StopsAtMaxEvents_Exactly()
    {
        var sink = new RecordingSink();
        var settings = new LoadSettings { MaxEvents = 1234, Batch = 500 };

        var report = await LoadRunner.RunAsync(settings, sink, time: new FixedTime(Evening), cancellationToken: Ct);

        Assert.Equal(StopReason.MaxEvents, report.Stopped);
        Assert.Equal(1234, report.EventsPosted);
        Assert.Equal(1234, sink.Received.Count);
        Assert.Equal(1234, sink.Received.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task StopsAtDuration_BeforeTheStreamEnds()
    {
        var sink = new RecordingSink(TimeSpan.FromMilliseconds(50));
        var settings = new LoadSettings { Duration = TimeSpan.FromMilliseconds(400), Batch = 100 };

        var report = await LoadRunner.RunAsync(settings, sink, time: new FixedTime(Evening), cancellationToken: Ct);

        Assert.Equal(StopReason.Duration, report.Stopped);
        Assert.True(report.ElapsedSeconds >= 0.4, $"{report.ElapsedSeconds}");
        Assert.True(report.EventsPosted is > 0 and < 100_000, $"{report.EventsPosted}");
        Assert.Equal(report.EventsPosted, sink.Received.Count);
    }

    [Fact]
    public async Task UnansweredBatches_AreRepostedWithTheSameIds_WhenRetrying()
    {
        var sink = new FlakySink(failures: 3);
        var settings = new LoadSettings { MaxEvents = 600, Batch = 200, RetryUnanswered = true };

        var report = await LoadRunner.RunAsync(settings, sink, time: new FixedTime(Evening), cancellationToken: Ct);

        Assert.Equal(3, report.Unanswered);
        Assert.Equal(600, report.EventsAccepted);
        Assert.Equal(600, sink.Received.Distinct().Count());
    }

    [Fact]
    public void Settings_WithoutABound_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new LoadSettings().Validate());
        Assert.Contains("--duration or --max-events", error.Message);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
