using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Wfm.Core.Events;
using Wfm.Core.Time;
using Wfm.Grains.Abstractions;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>
/// Generates the demo center's traffic for a past window at a raised volume, posts it in batches as fast as
/// the server accepts, and measures accepted events/s and the time from posting a batch until the board
/// shows its arrivals (per queue, by the offered count the batch brings the queue to).
/// </summary>
public static class LoadDriver
{
    public static async Task<int> RunAsync(LoadOptions o)
    {
        var center = DemoCenterGenerator.Generate(o.Seed, o.Agents, o.TimeZone);
        var clock = CenterClock.For(o.TimeZone, 15);
        var end = DateTimeOffset.UtcNow.AddSeconds(-1);
        var start = end.AddMinutes(-o.Minutes);
        if (clock.LocalDate(start) != clock.LocalDate(end))
        {
            start = clock.StartOfDay(clock.LocalDate(end)).AddSeconds(1); // keep the window in one local day
        }

        var events = new TrafficGenerator(center, clock, o.Seed, start, volume: o.Volume).Advance(end);
        var batches = events.Chunk(o.Batch).ToList();
        AnsiConsole.MarkupLine($"Generated [bold]{events.Count:N0}[/] events from {start:HH:mm} to {end:HH:mm} UTC in {batches.Count} batches");

        using var http = new HttpClient { BaseAddress = o.Url, Timeout = TimeSpan.FromMinutes(2) };
        await using var board = new HubConnectionBuilder()
            .WithUrl(new Uri(o.Url, "hubs/board"))
            .AddJsonProtocol(j => j.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        var baseline = new Dictionary<string, int>();
        var pending = new List<(string Queue, int Offered, long PostedAt)>();
        var latencies = new List<double>();
        var gate = new Lock();
        board.On<BoardUpdate>("update", update =>
        {
            var now = Stopwatch.GetTimestamp();
            lock (gate)
            {
                foreach (var q in update.Queues)
                {
                    var offered = q.Today.Offered - baseline.GetValueOrDefault(q.QueueId);
                    for (var i = pending.Count - 1; i >= 0; i--)
                    {
                        if (pending[i].Queue == q.QueueId && pending[i].Offered <= offered)
                        {
                            latencies.Add(Stopwatch.GetElapsedTime(pending[i].PostedAt, now).TotalMilliseconds);
                            pending.RemoveAt(i);
                        }
                    }
                }
            }
        });
        await board.StartAsync();
        foreach (var q in (await board.InvokeAsync<BoardUpdate>("GetSnapshot")).Queues)
        {
            baseline[q.QueueId] = q.Today.Offered;
        }

        var cumulative = new Dictionary<string, int>();
        int accepted = 0, errors = 0;
        var watch = Stopwatch.StartNew();
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("posting", maxValue: batches.Count);
            foreach (var batch in batches)
            {
                var postedAt = Stopwatch.GetTimestamp();
                foreach (var arrival in batch.Where(e => e.Type == EventType.ContactArrived))
                {
                    cumulative[arrival.QueueId!] = cumulative.GetValueOrDefault(arrival.QueueId!) + 1;
                }

                lock (gate)
                {
                    foreach (var (queue, offered) in cumulative)
                    {
                        if (batch.Any(e => e.Type == EventType.ContactArrived && e.QueueId == queue))
                        {
                            pending.Add((queue, offered, postedAt));
                        }
                    }
                }

                var response = await http.PostAsJsonAsync("api/events", new { events = batch });
                if (response.IsSuccessStatusCode)
                {
                    accepted += batch.Length;
                }
                else
                {
                    errors++;
                    AnsiConsole.MarkupLineInterpolated($"[red]batch refused[/]: {await response.Content.ReadAsStringAsync()}");
                }

                task.Increment(1);
            }
        });
        var elapsed = watch.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));

        double[] sorted;
        lock (gate)
        {
            sorted = latencies.Order().ToArray();
        }

        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        var table = new Table().AddColumns("measure", "value");
        table.AddRow("events accepted", $"{accepted:N0}");
        table.AddRow("batches refused", $"{errors}");
        table.AddRow("elapsed", $"{elapsed.TotalSeconds:F1} s");
        table.AddRow("accepted events/s", $"{accepted / elapsed.TotalSeconds:N0}");
        table.AddRow("event→board latency p50", $"{Percentile(0.50):F0} ms");
        table.AddRow("event→board latency p99", $"{Percentile(0.99):F0} ms");
        table.AddRow("latency samples", $"{sorted.Length}");
        AnsiConsole.Write(table);
        return errors == 0 ? 0 : 1;
    }
}
