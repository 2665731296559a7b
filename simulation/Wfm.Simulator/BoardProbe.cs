using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Wfm.Core.Events;
using Wfm.Grains.Abstractions;

namespace Wfm.Simulator;

/// <summary>
/// A board client on the server's SignalR hub that measures, per posted batch and queue, the time from
/// starting the POST until a pushed board update shows the queue's offered count including that batch's
/// arrivals. It watches queues only, as a wallboard does (updates without agents). Reconnects by itself
/// (the fault driver restarts the server under it) and asks again for queues only.
/// </summary>
public sealed class BoardProbe : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _baseline = [];
    private readonly Dictionary<string, int> _posted = [];
    private readonly Dictionary<string, Queue<(int Offered, long PostedAt)>> _pending = [];
    private readonly Dictionary<string, int> _shown = [];
    private readonly List<double> _latencies = [];
    private readonly List<(long PostedAt, long ShownAt)> _shownAt = [];

    public BoardProbe(Uri url, string? apiKey)
    {
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(url, "hubs/board"), o =>
            {
                if (!string.IsNullOrWhiteSpace(apiKey))
                {
                    o.Headers["X-Api-Key"] = apiKey.Trim();
                }
            })
            .WithAutomaticReconnect(new ForeverRetry())
            .AddJsonProtocol(j => j.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        _hub.On<BoardUpdate>("update", OnUpdate);
        _hub.Reconnected += async _ => await _hub.InvokeAsync<BoardUpdate>("WatchQueuesOnly");
    }

    /// <summary>Connects and takes each queue's offered count today as the baseline.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _hub.StartAsync(cancellationToken);
        var snapshot = await _hub.InvokeAsync<BoardUpdate>("WatchQueuesOnly", cancellationToken);
        lock (_gate)
        {
            foreach (var q in snapshot.Queues)
            {
                _baseline[q.QueueId] = q.Today.Offered;
                _shown[q.QueueId] = q.Today.Offered;
            }
        }
    }

    /// <summary>Call just before posting a batch: remembers, per queue it brings arrivals to, the offered count to wait for.</summary>
    public void Posting(IReadOnlyList<ContactCenterEvent> batch)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var group in batch.Where(e => e.Type == EventType.ContactArrived && e.QueueId is not null).GroupBy(e => e.QueueId!))
            {
                var total = _posted.GetValueOrDefault(group.Key) + group.Count();
                _posted[group.Key] = total;
                if (!_pending.TryGetValue(group.Key, out var queue))
                {
                    _pending[group.Key] = queue = new Queue<(int, long)>();
                }

                queue.Enqueue((_baseline.GetValueOrDefault(group.Key) + total, now));
            }
        }
    }

    /// <summary>Event-to-board latencies measured so far, in milliseconds.</summary>
    public double[] Latencies()
    {
        lock (_gate)
        {
            return [.. _latencies];
        }
    }

    /// <summary>
    /// When the board first showed arrivals posted at or after <paramref name="timestamp"/> (a <see cref="Stopwatch"/>
    /// timestamp, e.g. the moment a silo was killed): how long the board took to be live again; null when it never did.
    /// </summary>
    public TimeSpan? LiveAgainAfter(long timestamp)
    {
        lock (_gate)
        {
            var shown = _shownAt.Where(s => s.PostedAt >= timestamp).Select(s => s.ShownAt).DefaultIfEmpty(long.MaxValue).Min();
            return shown == long.MaxValue ? null : Stopwatch.GetElapsedTime(timestamp, shown);
        }
    }

    /// <summary>Offered today per queue as the board last showed it, and as this probe's posts should have brought it to.</summary>
    public IReadOnlyDictionary<string, (int Shown, int Expected)> Offered()
    {
        lock (_gate)
        {
            return _baseline.Keys.Union(_posted.Keys).ToDictionary(
                q => q, q => (_shown.GetValueOrDefault(q), _baseline.GetValueOrDefault(q) + _posted.GetValueOrDefault(q)));
        }
    }

    /// <summary>Asks the hub for a fresh snapshot (after a restart) and takes its offered counts as shown.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _hub.InvokeAsync<BoardUpdate>("WatchQueuesOnly", cancellationToken);
        OnUpdate(snapshot);
    }

    private void OnUpdate(BoardUpdate update)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var q in update.Queues)
            {
                _shown[q.QueueId] = q.Today.Offered;
                if (!_pending.TryGetValue(q.QueueId, out var waiting))
                {
                    continue;
                }

                while (waiting.Count > 0 && waiting.Peek().Offered <= q.Today.Offered)
                {
                    var postedAt = waiting.Dequeue().PostedAt;
                    _latencies.Add(Stopwatch.GetElapsedTime(postedAt, now).TotalMilliseconds);
                    _shownAt.Add((postedAt, now));
                }
            }
        }
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private sealed class ForeverRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (retryContext.PreviousRetryCount + 1)));
    }
}
