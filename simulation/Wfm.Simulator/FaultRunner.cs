using Wfm.Core.Events;

namespace Wfm.Simulator;

/// <summary>A fault run's figures: the load under faults and the check afterwards.</summary>
public sealed record FaultReport(LoadReport Load, int Kills, int DuplicatesReposted, int DuplicatesRecorded, FaultVerdict Verdict);

/// <summary>
/// The fault driver: starts a server on a fresh database, runs a load against it (re-posting any batch the
/// server did not answer, with the same event ids), kills the server with SIGKILL while batches are in
/// flight and starts it again, then re-posts a few acknowledged batches on purpose. Afterwards every
/// acknowledged event must be in the journal and every queue must count each acknowledged arrival once.
/// </summary>
public static class FaultRunner
{
    public static async Task<FaultReport> RunAsync(
        LoadSettings settings, string serverDll, string dataPath, Uri url, TimeSpan killAfter, int kills,
        IProgress<double>? progress, (int? Silo, int? Gateway) orleansPorts, Action<string> log, CancellationToken cancellationToken)
    {
        if (File.Exists(dataPath))
        {
            throw new ArgumentException($"--data {dataPath} exists; the fault run needs a fresh database (give a new path)");
        }

        if (!File.Exists(serverDll))
        {
            throw new ArgumentException($"--server-dll {serverDll} does not exist; build it first: dotnet build -c Release src/Wfm.Server");
        }

        using var server = new ServerProcess(serverDll, dataPath, url, settings.Agents, settings.Queues, settings.Seed, settings.TimeZone, orleansPorts.Silo, orleansPorts.Gateway);
        using var client = new ServerClient(url, server.ApiKey);
        server.Start();
        await client.WaitUntilUpAsync(TimeSpan.FromMinutes(3), cancellationToken);
        log($"server up on {url} (database {dataPath})");

        var check = new AcknowledgementCheck();
        var recent = new Queue<ContactCenterEvent[]>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var killer = Task.Run(async () =>
        {
            for (var k = 0; k < kills && !stop.IsCancellationRequested; k++)
            {
                await Task.Delay(killAfter, stop.Token);
                server.Kill();
                log($"killed the server (SIGKILL) after {killAfter.TotalSeconds:F0} s of load; starting it again");
                server.Start();
                await client.WaitUntilUpAsync(TimeSpan.FromMinutes(3), stop.Token);
                log("server up again; the driver re-posts what was not answered");
            }
        }, CancellationToken.None);

        var load = await LoadRunner.RunAsync(
            settings with { RetryUnanswered = true }, client, probe: null, server: client, progress,
            acknowledged: batch =>
            {
                check.Add(batch);
                recent.Enqueue([.. batch]);
                if (recent.Count > 3)
                {
                    recent.Dequeue();
                }
            },
            cancellationToken: cancellationToken);
        await stop.CancelAsync();
        try
        {
            await killer;
        }
        catch (OperationCanceledException)
        {
        }

        await client.WaitUntilUpAsync(TimeSpan.FromMinutes(3), cancellationToken);

        // Retries on purpose: the server must accept them and record nothing new.
        var reposted = 0;
        var recorded = 0;
        foreach (var batch in recent)
        {
            var outcome = await client.PostAsync(batch, cancellationToken);
            reposted += batch.Length;
            recorded += outcome.Recorded;
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var verdict = await check.VerifyAsync(client, new Dictionary<string, int>(), cancellationToken);
        return new FaultReport(load, server.Kills, reposted, recorded, verdict);
    }
}
