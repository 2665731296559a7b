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
            Assert.Equal(new Uri("http://127.0.0.1:5337/"), parsed.GetValue<Uri>("--url"));
        }

        Assert.Equal(new Uri("http://localhost:5000"), Commands.Load().Parse(["--duration", "00:00:05"]).GetValue<Uri>("--url"));
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
}
