using Wfm.Server.Api;
using Wfm.Server.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--demo"] = "Wfm:Demo",
    ["--data"] = "Wfm:DataPath",
    ["--store"] = "Wfm:Store",
    ["--connection"] = "Wfm:ConnectionString",
    ["--time-zone"] = "Wfm:TimeZone",
    ["--demo-agents"] = "Wfm:DemoAgents",
    ["--demo-queues"] = "Wfm:DemoQueues",
    ["--simulator-key"] = "Wfm:Security:SimulatorKey",
});
builder.AddWfmServer();

var app = builder.Build();
app.UseWfmPipeline();
app.MapWfmApi();
app.Run();

/// <summary>The web host's entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
