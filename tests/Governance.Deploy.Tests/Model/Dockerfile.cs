using System.Text.Json;
using System.Text.RegularExpressions;

namespace Governance.Deploy.Tests.Model;

/// <summary>One instruction, continuation lines joined; <see cref="Line"/> is where it starts.</summary>
internal sealed record DockerInstruction(int Line, string Keyword, string Arguments);

/// <summary>A build stage: <c>FROM image [AS name]</c> and what follows it.</summary>
internal sealed record DockerStage(DockerInstruction From, string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => string.Equals(i.Keyword, keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>The working directory in force at the end of the stage ("/" if none).</summary>
    public string WorkDir => All("WORKDIR").LastOrDefault()?.Arguments.Trim() ?? "/";
}

/// <summary><c>COPY [--flags] src... dest</c>.</summary>
internal sealed record DockerCopy(int Line, IReadOnlyList<string> Sources, string Destination, string? FromStage);

/// <summary>A Dockerfile, parsed as far as the checks need: stages, COPY, ENV, RUN, USER, EXPOSE, ENTRYPOINT/CMD.</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage? Final => Stages.Count == 0 ? null : Stages[^1];

    public static Dockerfile Parse(string path, string text)
    {
        var stages = new List<DockerStage>();
        DockerInstruction? from = null;
        var current = new List<DockerInstruction>();
        foreach (var instruction in Instructions(text))
        {
            if (string.Equals(instruction.Keyword, "FROM", StringComparison.OrdinalIgnoreCase))
            {
                if (from is not null)
                {
                    stages.Add(Stage(from, current));
                }

                from = instruction;
                current = [];
            }
            else
            {
                current.Add(instruction);
            }
        }

        if (from is not null)
        {
            stages.Add(Stage(from, current));
        }

        return new Dockerfile(path, stages);
    }

    public static DockerCopy ParseCopy(DockerInstruction copy)
    {
        var tokens = copy.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var from = tokens.FirstOrDefault(t => t.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
        var paths = tokens.Where(t => !t.StartsWith("--", StringComparison.Ordinal)).ToList();
        return paths.Count < 2
            ? new DockerCopy(copy.Line, [], paths.Count > 0 ? paths[^1] : "", from)
            : new DockerCopy(copy.Line, paths.Take(paths.Count - 1).ToList(), paths[^1], from);
    }

    /// <summary><c>ENV a=b c=</c> (and the old <c>ENV a b</c>) as name/value pairs.</summary>
    public static IEnumerable<(string Name, string Value)> ParseEnv(DockerInstruction env)
    {
        var args = env.Arguments.Trim();
        var first = args.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (first.Length > 0 && !first[0].Contains('=', StringComparison.Ordinal))
        {
            yield return (first[0], first.Length > 1 ? first[1].Trim() : "");
            yield break;
        }

        foreach (Match m in EnvPairRegex().Matches(args))
        {
            yield return (m.Groups[1].Value, m.Groups[2].Value.Trim('"'));
        }
    }

    /// <summary>An exec-form (<c>["a", "b"]</c>) or shell-form argument list.</summary>
    public static IReadOnlyList<string> ParseCommand(DockerInstruction instruction)
    {
        var args = instruction.Arguments.Trim();
        if (args.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(args) ?? [];
            }
            catch (JsonException)
            {
                return [args];
            }
        }

        return args.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    private static DockerStage Stage(DockerInstruction from, List<DockerInstruction> instructions)
    {
        var tokens = from.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !t.StartsWith("--", StringComparison.Ordinal)).ToList();
        var name = tokens.Count >= 3 && string.Equals(tokens[1], "AS", StringComparison.OrdinalIgnoreCase) ? tokens[2] : null;
        return new DockerStage(from, tokens.Count > 0 ? tokens[0] : "", name, instructions);
    }

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i].Trim();
            var start = i + 1;
            i++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var text2 = line;
            while (text2.EndsWith('\\') && i < lines.Length)
            {
                text2 = text2[..^1];
                var next = lines[i].Trim();
                i++;
                if (next.StartsWith('#'))
                {
                    text2 += " \\";
                    continue;
                }

                text2 += " " + next;
            }

            var parts = text2.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            yield return new DockerInstruction(start, parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : "");
        }
    }

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_.]*)=("[^"]*"|\S*)""")]
    private static partial Regex EnvPairRegex();
}
