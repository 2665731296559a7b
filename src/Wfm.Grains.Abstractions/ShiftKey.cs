using System.Globalization;

namespace Wfm.Grains.Abstractions;

/// <summary>Builds and reads the key of a <see cref="IShiftGrain"/>.</summary>
public static class ShiftKey
{
    public static string For(string agentId, DateOnly day) => $"{agentId}|{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static (string AgentId, DateOnly Day) Parse(string key)
    {
        var bar = key.LastIndexOf('|');
        return (key[..bar], DateOnly.ParseExact(key[(bar + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
