namespace Wfm.Core;

/// <summary>
/// Error messages shared by the API and the command line name the setting that fixes them by a marker; each edge
/// renders the marker in its own words (<c>intervalMinutes</c> in the API, <c>--interval-minutes</c> on the command line),
/// so an API answer never tells a user to pass a command-line option.
/// </summary>
public static class OptionWords
{
    /// <summary>The interval length in minutes.</summary>
    public const string IntervalMinutes = "\u27E6intervalMinutes\u27E7";

    /// <summary>A column mapping NAME=HEADER.</summary>
    public const string Column = "\u27E6column\u27E7";

    /// <summary>A handle time in seconds for rows that have none.</summary>
    public const string Aht = "\u27E6aht\u27E7";

    private static readonly (string Marker, string Api, string Cli)[] Words =
    [
        (IntervalMinutes, "the intervalMinutes parameter", "--interval-minutes"),
        (Column, "the column parameter (NAME=HEADER, e.g. offered=calls)", "--column NAME=HEADER"),
        (Aht, "an AHT in seconds (the aht parameter)", "--aht SECONDS"),
    ];

    /// <summary>The message in the API's words.</summary>
    public static string ForApi(string message) => Render(message, cli: false);

    /// <summary>The message in the command line's words.</summary>
    public static string ForCli(string message) => Render(message, cli: true);

    private static string Render(string message, bool cli)
    {
        if (message.IndexOf('\u27E6') < 0)
        {
            return message;
        }

        foreach (var (marker, api, option) in Words)
        {
            message = message.Replace(marker, cli ? option : api, StringComparison.Ordinal);
        }

        return message;
    }
}
