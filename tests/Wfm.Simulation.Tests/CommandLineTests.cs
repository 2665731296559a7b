using Wfm.Simulator;

namespace Wfm.Simulation.Tests;

/// <summary>wfm-sim's options as a user types them.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Url_TakesAServerOnAnyPort_AndABadOneIsExplained()
    {
        foreach (var parsed in new[] { Commands.Load().Parse(["--url", "http://127.0.0.1:5337/", "--duration", "00:00:05"]), Commands.Live().Parse(["--url", "http://127.0.0.1:5337/"]) })
        {
            Assert.Empty(parsed.Errors);
            Assert.Equal([new Uri("http://127.0.0.1:5337/")], parsed.GetValue<Uri[]>("--url")!);
        }

        Assert.Equal([new Uri("http://localhost:5000")], Commands.Load().Parse(["--duration", "00:00:05"]).GetValue<Uri[]>("--url")!);

        // The silos of a cluster: the option once per silo, in order.
        var cluster = Commands.Load().Parse(["--url", "http://127.0.0.1:5000/", "--url", "http://127.0.0.1:5001/", "--url", "http://127.0.0.1:5002/", "--duration", "00:00:05"]);
        Assert.Empty(cluster.Errors);
        Assert.Equal([5000, 5001, 5002], cluster.GetValue<Uri[]>("--url")!.Select(u => u.Port));
        var bad = Commands.Load().Parse(["--url", "127.0.0.1 port 5337"]);
        Assert.Contains(bad.Errors, e => e.Message.Contains("expected http://host:port/", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFaultDriver_TakesTheServersOrleansPorts()
    {
        var parsed = Commands.Fault().Parse(["--server-dll", "server.dll", "--data", "run.db", "--silo-port", "12111", "--gateway-port", "31000"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(12111, parsed.GetValue<int?>("--silo-port"));
        Assert.Equal(31000, parsed.GetValue<int?>("--gateway-port"));
        Assert.Null(Commands.Fault().Parse(["--server-dll", "server.dll", "--data", "run.db"]).GetValue<int?>("--silo-port"));
    }

    [Fact]
    public void TheFaultDriver_TakesAClusterOfSilosOnPostgreSql()
    {
        var parsed = Commands.Fault().Parse(["--server-dll", "server.dll", "--silos", "3", "--postgres", "Host=127.0.0.1;Port=55432;Username=wfm;Database=postgres", "--down", "00:00:07"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal((3, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(10)), (parsed.GetValue<int>("--silos"), parsed.GetValue<TimeSpan>("--down"), parsed.GetValue<TimeSpan>("--board-bound")));
        Assert.Equal(1, Commands.Fault().Parse(["--server-dll", "server.dll", "--data", "run.db"]).GetValue<int>("--silos"));
    }
}
