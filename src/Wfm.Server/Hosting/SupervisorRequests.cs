using System.Collections.Concurrent;
using Wfm.Core.Events;
using Wfm.Grains.Ingestion;

namespace Wfm.Server.Hosting;

/// <summary>
/// A supervisor's request for an agent's state (a recovery break now, or when the contact ends). Ingested like any
/// event; while the demo's traffic runs, the demo loop ingests it between its own batches and tells its agents, so
/// the simulated agent honours the request for its full length and no simulated event races it.
/// </summary>
public sealed class SupervisorRequests(EventIngestor ingestor)
{
    private readonly ConcurrentQueue<(ContactCenterEvent Request, TaskCompletionSource<IngestResult> Done)> _waiting = new();
    private volatile bool _demoRunning;

    /// <summary>Set by the demo's traffic loop while it runs.</summary>
    internal bool DemoRunning
    {
        get => _demoRunning;
        set => _demoRunning = value;
    }

    public async Task<IngestResult> SubmitAsync(ContactCenterEvent request, CancellationToken cancellationToken)
    {
        if (!DemoRunning)
        {
            return await ingestor.IngestAsync([request], cancellationToken);
        }

        var done = new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((request, done));
        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The demo loop: ingests the waiting requests in order and hands each accepted one to <paramref name="accepted"/>.</summary>
    internal async Task DrainAsync(Action<ContactCenterEvent> accepted, CancellationToken cancellationToken)
    {
        while (_waiting.TryDequeue(out var item))
        {
            try
            {
                var result = await ingestor.IngestAsync([item.Request], cancellationToken);
                if (!result.IsRejected)
                {
                    accepted(item.Request);
                }

                item.Done.TrySetResult(result);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                item.Done.TrySetException(ex);
            }
            catch (OperationCanceledException)
            {
                item.Done.TrySetCanceled(cancellationToken);
                throw;
            }
        }
    }

    /// <summary>When the demo loop stops, anything still waiting is ingested directly.</summary>
    internal async Task StopDemoAsync()
    {
        DemoRunning = false;
        while (_waiting.TryDequeue(out var item))
        {
            item.Done.TrySetResult(await ingestor.IngestAsync([item.Request]));
        }
    }
}
