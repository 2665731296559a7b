using System.CommandLine;
using Wfm.Cli.Commands;

namespace Wfm.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("wfm — workforce management for contact centers: forecast, staff, schedule; find abuse.");
        root.Subcommands.Add(CenterCommand.Create());
        root.Subcommands.Add(ForecastCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(IntradayCommand.Create());
        root.Subcommands.Add(StaffCommand.Create());
        root.Subcommands.Add(CapacityCommand.Create());
        root.Subcommands.Add(BacklogCommand.Create());
        root.Subcommands.Add(PatienceCommand.Create());
        root.Subcommands.Add(ScheduleCommand.Create());
        root.Subcommands.Add(AbuseCommand.Create());
        root.Subcommands.Add(ConversationsCommand.Create());
        root.Subcommands.Add(EmpathyCommand.Create());
        return root.Parse(args).Invoke();
    }
}
