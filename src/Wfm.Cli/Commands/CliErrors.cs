using Spectre.Console;
using Wfm.Core.Forecasting;
using Wfm.Core.Staffing;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Commands;

/// <summary>Runs a command body and turns bad input into one clear line on stderr and exit code 2.</summary>
internal static class CliErrors
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is InputFileException or StaffingInputException or ForecastInputException or IOException or InvalidDataException)
        {
            if (Console.IsErrorRedirected)
            {
                // One unwrapped line for scripts and logs.
                Console.Error.WriteLine($"error: {ex.Message}");
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            }

            return 2;
        }
    }
}
