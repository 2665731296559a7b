using System.Globalization;
using Wfm.Simulator;

// wfm-sim load --url http://localhost:5000 [--minutes 120] [--volume 40] [--batch 500] [--seed 20261125] [--agents 64]
// Posts a generated stream to a server whose database was seeded with the same demo center and whose
// demo traffic is off, as fast as it accepts, and reports events/s and event-to-board latency.
var options = args.Length > 0 && args[0] == "load" ? LoadOptions.Parse(args[1..]) : null;
if (options is null)
{
    Console.Error.WriteLine("usage: load --url URL [--minutes N] [--volume X] [--batch N] [--seed N] [--agents N]");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return await LoadDriver.RunAsync(options);
