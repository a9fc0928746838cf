using System.Buffers;
using System.Globalization;
using System.Text;

namespace Governance.Rules.Text;

/// <summary>
/// Folds text for term matching: compatibility forms (full width, ligatures, math letters,
/// circled letters) to plain letters and digits, lower case, diacritics removed (<c>ñ</c> becomes
/// <c>n</c>, <c>ß</c> becomes <c>ss</c>), and every run of characters that are not letters or digits
/// (punctuation, symbols, emoji, white space) to one space, with no space at either end.
/// <c>"¡ＲÉＰＬＩＣＡ  1:1!"</c> becomes <c>"replica 1 1"</c>.
/// </summary>
/// <remarks>
/// Marks (Mn, Mc, Me) and format characters (Cf: soft hyphen, zero-width space and joiners) are
/// removed without a separator, so <c>rep\u200Blica</c> is <c>replica</c>. Decompositions come from
/// a generated table (see <c>generate-folding-table.py</c>) because the services run with
/// InvariantGlobalization, where <see cref="string.Normalize()"/> does nothing for non-ASCII text.
/// One pass, no allocation besides the result.
/// </remarks>
public static class TextNormalizer
{
    private const int StackLimit = 512;

    // ASCII: lower-case letter or digit, or 0 for a separator.
    private static ReadOnlySpan<byte> Ascii =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', 0, 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
        (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
        (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
    ];

    /// <summary>The normalized form of <paramref name="text"/>; the same instance when it is already normalized.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        char[]? rented = null;
        var capacity = text.Length + 16;
        var buffer = capacity <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            if (!TryNormalize(text, buffer, out var written))
            {
                // Only when compatibility forms expand the text a lot (e.g. "㎉" is "kcal").
                Return(rented);
                rented = null;
                buffer = rented = ArrayPool<char>.Shared.Rent(GetMaxNormalizedLength(text.Length));
                TryNormalize(text, buffer, out written);
            }

            var result = buffer[..written];
            return result.SequenceEqual(text) ? text : new string(result);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>
    /// Writes the normalized form of <paramref name="text"/> to <paramref name="destination"/>;
    /// false when it does not fit (a destination of <see cref="GetMaxNormalizedLength"/> always does).
    /// </summary>
    public static bool TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        var position = 0;
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x80)
            {
                if (!PutNonAscii(text, ref i, destination, ref position, ref space))
                {
                    charsWritten = position;
                    return false;
                }

                continue;
            }

            // The ASCII path is inlined: it is nearly all of the text this runs on.
            var folded = Ascii[c];
            if (folded == 0)
            {
                space = position != 0;
                continue;
            }

            if (space)
            {
                if ((uint)position >= (uint)destination.Length)
                {
                    charsWritten = position;
                    return false;
                }

                destination[position++] = ' ';
                space = false;
            }

            if ((uint)position >= (uint)destination.Length)
            {
                charsWritten = position;
                return false;
            }

            destination[position++] = (char)folded;
        }

        charsWritten = position;
        return true;
    }

    /// <summary>An upper bound on the normalized length of a text of <paramref name="textLength"/> UTF-16 code units.</summary>
    public static int GetMaxNormalizedLength(int textLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(textLength);
        return checked(textLength * (Math.Max(FoldingTable.MaxValueLength, 2) + 1));
    }

    private static bool PutNonAscii(ReadOnlySpan<char> text, ref int i, Span<char> destination, ref int position, ref bool space)
    {
        int codePoint = text[i];
        if (char.IsSurrogate((char)codePoint))
        {
            if (!char.IsHighSurrogate((char)codePoint) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                space = position != 0;
                return true;
            }

            codePoint = char.ConvertToUtf32((char)codePoint, text[++i]);
        }

        if (FoldingTable.Find(codePoint) is { } value)
        {
            foreach (var v in value)
            {
                if (v == FoldingTable.Separator)
                {
                    space = position != 0;
                }
                else if (!Put(v, destination, ref position, ref space))
                {
                    return false;
                }
            }

            return true;
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(codePoint))
        {
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber:
                if (codePoint < 0x10000)
                {
                    return Put(char.ToLowerInvariant((char)codePoint), destination, ref position, ref space);
                }

                Span<char> pair = stackalloc char[2];
                var length = Rune.ToLowerInvariant(new Rune(codePoint)).EncodeToUtf16(pair);
                return Put(pair[0], destination, ref position, ref space)
                    && (length == 1 || Put(pair[1], destination, ref position, ref space));
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format:
                return true;
            default:
                space = position != 0;
                return true;
        }
    }

    private static bool Put(char c, Span<char> destination, ref int position, ref bool space)
    {
        if (space)
        {
            if ((uint)position >= (uint)destination.Length)
            {
                return false;
            }

            destination[position++] = ' ';
            space = false;
        }

        if ((uint)position >= (uint)destination.Length)
        {
            return false;
        }

        destination[position++] = c;
        return true;
    }

    private static void Return(char[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
