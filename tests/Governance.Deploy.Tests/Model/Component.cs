namespace Governance.Deploy.Tests.Model;

/// <summary>
/// A deployable of the solution: one <c>deploy/docker/NAME.Dockerfile</c>, the project it publishes,
/// the image <c>creator-governance/NAME</c>, and what that project can be configured with.
/// </summary>
internal sealed class Component
{
    public required string Name { get; init; }

    public required string Dockerfile { get; init; }

    public required string Project { get; init; }

    public required string AssemblyName { get; init; }

    /// <summary>A web host (health endpoints on <see cref="Port"/>); otherwise a command-line tool.</summary>
    public required bool IsService { get; init; }

    /// <summary>The port of <c>Urls</c> in the project's appsettings.json (null for a tool).</summary>
    public int? Port { get; init; }

    public required SettingCatalog Settings { get; init; }

    public required IReadOnlyDictionary<string, string> AppSettings { get; init; }

    public string Image => ComponentCatalog.ImagePrefix + Name;

    /// <summary>
    /// The value the component ends up with for a configuration key: the environment's, else
    /// appsettings.json's, else the options class's default.
    /// </summary>
    public string? Effective(string key, IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment)
        {
            if (Settings.Resolve(name) is { } s && string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return AppSettings.TryGetValue(key, out var configured) ? configured : Settings.Keys.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase))?.Default;
    }

    public override string ToString() => $"{Name} ({Project})";
}
