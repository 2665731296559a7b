using System.CommandLine;
using System.Globalization;
using Wfm.Simulator;

// wfm-sim: drives a Wfm server with the seeded generated contact center.
//   load    as fast as the server accepts, bounded by --duration / --max-events; events/s, event→board latency, server memory
//   live    real time × --speed, the demo mode's generator over HTTP
//   fault   a load run during which the server is killed (SIGKILL) and restarted; acknowledged vs reflected
//   offline history CSVs (interval volumes and per-contact records) for forecast → staffing → schedule demos
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var root = new RootCommand("wfm-sim — the generated contact center against a Wfm server: load, live, fault, offline.");
root.Subcommands.Add(Commands.Load());
root.Subcommands.Add(Commands.Fault());
root.Subcommands.Add(Commands.Offline());
root.Subcommands.Add(Commands.Outcomes());
root.Subcommands.Add(Commands.Live());
return await root.Parse(args).InvokeAsync();
