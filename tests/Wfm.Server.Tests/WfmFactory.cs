using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Wfm.Server.Tests;

/// <summary>
/// The real server on Kestrel (so a browser can reach it) over its own SQLite file, with the demo
/// directory seeded but no demo traffic, so every number on the board comes from the test's events.
/// </summary>
/// <param name="seedDemo">False for a new user's empty center (nothing seeded).</param>
/// <param name="settings">Further configuration, e.g. <c>Wfm:Security:SignInPerMinute</c>.</param>
/// <param name="time">The server's clock (e.g. real time shifted to a weekday afternoon); the system's when null.</param>
public sealed class WfmFactory(string databasePath, bool demoTraffic = false, bool seedDemo = true, TimeProvider? time = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = databasePath;

    /// <summary>Services added after the server's own (e.g. a grain call filter that fails some calls).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Wfm:DataPath", DatabasePath);
        builder.UseSetting("Wfm:Demo", demoTraffic ? "true" : "false");
        builder.UseSetting("Wfm:SeedDemo", seedDemo ? "true" : "false");
        // A cluster of its own: two test servers' silos, started at the same moment in this process, once joined one
        // membership table and declared each other dead (the process ended with exit code 134).
        builder.UseSetting("Wfm:ClusterId", $"test-{Guid.NewGuid():N}");
        builder.UseSetting("Wfm:SiloPort", FreePort().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Wfm:GatewayPort", FreePort().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Wfm:Grains:BoardFlushEvery", "00:00:00.100");
        // Every test signs in from this machine's address: the per-address sign-in limit is for attackers, not for the suite.
        builder.UseSetting("Wfm:Security:SignInPerMinute", "100000");
        // A dozen servers share this process's two cores: only the tests of intraday alerts have the server look at the day.
        builder.UseSetting("Wfm:Intraday:Alerts:Every", "00:00:00");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Production");
        if (TestServices is { } add)
        {
            builder.ConfigureTestServices(add);
        }

        if (time is not null)
        {
            // Orleans reads the same clock: it sets the cluster's minimum silo generation from it, while the silo's own
            // generation comes from real time, so a clock running ahead makes the silo declare itself dead and end the
            // process ("I have been told I am dead", exit code 134).
            if (time.GetUtcNow() > DateTimeOffset.UtcNow.AddMinutes(1))
            {
                throw new InvalidOperationException("a test clock may be shifted back, never ahead of real time: Orleans' membership reads it too");
            }

            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }

    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost") + "/");
    }

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "wfm-tests", $"{Guid.NewGuid():N}.db");

    private static readonly HashSet<int> Given = [];

    /// <summary>A port free now and never given to another server of this test run (the system may offer a released port again).</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Given)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
