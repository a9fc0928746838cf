using System.Globalization;

namespace Governance.Redis.Windows;

/// <summary>
/// What a state needs to expire on its own: its window, its bucket count and the source whose
/// watermark moves it; for a grouped rule's state, the rule (<see cref="Family"/>, the hash of its
/// state key) whose keys are capped. Stored once per state (field <c>m{key}</c>), so a state nobody
/// updates any more (a buyer seen once, under a creator that stays busy) is still swept when its
/// window passes.
/// </summary>
internal readonly record struct StateShape(long WindowMs, int Buckets, string Source, ulong Family = 0)
{
    public string Format() => Family == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{WindowMs}:{Buckets}:{SourceTimes.Canonical(Source)}")
        : string.Create(CultureInfo.InvariantCulture, $"{WindowMs}:{Buckets}:{SourceTimes.Canonical(Source)}:{Family:x16}");

    public static bool TryParse(string? text, out StateShape shape)
    {
        shape = default;
        var parts = text?.Split(':');
        ulong family = 0;
        if (parts is not { Length: 3 or 4 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var window)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var buckets)
            || (parts.Length == 4 && !ulong.TryParse(parts[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out family))
            || window <= 0 || buckets <= 0)
        {
            return false;
        }

        shape = new StateShape(window, buckets, parts[2], family);
        return true;
    }
}
