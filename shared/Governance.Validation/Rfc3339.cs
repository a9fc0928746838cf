using System.Globalization;

namespace Governance.Validation;

/// <summary>
/// Strict RFC 3339 date-time: <c>YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)</c>. .NET's own parsers accept
/// far more (no offset, local time, other orders), which would turn a producer bug into wrong windows.
/// </summary>
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s.Length > 40
            || !Digits(s, 0, 4) || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2)
            || s[10] is not ('T' or 't' or ' ')
            || !Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2) || s[16] != ':' || !Digits(s, 17, 2))
        {
            return false;
        }

        var i = 19;
        var fractionStart = -1;
        var fractionLength = 0;
        if (s[i] == '.')
        {
            fractionStart = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            fractionLength = i - fractionStart;
            if (fractionLength == 0)
            {
                return false;
            }
        }

        TimeSpan offset;
        var zone = s[i..];
        if (zone is "Z" or "z")
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && zone[0] is '+' or '-' && Digits(zone, 1, 2) && zone[3] == ':' && Digits(zone, 4, 2))
        {
            var hours = Number(zone, 1, 2);
            var minutes = Number(zone, 4, 2);
            if (hours > 23 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        int year = Number(s, 0, 4), month = Number(s, 5, 2), day = Number(s, 8, 2);
        int hour = Number(s, 11, 2), minute = Number(s, 14, 2), second = Number(s, 17, 2);
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long ticks = 0;
        if (fractionStart >= 0)
        {
            // Ticks are 100 ns: keep 7 digits, drop finer ones.
            var digits = s.Slice(fractionStart, Math.Min(fractionLength, 7));
            ticks = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            for (var pad = digits.Length; pad < 7; pad++)
            {
                ticks *= 10;
            }
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // e.g. 0001-01-01T00:00:00+01:00 is before DateTimeOffset.MinValue in UTC.
        }
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(ReadOnlySpan<char> s, int start, int count)
    {
        var n = 0;
        for (var i = start; i < start + count; i++)
        {
            n = (n * 10) + (s[i] - '0');
        }

        return n;
    }
}
