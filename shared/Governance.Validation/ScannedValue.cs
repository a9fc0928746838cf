using System.Text.Json;

namespace Governance.Validation;

/// <summary>
/// What one pass over a record learned about a known field's value: where its raw bytes are (copied
/// through to the output unchanged) and the facts its checks need, so no check reads the JSON again.
/// </summary>
internal struct ScannedValue
{
    /// <summary>The value's token; <see cref="JsonTokenType.None"/> when the field is absent or null.</summary>
    public JsonTokenType Token;

    /// <summary>First byte of the value in the record (a string's opening quote, an array's bracket).</summary>
    public int Start;

    /// <summary>Bytes of the whole value, quotes and brackets included.</summary>
    public int Length;

    /// <summary>A string's decoded text, only when the raw one holds escapes (else it is the raw bytes).</summary>
    public string? Text;

    /// <summary>A <see cref="FieldKind.String"/> field's length in UTF-16 characters (how the spec counts); 0 for other kinds.</summary>
    public int Chars;

    /// <summary>A number's value, when it is a finite-or-not double the reader could parse.</summary>
    public double Number;

    /// <summary>Whether a number parses as a double.</summary>
    public bool IsDouble;

    /// <summary>A number's value when it is a whole number in range of <see cref="long"/>.</summary>
    public long Whole;

    /// <summary>Whether a number is a whole number in range of <see cref="long"/>.</summary>
    public bool IsWhole;

    /// <summary>An array's item count.</summary>
    public int Items;

    /// <summary>An array's first item that is not a string (<see cref="JsonTokenType.None"/> if all are).</summary>
    public JsonTokenType NonStringItem;

    /// <summary>Whether some string item of an array is empty or longer than <see cref="MaxItemChars"/>.</summary>
    public bool BadItem;

    /// <summary>Longest id an array item may hold.</summary>
    public const int MaxItemChars = 128;

    /// <summary>Whether the field carried a non-null value.</summary>
    public readonly bool Present => Token != JsonTokenType.None;

    /// <summary>A string's raw (still escaped) UTF-8 content, without the quotes.</summary>
    public readonly ReadOnlySpan<byte> Content(ReadOnlySpan<byte> record) => record.Slice(Start + 1, Length - 2);

    /// <summary>The whole raw value.</summary>
    public readonly ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> record) => record.Slice(Start, Length);
}
