using System.Globalization;

namespace Governance.Rules.Model;

/// <summary>Durations as rules write them: <c>90s</c>, <c>30m</c>, <c>1h</c>, <c>7d</c>, or combined <c>1h30m</c>.</summary>
public static class Duration
{
    /// <summary>Parses a duration; false (with a reason) when it is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty: write a duration such as 30m, 1h or 7d";
            return false;
        }

        var s = text.Trim().AsSpan();
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start || i == s.Length || i - start > 9)
            {
                error = $"'{text}' is not a duration: write a number followed by s, m, h or d (e.g. 30m, 1h, 7d)";
                return false;
            }

            var amount = long.Parse(s[start..i], NumberStyles.None, CultureInfo.InvariantCulture);
            TimeSpan part;
            switch (s[i])
            {
                case 's': part = TimeSpan.FromSeconds(amount); break;
                case 'm': part = TimeSpan.FromMinutes(amount); break;
                case 'h': part = TimeSpan.FromHours(amount); break;
                case 'd': part = TimeSpan.FromDays(amount); break;
                default:
                    error = $"'{text}' is not a duration: unit '{s[i]}' is not one of s, m, h, d";
                    return false;
            }

            value += part;
            i++;
        }

        return true;
    }

    /// <summary>The shortest text that <see cref="TryParse"/> reads back to the same value.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>(4);
        if (value.Days > 0)
        {
            parts.Add($"{value.Days}d");
        }

        if (value.Hours > 0)
        {
            parts.Add($"{value.Hours}h");
        }

        if (value.Minutes > 0)
        {
            parts.Add($"{value.Minutes}m");
        }

        if (value.Seconds > 0)
        {
            parts.Add($"{value.Seconds}s");
        }

        return string.Concat(parts);
    }
}
