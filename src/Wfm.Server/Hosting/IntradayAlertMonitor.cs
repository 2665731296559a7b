using Microsoft.Extensions.Options;
using Wfm.Planning.Intraday;

namespace Wfm.Server.Hosting;

/// <summary>
/// Looks at the day every minute (<see cref="IntradayAlertOptions.Every"/>) and keeps the alerts it finds, which the board
/// and the intraday page show: volume off the forecast, or a service level expected below the queue's threshold.
/// </summary>
public sealed class IntradayAlertMonitor(IntradayService intraday, IOptions<IntradayAlertOptions> options, ILogger<IntradayAlertMonitor> logger) : BackgroundService
{
    private volatile IReadOnlyList<IntradayAlert> _alerts = [];

    /// <summary>The alerts of the last look, and when it was.</summary>
    public IReadOnlyList<IntradayAlert> Alerts => _alerts;

    public DateTime? LookedAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.Every;
        if (every <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                var view = await intraday.TodayAsync(null, stoppingToken);
                _alerts = IntradayAlerts.Of(view, options.Value);
                LookedAt = view.AsOf;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not look at today for intraday alerts");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
