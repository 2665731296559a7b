using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace Wfm.Simulator;

/// <summary>A Wfm server the fault driver starts, kills (SIGKILL, no shutdown) and starts again over the same database.</summary>
/// <remarks>The server's center is in the driver's time zone: "today" must be the same day on both sides.</remarks>
/// <param name="siloPort">The server's Orleans silo port; a free one when null.</param>
/// <param name="gatewayPort">The server's Orleans gateway port; a free one when null.</param>
/// <param name="apiKey">The key the server stores at start (one for every silo of a cluster); a new one when null.</param>
/// <param name="extra">Further arguments (a cluster's store, connection string and cluster id).</param>
public sealed class ServerProcess(
    string serverDll, string dataPath, Uri url, int agents, int queues, int seed, string timeZone, int? siloPort = null, int? gatewayPort = null,
    string? apiKey = null, IReadOnlyList<string>? extra = null)
    : IDisposable
{
    private readonly int _siloPort = siloPort ?? FreePort();
    private readonly int _gatewayPort = gatewayPort ?? FreePort();
    private Process? _process;

    public Uri Url => url;

    /// <summary>The key the server stores at start for this run (the simulator's scopes).</summary>
    public string ApiKey { get; } = apiKey ?? NewKey();

    public int Kills { get; private set; }

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            serverDll, "--data", dataPath, "--demo", "false", "--urls", url.GetLeftPart(UriPartial.Authority),
            "--demo-agents", $"{agents}", "--demo-queues", $"{queues}", "--Wfm:DemoSeed", $"{seed}", "--time-zone", timeZone,
            "--Wfm:SiloPort", $"{_siloPort}", "--Wfm:GatewayPort", $"{_gatewayPort}", "--Wfm:Security:SimulatorKey", ApiKey,
        }.Concat(extra ?? []))
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start dotnet {serverDll}");

        // The server's console goes beside its database (every start appended), for a look after a run.
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dataPath))!);
        var log = new StreamWriter(dataPath + ".log", append: true) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }
            }
        }

        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Kills the server at once (SIGKILL on Linux): no shutdown hooks, no flush.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Kills++;
        }
    }

    /// <summary>A key in the server's format: wfm_, 8 letters or digits, _, 32 random bytes (base64url).</summary>
    public static string NewKey()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyz23456789";
        var id = new string(Enumerable.Range(0, 8).Select(_ => letters[RandomNumberGenerator.GetInt32(letters.Length)]).ToArray());
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"wfm_{id}_{secret}";
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }
}
