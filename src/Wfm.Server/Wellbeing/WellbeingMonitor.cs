using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Wfm.Core.Wellbeing;
using Wfm.Server.Api;
using Wfm.Server.Board;

namespace Wfm.Server.Wellbeing;

/// <summary>
/// Scores every agent each minute and, when anyone crosses into or out of watch or alert, pushes the
/// at-risk list to the boards ("wellbeing"), so a supervisor sees it without reloading.
/// </summary>
public sealed class WellbeingMonitor(WellbeingService wellbeing, IHubContext<BoardHub> hub, ILogger<WellbeingMonitor> logger) : BackgroundService
{
    public const string Method = "wellbeing";

    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>The agents whose level differs between two rounds (new agents count from Low).</summary>
    public static IReadOnlyList<string> Crossed(IReadOnlyDictionary<string, BurnoutLevel> before, IReadOnlyDictionary<string, BurnoutLevel> now) =>
        now.Where(p => before.GetValueOrDefault(p.Key, BurnoutLevel.Low) != p.Value)
            .Select(p => p.Key)
            .Concat(before.Where(p => p.Value != BurnoutLevel.Low && !now.ContainsKey(p.Key)).Select(p => p.Key))
            .Order(StringComparer.Ordinal)
            .ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var levels = new Dictionary<string, BurnoutLevel>();
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                var all = await wellbeing.AllAsync(stoppingToken);
                logger.LogDebug("Burnout risk of {Agents} agents scored in {Elapsed} ms", all.Count, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var now = all.ToDictionary(a => a.AgentId, a => a.Score.Level);
                var crossed = Crossed(levels, now);
                if (crossed.Count > 0)
                {
                    logger.LogInformation("Burnout risk level changed for {Agents}", string.Join(", ", crossed));
                    var atRisk = all.Where(a => a.Score.Level != BurnoutLevel.Low)
                        .Select(a => new WellbeingSummary(a.AgentId, a.Name, a.TeamId, a.Score.Score, a.Score.Level, a.Score.Factors)).ToList();
                    await hub.Clients.All.SendAsync(Method, atRisk, stoppingToken);
                }

                levels = now;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Burnout risk scores could not be computed this round");
            }
        }
    }
}
