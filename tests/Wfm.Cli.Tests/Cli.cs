namespace Wfm.Cli.Tests;

/// <summary>Runs the CLI in-process the way a user would and captures what it says on standard error.</summary>
internal static class Cli
{
    public static (int Code, string Stderr) Run(params string[] args)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            return (Program.Main(args), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
