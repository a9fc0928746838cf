using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Contracts;
using System.Text.RegularExpressions;

namespace Governance.Validation;

/// <summary>The checks of docs/contracts.md on a scanned field: its JSON type, then its value.</summary>
internal static partial class FieldChecks
{
    // Event types, currency codes, locales and timestamps are short: longer ones fail without decoding.
    private const int ShortText = 64;

    public static Rejection? WrongType(FieldSpec spec, in ScannedValue value)
    {
        var expected = spec.Kind switch
        {
            FieldKind.Number or FieldKind.Integer => JsonTokenType.Number,
            FieldKind.StringArray => JsonTokenType.StartArray,
            _ => JsonTokenType.String,
        };
        if (value.Token != expected)
        {
            return new(RejectionReasons.WrongType, $"field '{spec.Name}' must be a {Kind(expected)}, not a {Kind(value.Token)}");
        }

        if (spec.Kind == FieldKind.Integer && !value.IsWhole)
        {
            return new(RejectionReasons.WrongType, $"field '{spec.Name}' must be a whole number");
        }

        return spec.Kind == FieldKind.StringArray && value.NonStringItem != JsonTokenType.None
            ? new(RejectionReasons.WrongType, $"field '{spec.Name}' must hold only strings, not a {Kind(value.NonStringItem)}")
            : null;
    }

    /// <summary>Whether the event type is one of the topic's; <paramref name="json"/> is the record.</summary>
    public static bool IsKnownType(InputSchema schema, ReadOnlySpan<byte> json, in ScannedValue type)
    {
        Span<char> buffer = stackalloc char[ShortText];
        return TryText(json, type, buffer, out var text) && schema.TypeLookup.Contains(text);
    }

    /// <summary>The value check of a field of the right type (event types are checked apart); null when it holds.</summary>
    public static Rejection? BadValue(FieldSpec spec, ReadOnlySpan<byte> json, in ScannedValue value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        Span<char> buffer = stackalloc char[ShortText];
        switch (spec.Kind)
        {
            case FieldKind.String:
                return value.Chars < spec.Min || value.Chars > spec.Max
                    ? Invalid(spec, $"is {value.Chars} characters long; allowed {spec.Min:0}–{spec.Max:0}")
                    : null;
            case FieldKind.Number:
                return !value.IsDouble || !double.IsFinite(value.Number)
                    ? Invalid(spec, "is not a representable number")
                    : value.Number < spec.Min || value.Number > spec.Max
                        ? Invalid(spec, $"is {value.Number.ToString(CultureInfo.InvariantCulture)}; allowed {spec.Min:0}–{spec.Max.ToString("0", CultureInfo.InvariantCulture)}")
                        : null;
            case FieldKind.Integer:
                return value.Whole < spec.Min || value.Whole > spec.Max ? Invalid(spec, $"is {value.Whole}; must be >= {spec.Min:0}") : null;
            case FieldKind.StringArray:
                return value.Items > spec.Max
                    ? Invalid(spec, $"has {value.Items} items; at most {spec.Max:0}")
                    : value.BadItem
                        ? Invalid(spec, $"holds an empty or over-long (> {ScannedValue.MaxItemChars} characters) id")
                        : null;
            case FieldKind.Currency:
                return TryText(json, value, buffer, out var code) && CurrencyCodes.IsKnown(code)
                    ? null
                    : Invalid(spec, $"'{Shorten(json, value)}' is not an ISO 4217 currency code");
            case FieldKind.Locale:
                return TryText(json, value, buffer, out var tag) && tag.Length <= 35 && LocaleTag().IsMatch(tag)
                    ? null
                    : Invalid(spec, $"'{Shorten(json, value)}' is not a BCP 47 language tag");
            case FieldKind.Timestamp:
                return TryText(json, value, buffer, out var text) && Rfc3339.TryParse(text, out timestamp)
                    ? null
                    : new(RejectionReasons.BadTimestamp, $"field '{spec.Name}' '{Shorten(json, value)}' is not an RFC 3339 date-time with offset (e.g. 2026-03-01T12:00:00Z)");
            default:
                return null;
        }
    }

    /// <summary>A string field's text, at most 40 characters of it (messages never quote long content).</summary>
    public static string Shorten(ReadOnlySpan<byte> json, in ScannedValue value)
    {
        var text = value.Text ?? Encoding.UTF8.GetString(value.Content(json));
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
    }

    /// <summary>How a token's JSON kind is named in messages.</summary>
    public static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => "missing value",
    };

    private static bool TryText(ReadOnlySpan<byte> json, in ScannedValue value, Span<char> buffer, out ReadOnlySpan<char> text)
    {
        if (value.Text is { } decoded)
        {
            text = decoded;
            return true;
        }

        var raw = value.Content(json);
        if (raw.Length > buffer.Length)
        {
            text = default;
            return false;
        }

        text = buffer[..Encoding.UTF8.GetChars(raw, buffer)];
        return true;
    }

    private static Rejection Invalid(FieldSpec spec, string problem) =>
        new(RejectionReasons.InvalidValue, $"field '{spec.Name}' {problem}");

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LocaleTag();
}
