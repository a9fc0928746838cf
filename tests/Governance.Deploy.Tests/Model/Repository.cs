using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Governance.Deploy.Tests.Model;

/// <summary>The repository on disk: paths, the solution's projects, project references and configuration files.</summary>
internal sealed partial class Repository
{
    private readonly Lazy<HashSet<string>> _solutionProjects;

    private Repository(string root)
    {
        Root = root;
        _solutionProjects = new(() => SolutionProjectRegex().Matches(File.ReadAllText(Full("Governance.sln")))
            .Select(m => Normalize(m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal));
    }

    public string Root { get; }

    /// <summary>Projects listed in Governance.sln, as repository-relative paths with '/'.</summary>
    public IReadOnlySet<string> SolutionProjects => _solutionProjects.Value;

    public static Repository Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln")))
            {
                return new Repository(dir.FullName);
            }
        }

        throw new DirectoryNotFoundException("Governance.sln not found above " + AppContext.BaseDirectory);
    }

    public string Full(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public bool Exists(string relative) => File.Exists(Full(relative)) || Directory.Exists(Full(relative));

    public string Read(string relative) => File.ReadAllText(Full(relative));

    /// <summary><c>a\b/../c</c> → <c>a/c</c>, relative to the repository root.</summary>
    public string Normalize(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative.Replace('\\', '/').TrimStart('/')));
        return Path.GetRelativePath(Root, full).Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The project and every project it references, directly or not (repository-relative paths).</summary>
    public IReadOnlyList<string> ProjectClosure(string project)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([Normalize(project)]);
        while (pending.TryPop(out var current))
        {
            if (seen.Contains(current) || !File.Exists(Full(current)))
            {
                continue;
            }

            seen.Add(current);
            var dir = Path.GetDirectoryName(current) ?? "";
            foreach (var reference in XDocument.Load(Full(current)).Descendants("ProjectReference"))
            {
                if (reference.Attribute("Include")?.Value is { } include)
                {
                    pending.Push(Normalize(Path.Combine(dir, include.Replace('\\', '/'))));
                }
            }
        }

        return seen;
    }

    /// <summary>The assembly a project builds (AssemblyName, else the file name).</summary>
    public string AssemblyName(string project) =>
        XDocument.Load(Full(project)).Descendants("AssemblyName").FirstOrDefault()?.Value is { Length: > 0 } name
            ? name
            : Path.GetFileNameWithoutExtension(project);

    public bool IsWebProject(string project) =>
        string.Equals(XDocument.Load(Full(project)).Root?.Attribute("Sdk")?.Value, "Microsoft.NET.Sdk.Web", StringComparison.Ordinal);

    /// <summary>The project's appsettings.json flattened to configuration keys (<c>Kafka:BootstrapServers</c>), or empty.</summary>
    public IReadOnlyDictionary<string, string> AppSettings(string project)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var path = Path.Combine(Path.GetDirectoryName(project) ?? "", "appsettings.json");
        if (!Exists(path))
        {
            return result;
        }

        using var json = JsonDocument.Parse(Read(path));
        Flatten(json.RootElement, "", result);
        return result;
    }

    /// <summary>C# sources of a project (without bin/obj).</summary>
    public IEnumerable<string> Sources(string project)
    {
        var dir = Full(Path.GetDirectoryName(project) ?? "");
        return Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + ":" + property.Name, into);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + ":" + i++, into);
                }

                break;
            default:
                into[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString() ?? "" : element.GetRawText();
                break;
        }
    }

    [GeneratedRegex("""^Project\("\{[^}]+\}"\) = "[^"]+", "([^"]+\.csproj)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SolutionProjectRegex();
}
