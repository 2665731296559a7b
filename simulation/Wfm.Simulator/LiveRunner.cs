using System.Diagnostics;
using Wfm.Core.Time;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>A live run's figures.</summary>
public sealed record LiveReport(double Speed, DateTimeOffset SimulatedFrom, DateTimeOffset SimulatedTo, long EventsAccepted, int BatchesRefused, int Unanswered, double ElapsedSeconds, string? FirstRefusal);

/// <summary>
/// The live driver: the same generator as the server's demo mode, over HTTP, at real time × a speed
/// factor. Simulated time runs <c>speed</c> times faster than the wall clock and reaches "now" when the
/// run ends (it starts that far in the past), so no event is ever stamped in the future.
/// </summary>
public static class LiveRunner
{
    public static async Task<LiveReport> RunAsync(
        LoadSettings settings, double speed, TimeSpan duration, IEventSink sink, Action<string>? status, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (speed is < 1 or > 100)
        {
            throw new ArgumentException($"--speed must be between 1 and 100, got {speed}");
        }

        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--duration must be positive, got {duration}");
        }

        time ??= TimeProvider.System;
        var center = DemoCenterGenerator.Generate(settings.Seed, settings.Agents, settings.TimeZone, settings.Queues);
        var clock = CenterClock.For(settings.TimeZone, 15);
        var wallStart = time.GetUtcNow();
        var simStart = wallStart - (duration * (speed - 1));
        var stream = new EventStream(center, clock, settings.Seed, simStart, settings.Volume, settings.Conversation, settings.AbusiveRate, settings.Profile);
        long accepted = 0;
        int refused = 0, unanswered = 0;
        string? firstRefusal = null;
        var watch = Stopwatch.StartNew();
        var lastStatus = TimeSpan.Zero;
        try
        {
            while (watch.Elapsed < duration)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                var elapsed = watch.Elapsed < duration ? watch.Elapsed : duration;
                var simNow = simStart + (elapsed * speed);
                foreach (var batch in stream.Advance(simNow, settings.Batch, flush: true))
                {
                    var outcome = await LoadRunner.PostAsync(sink, batch, retry: false, () => unanswered++, cancellationToken);
                    if (outcome is { Accepted: true })
                    {
                        accepted += batch.Length;
                    }
                    else if (outcome is not null)
                    {
                        refused++;
                        firstRefusal ??= outcome.Refusal;
                    }
                }

                if (stream.TakeSurveys() is { Count: > 0 } surveys)
                {
                    try
                    {
                        await sink.PostSurveysAsync(surveys, cancellationToken);
                    }
                    catch (HttpRequestException)
                    {
                        unanswered++;
                    }
                }

                if (status is not null && elapsed - lastStatus >= TimeSpan.FromSeconds(5))
                {
                    lastStatus = elapsed;
                    status($"{clock.ToLocal(simNow):yyyy-MM-dd HH:mm:ss} (center time), {accepted:N0} events accepted, {refused} batches refused");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return new LiveReport(speed, simStart, stream.Now, accepted, refused, unanswered, watch.Elapsed.TotalSeconds, firstRefusal);
    }
}
