using System.Globalization;

namespace Wfm.Simulator;

/// <summary>Options of the load driver.</summary>
public sealed record LoadOptions(Uri Url, double Minutes, double Volume, int Batch, int Seed, int Agents, string TimeZone)
{
    public static LoadOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string key, string fallback) => map.GetValueOrDefault(key, fallback);
        var url = new Uri(Get("url", "http://localhost:5000"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException($"--url {url} is not a loopback address; the load driver only targets this machine");
        }

        return new LoadOptions(url,
            double.Parse(Get("minutes", "120"), CultureInfo.InvariantCulture),
            double.Parse(Get("volume", "40"), CultureInfo.InvariantCulture),
            int.Parse(Get("batch", "500"), CultureInfo.InvariantCulture),
            int.Parse(Get("seed", "20261125"), CultureInfo.InvariantCulture),
            int.Parse(Get("agents", "64"), CultureInfo.InvariantCulture),
            Get("time-zone", "Europe/Istanbul"));
    }
}
