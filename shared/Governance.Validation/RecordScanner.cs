using System.Text;
using System.Text.Json;
using Governance.Contracts;

namespace Governance.Validation;

/// <summary>
/// One pass of a <see cref="Utf8JsonReader"/> over a record: checks that it is one JSON object, finds the
/// schema's fields (a repeated one is an error) and the facts their checks need, and notes where every
/// attribute's raw bytes are. Nothing is decoded into strings unless it holds escapes and a check
/// needs its text. Not thread-safe: one instance per <see cref="EventNormalizer"/>.
/// </summary>
internal sealed class RecordScanner
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };
    private byte[] _unescaped = new byte[256];

    /// <summary>The schema's fields by position, after <see cref="Scan"/>.</summary>
    public ScannedValue[] Fields { get; } = new ScannedValue[16];

    /// <summary>Non-null fields that are not core fields, in record order, after <see cref="Scan"/>.</summary>
    public List<RawAttribute> Attributes { get; } = new(32);

    /// <summary>Reads the record; the rejection when it is not one JSON object or repeats a known field.</summary>
    public Rejection? Scan(ReadOnlySpan<byte> json, InputSchema schema)
    {
        Array.Clear(Fields);
        Attributes.Clear();
        Rejection? repeated = null;
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var kind = FieldChecks.Kind(reader.TokenType);
                reader.Skip();
                reader.Read(); // anything after the value is a syntax error, which comes first
                return new(RejectionReasons.NotJson, $"the value is a JSON {kind}, not an object");
            }

            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var nameStart = (int)reader.TokenStartIndex;
                var nameLength = reader.ValueSpan.Length + 2;

                // Raw (still escaped) names: an escaped spelling of a known name counts as an extra attribute.
                var position = reader.ValueIsEscaped ? -1 : schema.Find(reader.ValueSpan);
                if (reader.ValueIsEscaped)
                {
                    Unescape(ref reader);
                }

                reader.Read();
                var spec = position < 0 ? null : schema.Fields[position];
                var value = Capture(ref reader, spec, position == InputSchema.CreatorId);
                if (position >= 0)
                {
                    if ((seen & (1 << position)) != 0)
                    {
                        repeated ??= new(RejectionReasons.InvalidValue, $"field '{spec!.Name}' appears more than once");
                        continue;
                    }

                    seen |= 1 << position;
                }

                if (value.Token == JsonTokenType.Null)
                {
                    continue; // a null field is an absent one
                }

                if (position >= 0)
                {
                    Fields[position] = value;
                }

                if (spec is not { Core: true })
                {
                    Attributes.Add(new RawAttribute(nameStart, nameLength, value.Start, value.Length));
                }
            }

            reader.Read(); // anything after the object is a syntax error
        }
        catch (JsonException ex)
        {
            // The reader's message names the position, never the content.
            return new(RejectionReasons.NotJson, "not valid JSON: " + ex.Message);
        }

        return repeated;
    }

    private ScannedValue Capture(ref Utf8JsonReader reader, FieldSpec? spec, bool needsText)
    {
        var value = new ScannedValue { Token = reader.TokenType, Start = (int)reader.TokenStartIndex };
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value.Length = reader.ValueSpan.Length + 2;
                if (spec is null)
                {
                    if (reader.ValueIsEscaped)
                    {
                        Unescape(ref reader);
                    }
                }
                else if (spec.Kind is not FieldKind.String)
                {
                    // Types, codes, tags and timestamps are checked by their text, never by their length.
                    if (reader.ValueIsEscaped)
                    {
                        value.Text = Decode(ref reader);
                    }
                }
                else if (reader.ValueIsEscaped && needsText)
                {
                    value.Text = Decode(ref reader);
                    value.Chars = value.Text.Length;
                }
                else
                {
                    value.Chars = Encoding.UTF8.GetCharCount(reader.ValueIsEscaped ? Unescape(ref reader) : reader.ValueSpan);
                }

                break;
            case JsonTokenType.Number:
                value.Length = reader.ValueSpan.Length;
                if (spec is { Kind: FieldKind.Number })
                {
                    value.IsDouble = reader.TryGetDouble(out value.Number);
                }
                else if (spec is { Kind: FieldKind.Integer })
                {
                    value.IsWhole = reader.TryGetInt64(out value.Whole);
                }

                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                ScanContainer(ref reader, ref value, spec is { Kind: FieldKind.StringArray });
                value.Length = (int)reader.TokenStartIndex + 1 - value.Start;
                break;
            default:
                value.Length = reader.ValueSpan.Length; // true, false, null
                break;
        }

        return value;
    }

    /// <summary>Reads to the container's end, checking escapes; for an id array, counts and measures its items.</summary>
    private void ScanContainer(ref Utf8JsonReader reader, ref ScannedValue value, bool idArray)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            var token = reader.TokenType;
            var escaped = token is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped;
            var unescaped = escaped ? Unescape(ref reader) : default;
            if (!idArray || reader.CurrentDepth != depth + 1 || token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                continue;
            }

            value.Items++;
            if (token != JsonTokenType.String)
            {
                if (value.NonStringItem == JsonTokenType.None)
                {
                    value.NonStringItem = token;
                }

                continue;
            }

            var chars = Encoding.UTF8.GetCharCount(escaped ? unescaped : reader.ValueSpan);
            value.BadItem |= chars is < 1 or > ScannedValue.MaxItemChars;
        }
    }

    /// <summary>The current string or name unescaped into a reused buffer (valid until the next call).</summary>
    private ReadOnlySpan<byte> Unescape(ref Utf8JsonReader reader)
    {
        if (_unescaped.Length < reader.ValueSpan.Length)
        {
            _unescaped = new byte[Math.Max(reader.ValueSpan.Length, _unescaped.Length * 2)];
        }

        try
        {
            return _unescaped.AsSpan(0, reader.CopyString(_unescaped));
        }
        catch (InvalidOperationException ex)
        {
            throw Invalid(ex);
        }
    }

    private static string Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw Invalid(ex);
        }
    }

    // An escape that decodes to no text (an unpaired surrogate): the record could not be read downstream.
    private static JsonException Invalid(InvalidOperationException ex) => new($"a string holds an invalid escape ({ex.Message})", ex);
}
