using Spectre.Console;
using Wfm.Core.Forecasting;
using Wfm.Core.Staffing;
using Wfm.Planning.Csv;
using Wfm.Planning;

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
        catch (PlanningException ex)
        {
            // Every error on its own line: a refused import names each bad row.
            foreach (var e in ex.CliErrors)
            {
                Console.Error.WriteLine($"error: {e.Field}: {e.Detail}");
            }

            return 2;
        }
        catch (PlanningNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is InputFileException or StaffingInputException or ForecastInputException or IOException or InvalidDataException)
        {
            var message = ex switch { InputFileException f => f.CliMessage, StaffingInputException s => s.CliMessage, _ => ex.Message };
            if (Console.IsErrorRedirected)
            {
                // One unwrapped line for scripts and logs.
                Console.Error.WriteLine($"error: {message}");
            }
            else
            {
                var console = CliConsole.Error();
                console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
            }

            return 2;
        }
    }
}
