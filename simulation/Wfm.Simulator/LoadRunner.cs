using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Wfm.Core.Events;
using Wfm.Core.Time;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>What a load run generates and where it stops.</summary>
public sealed record LoadSettings
{
    public int Agents { get; init; } = 64;

    public int Queues { get; init; } = 4;

    public int Seed { get; init; } = 20261125;

    public string TimeZone { get; init; } = "Europe/Istanbul";

    /// <summary>Multiplies the queues' arrival rates.</summary>
    public double Volume { get; init; } = 1;

    public int Batch { get; init; } = 500;

    /// <summary>Stop after this long (wall clock).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop after posting this many events.</summary>
    public long? MaxEvents { get; init; }

    /// <summary>Hours of simulated traffic before now to draw events from (kept inside today, center time).</summary>
    public double WindowHours { get; init; } = 24;

    /// <summary>Also send the conversation (customers' messages, agents' replies, resolutions).</summary>
    public bool Conversation { get; init; } = true;

    public double AbusiveRate { get; init; } = 0.04;

    /// <summary>How arrivals move through the week (default: the demo shape).</summary>
    public ArrivalProfile? Profile { get; init; }

    /// <summary>Keep re-posting a batch the server did not answer until it does (the fault driver's mode).</summary>
    public bool RetryUnanswered { get; init; }

    public void Validate()
    {
        if (Agents < 4 || Queues < 4 || Queues > Agents)
        {
            throw new ArgumentException($"--agents must be at least 4 and --queues between 4 and --agents (got {Agents} agents, {Queues} queues)");
        }

        if (Batch is < 1 or > 5000)
        {
            throw new ArgumentException($"--batch must be between 1 and 5000 (the server's limit), got {Batch}");
        }

        if (Volume is <= 0 or > 1000)
        {
            throw new ArgumentException($"--volume must be above 0 and at most 1000, got {Volume}");
        }

        if (Duration is null && MaxEvents is null)
        {
            throw new ArgumentException("give a bound: --duration or --max-events (or both)");
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--duration must be positive, got {d}");
        }

        if (MaxEvents is < 1)
        {
            throw new ArgumentException($"--max-events must be at least 1, got {MaxEvents}");
        }

        if (WindowHours is <= 0 or > 24)
        {
            throw new ArgumentException($"--window-hours must be above 0 and at most 24, got {WindowHours}");
        }
    }
}

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    MaxEvents,
    Duration,
    StreamEnded,
    Cancelled,
}

/// <summary>A load run's figures.</summary>
public sealed record LoadReport(
    int Agents,
    int Queues,
    long EventsPosted,
    long EventsAccepted,
    int BatchesRefused,
    int Unanswered,
    double ElapsedSeconds,
    double AcceptedPerSecond,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double? LatencyP99Ms,
    int LatencySamples,
    long? ServerPeakWorkingSetBytes,
    int? ActiveAgentGrains,
    int Messages,
    int AbusiveMessages,
    int Replies,
    int EmpatheticReplies,
    int NegativeReplies,
    int WowReplies,
    StopReason Stopped,
    string? FirstRefusal);

/// <summary>
/// The load driver: generates the center's traffic for a past window of today and posts it batch after
/// batch (the server takes batches in order) as fast as the server accepts, until a bound; the generator
/// runs ahead on another thread.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadReport> RunAsync(
        LoadSettings settings,
        IEventSink sink,
        BoardProbe? probe = null,
        ServerClient? server = null,
        IProgress<double>? progress = null,
        Action<IReadOnlyList<ContactCenterEvent>>? acknowledged = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        settings.Validate();
        time ??= TimeProvider.System;
        var center = DemoCenterGenerator.Generate(settings.Seed, settings.Agents, settings.TimeZone, settings.Queues);
        var clock = CenterClock.For(settings.TimeZone, 15);
        var end = time.GetUtcNow().AddSeconds(-1);
        var start = end.AddHours(-settings.WindowHours);
        var midnight = clock.StartOfDay(clock.LocalDate(end)).AddSeconds(1);
        if (start < midnight)
        {
            start = midnight; // the board counts today's contacts: keep the window inside today
        }

        var stream = new EventStream(center, clock, settings.Seed, start, settings.Volume, settings.Conversation, settings.AbusiveRate, settings.Profile);
        var surveys = new ConcurrentQueue<GeneratedSurvey>();
        var batches = Channel.CreateBounded<ContactCenterEvent[]>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (var t = start; t < end && !stop.IsCancellationRequested;)
                {
                    t = t.AddMinutes(1) < end ? t.AddMinutes(1) : end;
                    foreach (var batch in stream.Advance(t, settings.Batch, flush: t >= end))
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                    }

                    foreach (var survey in stream.TakeSurveys())
                    {
                        surveys.Enqueue(survey);
                    }
                }

                batches.Writer.TryComplete();
            }
            catch (OperationCanceledException)
            {
                batches.Writer.TryComplete();
            }
        }, CancellationToken.None);

        long peakMemory = 0;
        int? agentGrains = null;
        var sampler = server is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await server.SystemAsync(stop.Token).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null) is { } s)
                {
                    peakMemory = Math.Max(peakMemory, s.WorkingSet);
                    agentGrains = Math.Max(agentGrains ?? 0, s.Grains.GetValueOrDefault("AgentGrain"));
                }

                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);

        long posted = 0, accepted = 0;
        int refused = 0, unanswered = 0;
        string? firstRefusal = null;
        var stopped = StopReason.StreamEnded;
        var watch = Stopwatch.StartNew();
        try
        {
            await foreach (var whole in batches.Reader.ReadAllAsync(cancellationToken))
            {
                if (settings.Duration is { } limit && watch.Elapsed >= limit)
                {
                    stopped = StopReason.Duration;
                    break;
                }

                var batch = settings.MaxEvents is { } max && posted + whole.Length > max ? whole[..(int)(max - posted)] : whole;
                probe?.Posting(batch);
                var outcome = await PostAsync(sink, batch, settings.RetryUnanswered, () => unanswered++, cancellationToken);
                posted += batch.Length;
                if (outcome is { Accepted: true })
                {
                    accepted += batch.Length;
                    acknowledged?.Invoke(batch);
                }
                else if (outcome is not null)
                {
                    refused++;
                    firstRefusal ??= outcome.Refusal;
                }

                if (outcome is { Accepted: true } && surveys.Count >= 500)
                {
                    await PostSurveysAsync(sink, surveys, cancellationToken);
                }

                progress?.Report(Fraction(settings, posted, watch.Elapsed, stream, start, end));
                if (settings.MaxEvents is { } bound && posted >= bound)
                {
                    stopped = StopReason.MaxEvents;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stopped = StopReason.Cancelled;
        }

        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        await producer;
        if (accepted > 0)
        {
            await PostSurveysAsync(sink, surveys, CancellationToken.None);
        }

        if (probe is not null && accepted > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None); // the last board pushes
        }

        await sampler;
        if (server is not null && await server.SystemAsync(CancellationToken.None) is { } last)
        {
            peakMemory = Math.Max(peakMemory, last.WorkingSet);
            agentGrains = Math.Max(agentGrains ?? 0, last.Grains.GetValueOrDefault("AgentGrain"));
        }

        var latencies = probe?.Latencies().Order().ToArray() ?? [];
        double? Percentile(double p) => latencies.Length == 0 ? null : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        var (messages, abusive) = stream.Messages;
        var replies = stream.Replies;
        return new LoadReport(
            settings.Agents, settings.Queues, posted, accepted, refused, unanswered, elapsed.TotalSeconds,
            elapsed.TotalSeconds > 0 ? accepted / elapsed.TotalSeconds : 0,
            Percentile(0.50), Percentile(0.95), Percentile(0.99), latencies.Length,
            server is null ? null : peakMemory, agentGrains, messages, abusive,
            replies.Replies, replies.Empathetic, replies.Negative, replies.Wow, stopped, firstRefusal);
    }

    /// <summary>
    /// Posts a batch. A server that does not answer (down, restarting) gets the same batch again until it
    /// does when <paramref name="retry"/> is on — the events keep their ids, so the server counts them once;
    /// otherwise the batch counts as unanswered (null).
    /// </summary>
    internal static async Task<PostOutcome?> PostAsync(
        IEventSink sink, IReadOnlyList<ContactCenterEvent> batch, bool retry, Action unanswered, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await sink.PostAsync(batch, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                unanswered();
                if (!retry)
                {
                    return null;
                }

                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>Sends the survey answers waiting (only for contacts already posted: answers come after the contact ends).</summary>
    private static async Task PostSurveysAsync(IEventSink sink, ConcurrentQueue<GeneratedSurvey> surveys, CancellationToken cancellationToken)
    {
        var batch = new List<GeneratedSurvey>();
        while (batch.Count < 2000 && surveys.TryDequeue(out var s))
        {
            batch.Add(s);
        }

        if (batch.Count > 0)
        {
            try
            {
                await sink.PostSurveysAsync(batch, cancellationToken);
            }
            catch (HttpRequestException)
            {
                // survey answers are best effort: the fault driver may have the server down right now
            }
        }
    }

    private static double Fraction(LoadSettings s, long posted, TimeSpan elapsed, EventStream stream, DateTimeOffset start, DateTimeOffset end)
    {
        var byEvents = s.MaxEvents is { } max ? (double)posted / max : 0;
        var byTime = s.Duration is { } d ? elapsed / d : 0;
        var byStream = (stream.Now - start) / (end - start);
        return Math.Min(1, Math.Max(Math.Max(byEvents, byTime), byStream));
    }
}
