using System.CommandLine;
using Governance.Cli.Commands;

namespace Governance.Alerting.IntegrationTests;

/// <summary>The CLI's alert and rule verbs in process, with the console captured (one run at a time).</summary>
internal static class CliRun
{
    private static readonly SemaphoreSlim ConsoleLock = new(1, 1);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args)
    {
        await ConsoleLock.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            var exit = await new RootCommand { RulesCommand.Create(), AlertsCommand.Create() }.Parse(args).InvokeAsync();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            ConsoleLock.Release();
        }
    }
}
