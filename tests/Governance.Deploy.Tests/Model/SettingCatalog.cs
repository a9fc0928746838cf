using Governance.Rules.Text;

namespace Governance.Deploy.Tests.Model;

/// <summary>
/// Everything a component can be configured with, and how an environment variable maps onto it:
/// <c>Section__Key</c> is the configuration key <c>Section:Key</c> (case-insensitive, as the .NET
/// environment provider reads it); names read with <c>Environment.GetEnvironmentVariable</c> match exactly.
/// </summary>
internal sealed class SettingCatalog
{
    private readonly Dictionary<string, Setting> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _openPrefixes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Setting> _environment = new(StringComparer.Ordinal);

    public IEnumerable<Setting> Keys => _keys.Values;

    public IEnumerable<string> OpenPrefixes => _openPrefixes.Keys;

    public IEnumerable<Setting> EnvironmentNames => _environment.Values;

    public int Count => _keys.Count + _openPrefixes.Count + _environment.Count;

    public void AddKey(Setting setting) => _keys.TryAdd(setting.Key, setting);

    /// <summary>Any key below <paramref name="prefix"/> (a dictionary or list, e.g. <c>Kafka:Client:</c>).</summary>
    public void AddOpenPrefix(string prefix, string origin) => _openPrefixes.TryAdd(prefix, origin);

    public void AddEnvironmentName(Setting setting) => _environment.TryAdd(setting.Key, setting);

    public static string ToKey(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>The setting an environment variable sets, or null if the component reads no such thing.</summary>
    public Setting? Resolve(string environmentName)
    {
        if (_environment.TryGetValue(environmentName, out var exact))
        {
            return exact;
        }

        var key = ToKey(environmentName);
        if (_keys.TryGetValue(key, out var setting))
        {
            return setting;
        }

        foreach (var (prefix, origin) in _openPrefixes)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return new Setting(key, origin, null, key[prefix.Length..]);
            }
        }

        return null;
    }

    /// <summary>The closest known names, for "did you mean" in a message.</summary>
    public string Suggest(string environmentName)
    {
        var key = ToKey(environmentName);
        var candidates = _keys.Keys.Select(k => (Name: k, Distance: Distance(key, k)))
            .Concat(_environment.Keys.Select(k => (Name: k, Distance: Distance(environmentName, k))))
            .Where(c => c.Distance <= Math.Max(3, key.Length / 3))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3).Select(c => c.Name).ToList();
        return candidates.Count == 0 ? "" : "; did you mean " + string.Join(" or ", candidates) + "?";
    }

    // Case does not count: configuration keys are case-insensitive, and a name of the environment is
    // usually a key spelt with other capitals.
    private static int Distance(string a, string b) => EditDistance.Levenshtein(a.ToUpperInvariant(), b.ToUpperInvariant());
}
