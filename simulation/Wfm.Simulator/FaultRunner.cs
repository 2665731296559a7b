using System.Diagnostics;
using Npgsql;
using Wfm.Core.Events;

namespace Wfm.Simulator;

/// <summary>A fault run's figures: the load under faults and the check afterwards (and, of a cluster, how it took the kills).</summary>
public sealed record FaultReport(LoadReport Load, int Kills, int DuplicatesReposted, int DuplicatesRecorded, FaultVerdict Verdict, ClusterFault? Cluster = null)
{
    /// <summary>Nothing lost or doubled, and of a cluster: the board live again within its bound after every kill and the killed silo back.</summary>
    public bool Holds => Verdict.Holds && DuplicatesRecorded == 0 && (Cluster is null || Cluster.Holds);
}

/// <summary>
/// How a cluster took its kills: batches a silo did not answer that went to another, seconds from each kill until the
/// board (on a silo not killed) showed arrivals posted after it, and how often the killed silo came back.
/// </summary>
public sealed record ClusterFault(int Silos, int Rejoined, int FailedOver, IReadOnlyList<double?> BoardLiveAgainSeconds, double BoardBoundSeconds)
{
    public bool Holds => Rejoined == BoardLiveAgainSeconds.Count && BoardLiveAgainSeconds.All(s => s is { } v && v <= BoardBoundSeconds);
}

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

        var (load, reposted, recorded, verdict) = await LoadUnderKillsAsync(settings, client, probe: null, progress, killAfter, kills, async () =>
        {
            server.Kill();
            log($"killed the server (SIGKILL) after {killAfter.TotalSeconds:F0} s of load; starting it again");
            server.Start();
            await client.WaitUntilUpAsync(TimeSpan.FromMinutes(3), cancellationToken);
            log("server up again; the driver re-posts what was not answered");
        }, cancellationToken);
        return new FaultReport(load, server.Kills, reposted, recorded, verdict);
    }

    /// <summary>
    /// The load with its faults: every <paramref name="killAfter"/> of load, <paramref name="kill"/> (kill and start again;
    /// once begun it finishes even when the load has ended meanwhile), <paramref name="kills"/> times, while batches not
    /// answered are posted again; then a few acknowledged batches re-posted on purpose (to be recorded never again) and
    /// the check that every acknowledged event is in the journal and counted once.
    /// </summary>
    private static async Task<(LoadReport Load, int Reposted, int Recorded, FaultVerdict Verdict)> LoadUnderKillsAsync(
        LoadSettings settings, ServerClient client, BoardProbe? probe, IProgress<double>? progress, TimeSpan killAfter, int kills, Func<Task> kill,
        CancellationToken cancellationToken)
    {
        var check = new AcknowledgementCheck();
        var recent = new Queue<ContactCenterEvent[]>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var killer = Task.Run(async () =>
        {
            for (var k = 0; k < kills && !stop.IsCancellationRequested; k++)
            {
                await Task.Delay(killAfter, stop.Token);
                await kill();
            }
        }, CancellationToken.None);

        var load = await LoadRunner.RunAsync(
            settings with { RetryUnanswered = true }, client, probe, client, progress,
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

        // Retries on purpose (of a cluster, each to another silo than the one that took it): accepted, nothing recorded again.
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
        return (load, reposted, recorded, verdict);
    }

    /// <summary>
    /// The cluster fault run: a fresh PostgreSQL database, <paramref name="silos"/> servers on consecutive ports sharing
    /// it, a load posted round the silos (a batch a silo does not answer goes to the next), a board client on the last
    /// silo; the first silo is killed (SIGKILL) after <paramref name="killAfter"/> of load, left down for
    /// <paramref name="down"/> and started again, <paramref name="kills"/> times. Then every acknowledged event must be in
    /// the journal once, every queue must count its arrivals once, and the board must have been live again within
    /// <paramref name="boardBound"/> of each kill.
    /// </summary>
    public static async Task<FaultReport> RunClusterAsync(
        LoadSettings settings, string serverDll, string postgresAdmin, int firstPort, int silos, TimeSpan killAfter, int kills, TimeSpan down, TimeSpan boardBound,
        IProgress<double>? progress, Action<string> log, CancellationToken cancellationToken)
    {
        if (silos < 2)
        {
            throw new ArgumentException($"--silos must be at least 2 for a cluster run, got {silos}");
        }

        if (!File.Exists(serverDll))
        {
            throw new ArgumentException($"--server-dll {serverDll} does not exist; build it first: dotnet build -c Release src/Wfm.Server");
        }

        var run = Guid.NewGuid().ToString("N")[..12];
        var database = $"wfm_fault_{run}";
        NpgsqlConnectionStringBuilder admin;
        try
        {
            admin = new NpgsqlConnectionStringBuilder(postgresAdmin);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--postgres cannot be read as a connection string: {e.Message} (e.g. Host=127.0.0.1;Port=5432;Username=wfm;Database=postgres)", e);
        }

        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database }.ConnectionString;
        log($"database {database} made for the run");
        var folder = Path.Combine(Path.GetTempPath(), $"wfm-fault-{run}");
        Directory.CreateDirectory(folder);
        var apiKey = ServerProcess.NewKey();
        var servers = Enumerable.Range(0, silos).Select(i => new ServerProcess(
            serverDll, Path.Combine(folder, $"silo-{i + 1}.db"), new Uri($"http://127.0.0.1:{firstPort + i}/"), settings.Agents, settings.Queues, settings.Seed, settings.TimeZone,
            apiKey: apiKey,
            extra: ["--store", "postgres", "--connection", connectionString, "--Wfm:ClusterId", $"fault-{run}", "--Wfm:Security:ResetDemoPasswords", "false"])).ToList();
        var kept = false;
        try
        {
            using var client = new ServerClient(servers.Select(s => s.Url).ToList(), apiKey);

            // The first silo seeds the center; the others join it.
            servers[0].Start();
            await client.WaitUntilUpAsync(0, TimeSpan.FromMinutes(5), cancellationToken);
            foreach (var server in servers.Skip(1))
            {
                server.Start();
            }

            await client.WaitUntilUpAsync(TimeSpan.FromMinutes(3), cancellationToken);
            log($"{silos} silos up on {string.Join(", ", servers.Select(s => s.Url))}");
            await using var probe = new BoardProbe(servers[^1].Url, apiKey);
            await probe.StartAsync(cancellationToken);

            var killedAt = new List<long>();
            var rejoined = 0;
            var (load, reposted, recorded, verdict) = await LoadUnderKillsAsync(settings, client, probe, progress, killAfter, kills, async () =>
            {
                killedAt.Add(Stopwatch.GetTimestamp());
                servers[0].Kill();
                log($"killed silo 1 ({servers[0].Url}, SIGKILL) after {killAfter.TotalSeconds:F0} s of load");
                await Task.Delay(down, cancellationToken);
                servers[0].Start();
                await client.WaitUntilUpAsync(0, TimeSpan.FromMinutes(3), cancellationToken);
                rejoined++;
                log("silo 1 started again and rejoined the cluster");
            }, cancellationToken);
            var liveAgain = killedAt.Select(t => probe.LiveAgainAfter(t)?.TotalSeconds).ToList();
            var report = new FaultReport(load, servers[0].Kills, reposted, recorded, verdict,
                new ClusterFault(silos, rejoined, client.FailedOver, liveAgain, boardBound.TotalSeconds));
            if (!report.Holds)
            {
                log($"the silos' logs are kept in {folder}");
                kept = true;
            }

            return report;
        }
        catch
        {
            log($"the silos' logs are kept in {folder}");
            kept = true;
            throw;
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }

            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
            if (!kept)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
