using System.CommandLine;
using Governance.Cli.Commands;

var root = new RootCommand("Creator Governance command line.")
{
    SampleCommand.Create(),
    RulesCommand.Create(),
    SimulateCommand.Create(),
    AlertsCommand.Create(),
    WatchCommand.Create(),
};
var parse = root.Parse(args);
// Ctrl-C ends `watch` with a summary after the pipeline drains; other commands get System.CommandLine's 2 s.
return await parse.InvokeAsync(WatchCommand.Runs(parse) ? new InvocationConfiguration { ProcessTerminationTimeout = WatchCommand.TerminationTimeout } : null);
