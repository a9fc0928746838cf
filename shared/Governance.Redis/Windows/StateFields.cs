using System.Globalization;

namespace Governance.Redis.Windows;

/// <summary>
/// Names of the fields of a creator's window hash. State keys and items are user data (group keys,
/// buyer ids), so they are length-prefixed rather than separated: <c>s{len}:{key}{bucket}</c>,
/// <c>d{len}:{key}{item}</c>, <c>e{len}:{key}{slot}</c>; plus <c>i{hash of eventId, hex}</c> (seen),
/// <c>c{ruleId}</c> (cooldown), <c>v</c> (version), <c>wm</c> and <c>fs</c>.
/// </summary>
internal static class StateFields
{
    public const string Version = "v";
    public const string Watermark = "wm";
    public const string FirstSeen = "fs";

    public static string Bucket(string key, long bucket) => string.Create(CultureInfo.InvariantCulture, $"s{key.Length}:{key}{bucket}");

    public static string Item(string key, string item) => string.Create(CultureInfo.InvariantCulture, $"d{key.Length}:{key}{item}");

    public static string Evidence(string key, int slot) => string.Create(CultureInfo.InvariantCulture, $"e{key.Length}:{key}{slot}");

    public static string Seen(ulong eventHash) => string.Create(CultureInfo.InvariantCulture, $"i{eventHash:x16}");

    public static string Cooldown(string ruleId) => "c" + ruleId;

    /// <summary>Splits a keyed field (<c>s</c>, <c>d</c>, <c>e</c>) into its state key and the rest.</summary>
    public static bool TryParseKeyed(string field, out string key, out string rest)
    {
        key = rest = "";
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !int.TryParse(field.AsSpan(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || colon + 1 + length > field.Length)
        {
            return false;
        }

        key = field.Substring(colon + 1, length);
        rest = field[(colon + 1 + length)..];
        return true;
    }
}
