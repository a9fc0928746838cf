using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Governance.Redis.Windows;

/// <summary>
/// Names of the fields of a creator's window hash. State keys, distinct items and eventIds appear as
/// 64-bit hashes (16 hex digits): fixed-length fields, and a worker that holds numbers rather than
/// strings. <c>s{key}{bucket}</c> series bucket, <c>d{key}{item}</c> distinct item → last seen,
/// <c>e{key}{slot}</c> evidence, <c>i{eventId}</c> seen, <c>c{ruleId}</c> cooldown, <c>v</c> version,
/// <c>o{partition}</c> highest input offset applied, <c>w:{source}</c> watermark and <c>f:{source}</c>
/// first event time per source, <c>p{signalId}</c> a decided signal not yet confirmed by the broker,
/// <c>m{key}</c> a state's shape (window, buckets, source), so that it can expire with its window. Collisions: two of n values share a hash with
/// probability about n²/2⁶⁵, i.e. never at the sizes one creator's state has.
/// </summary>
internal static class StateFields
{
    public const string Version = "v";
    private const int HashLength = 16;

    public static ulong Hash(string text) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));

    public static string Bucket(ulong key, long bucket) => string.Create(CultureInfo.InvariantCulture, $"s{key:x16}{bucket}");

    public static string Item(ulong key, ulong item) => string.Create(CultureInfo.InvariantCulture, $"d{key:x16}{item:x16}");

    public static string Evidence(ulong key, int slot) => string.Create(CultureInfo.InvariantCulture, $"e{key:x16}{slot}");

    public static string Shape(ulong key) => string.Create(CultureInfo.InvariantCulture, $"m{key:x16}");

    public static string Seen(ulong eventId) => string.Create(CultureInfo.InvariantCulture, $"i{eventId:x16}");

    public static string Cooldown(string ruleId) => "c" + ruleId;

    public static string Offset(int partition) => string.Create(CultureInfo.InvariantCulture, $"o{partition}");

    public static string Watermark(string source) => "w:" + SourceTimes.Canonical(source);

    public static string Pending(string signalId) => "p" + signalId;

    /// <summary>Reads the hash after the kind letter (<c>s</c>, <c>d</c>, <c>e</c>, <c>i</c>) and the rest of the field.</summary>
    public static bool TryParseHashed(string field, out ulong hash, out string rest)
    {
        rest = "";
        if (field.Length < 1 + HashLength || !ulong.TryParse(field.AsSpan(1, HashLength), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash))
        {
            hash = 0;
            return false;
        }

        rest = field[(1 + HashLength)..];
        return true;
    }
}
