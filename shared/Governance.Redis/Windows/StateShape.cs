using System.Globalization;

namespace Governance.Redis.Windows;

/// <summary>
/// What a state needs to expire on its own: its window, its bucket count and the source whose
/// watermark moves it. Stored once per state (field <c>m{key}</c>), so a state nobody updates any
/// more (a buyer seen once, under a creator that stays busy) is still swept when its window passes.
/// </summary>
internal readonly record struct StateShape(long WindowMs, int Buckets, string Source)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{WindowMs}:{Buckets}:{SourceTimes.Canonical(Source)}");

    public static bool TryParse(string? text, out StateShape shape)
    {
        shape = default;
        var parts = text?.Split(':');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var window)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var buckets)
            || window <= 0 || buckets <= 0)
        {
            return false;
        }

        shape = new StateShape(window, buckets, parts[2]);
        return true;
    }
}
