using System.CommandLine;
using Governance.Cli.Commands;

var root = new RootCommand("Creator Governance command line.")
{
    SampleCommand.Create(),
    RulesCommand.Create(),
    SimulateCommand.Create(),
    AlertsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
