using System.Security.Cryptography;
using System.Text;

namespace Governance.Rules.Packs;

/// <summary>
/// The files of a rule pack (rule YAML, term lists, fixtures) by path relative to the pack folder, e.g.
/// <c>refund-burst.yaml</c>, <c>terms/health-claims.txt</c>, <c>fixtures/refund-burst.fires.jsonl</c>.
/// The version is a content hash of the files that change behaviour (rules and terms, not fixtures).
/// </summary>
public sealed record RulePackFiles(IReadOnlyDictionary<string, string> Files)
{
    /// <summary>12 hex characters of SHA-256 over the sorted rule and term files.</summary>
    public string Version { get; } = ComputeVersion(Files);

    /// <summary>Reads a pack folder: <c>*.yaml</c>, <c>terms/*.txt</c> and <c>fixtures/*</c>.</summary>
    public static RulePackFiles Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"rules folder '{directory}' does not exist (pass --rules DIR)");
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
            if (IsRule(relative) || IsTerms(relative) || relative.StartsWith("fixtures/", StringComparison.Ordinal))
            {
                files[relative] = File.ReadAllText(path);
            }
        }

        return new RulePackFiles(files);
    }

    /// <summary>A rule file: <c>*.yaml</c> or <c>*.yml</c> at the top of the pack.</summary>
    public static bool IsRule(string path) =>
        !path.Contains('/', StringComparison.Ordinal) && (path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal));

    /// <summary>A term list: <c>terms/*.txt</c>.</summary>
    public static bool IsTerms(string path) => path.StartsWith("terms/", StringComparison.Ordinal) && path.EndsWith(".txt", StringComparison.Ordinal);

    private static string ComputeVersion(IReadOnlyDictionary<string, string> files)
    {
        var text = new StringBuilder();
        foreach (var (path, content) in files.Where(f => IsRule(f.Key) || IsTerms(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(path).Append('\0').Append(content).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
