using System.CommandLine;
using Governance.Cli.Commands;

namespace Governance.Cli.Tests;

/// <summary>Runs the CLI in process with its standard streams captured (tests of this class run one at a time).</summary>
internal static class CliRun
{
    private static readonly SemaphoreSlim Console = new(1, 1);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        await Console.WaitAsync();
        var (stdout, stderr) = (System.Console.Out, System.Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            System.Console.SetOut(output);
            System.Console.SetError(error);
            var root = new RootCommand { RulesCommand.Create(), SampleCommand.Create(), SimulateCommand.Create(), WatchCommand.Create() };
            var exit = await root.Parse(args).InvokeAsync();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            System.Console.SetOut(stdout);
            System.Console.SetError(stderr);
            Console.Release();
        }
    }
}
