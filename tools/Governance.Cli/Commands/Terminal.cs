using Spectre.Console;

namespace Governance.Cli.Commands;

/// <summary>A Spectre console over whatever <see cref="Console.Out"/> is now (so output can be redirected and captured).</summary>
internal static class Terminal
{
    public static IAnsiConsole Current()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected || console.Profile.Width < 120)
        {
            // Files and pipes have no width; 80 columns would wrap rule ids and reasons mid-word.
            console.Profile.Width = 200;
        }

        return console;
    }
}
