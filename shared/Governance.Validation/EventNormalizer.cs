using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Contracts;

namespace Governance.Validation;

/// <summary>
/// Validates one raw input record against <c>spec/events.md</c> and writes it as a <c>CreatorEvent</c>
/// in one pass over a pooled <see cref="JsonDocument"/>. Not thread-safe: one instance per consume loop
/// (it reuses its output buffer).
/// </summary>
public sealed partial class EventNormalizer : IDisposable
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32 };
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _writer;
    private readonly JsonElement[] _fields = new JsonElement[16];
    private readonly List<JsonProperty> _attributes = new(32);
    private readonly ValidationLimits _limits;
    private readonly TimeProvider _time;
    private DateTimeOffset _occurredAt;
    private string _type = "";

    /// <summary>Creates a normalizer with the given limits and clock.</summary>
    public EventNormalizer(ValidationLimits limits, TimeProvider time)
    {
        _limits = limits;
        _time = time;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Turns a raw record into a normalized one, or says why it is rejected.</summary>
    /// <param name="value">The Kafka record value (may be null for a tombstone).</param>
    /// <param name="source">Which input topic it came from.</param>
    /// <param name="record">The normalized record when accepted.</param>
    /// <param name="rejection">The reason when rejected.</param>
    /// <returns>True when accepted.</returns>
    public bool TryNormalize(ReadOnlyMemory<byte> value, EventSource source, out NormalizedRecord record, out Rejection? rejection)
    {
        record = default;
        rejection = Check(value, source, out var document);
        if (rejection is not null)
        {
            return false;
        }

        using (document)
        {
            record = Write(source);
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private Rejection? Check(ReadOnlyMemory<byte> value, EventSource source, out JsonDocument? document)
    {
        document = null;
        if (value.IsEmpty)
        {
            return new(RejectionReasons.NotJson, "the record has no value");
        }

        if (value.Length > _limits.MaxRecordBytes)
        {
            return new(RejectionReasons.TooLarge, $"the record is {value.Length} bytes; the limit is {_limits.MaxRecordBytes}");
        }

        if (!System.Text.Unicode.Utf8.IsValid(value.Span))
        {
            // The JSON reader checks UTF-8 only when a string is read; check it all up front.
            return new(RejectionReasons.NotJson, "the value is not valid UTF-8");
        }

        try
        {
            document = JsonDocument.Parse(value, ParseOptions);
        }
        catch (JsonException ex)
        {
            // The parser's message names the position, never the content.
            return new(RejectionReasons.NotJson, "not valid JSON: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            return new(RejectionReasons.NotJson, "not valid UTF-8 JSON: " + ex.Message);
        }

        var problem = CheckObject(document.RootElement, InputSchema.For(source));
        if (problem is not null)
        {
            document.Dispose();
            document = null;
        }

        return problem;
    }

    private Rejection? CheckObject(JsonElement root, InputSchema schema)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new(RejectionReasons.NotJson, $"the value is a JSON {Kind(root.ValueKind)}, not an object");
        }

        var fields = schema.Fields;
        Array.Clear(_fields);
        _attributes.Clear();
        var seen = 0;
        foreach (var property in root.EnumerateObject())
        {
            // Raw (still escaped) names: an escaped spelling of a known name counts as an extra attribute.
            var position = schema.Find(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property));
            if (position < 0)
            {
                if (property.Value.ValueKind != JsonValueKind.Null)
                {
                    _attributes.Add(property);
                }

                continue;
            }

            if ((seen & (1 << position)) != 0)
            {
                return new(RejectionReasons.InvalidValue, $"field '{fields[position].Name}' appears more than once");
            }

            seen |= 1 << position;
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                _fields[position] = property.Value;
                if (!fields[position].Core)
                {
                    _attributes.Add(property);
                }
            }
        }

        foreach (var position in schema.Required)
        {
            if (_fields[position].ValueKind == JsonValueKind.Undefined)
            {
                return new(RejectionReasons.MissingField, $"required field '{fields[position].Name}' is missing or null");
            }
        }

        // Order of precedence: wrong types, then the event type, then values.
        for (var i = 0; i < fields.Length; i++)
        {
            if (_fields[i].ValueKind != JsonValueKind.Undefined && WrongType(fields[i], _fields[i]) is { } wrongType)
            {
                return wrongType;
            }
        }

        _type = _fields[InputSchema.Type].GetString()!;
        if (!schema.Types.Contains(_type))
        {
            return new(RejectionReasons.UnknownType, $"type '{Shorten(_type)}' is not a {schema.TopicName} type (expected one of: {schema.TypeList})");
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (_fields[i].ValueKind != JsonValueKind.Undefined && BadValue(fields[i], _fields[i]) is { } badValue)
            {
                return badValue;
            }
        }

        return null;
    }

    private static Rejection? WrongType(FieldSpec spec, JsonElement element)
    {
        var expected = spec.Kind switch
        {
            FieldKind.Number or FieldKind.Integer => JsonValueKind.Number,
            FieldKind.StringArray => JsonValueKind.Array,
            _ => JsonValueKind.String,
        };
        if (element.ValueKind != expected)
        {
            return new(RejectionReasons.WrongType, $"field '{spec.Name}' must be a {Kind(expected)}, not a {Kind(element.ValueKind)}");
        }

        if (spec.Kind == FieldKind.Integer && !element.TryGetInt64(out _))
        {
            return new(RejectionReasons.WrongType, $"field '{spec.Name}' must be a whole number");
        }

        if (spec.Kind == FieldKind.StringArray)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return new(RejectionReasons.WrongType, $"field '{spec.Name}' must hold only strings, not a {Kind(item.ValueKind)}");
                }
            }
        }

        return null;
    }

    private Rejection? BadValue(FieldSpec spec, JsonElement element)
    {
        switch (spec.Kind)
        {
            case FieldKind.String:
                var length = Length(element);
                return length < spec.Min || length > spec.Max
                    ? Invalid(spec, $"is {length} characters long; allowed {spec.Min:0}–{spec.Max:0}")
                    : null;
            case FieldKind.Number:
                return !element.TryGetDouble(out var number) || !double.IsFinite(number)
                    ? Invalid(spec, "is not a representable number")
                    : number < spec.Min || number > spec.Max
                        ? Invalid(spec, $"is {number.ToString(CultureInfo.InvariantCulture)}; allowed {spec.Min:0}–{spec.Max.ToString("0", CultureInfo.InvariantCulture)}")
                        : null;
            case FieldKind.Integer:
                var whole = element.GetInt64();
                return whole < spec.Min || whole > spec.Max ? Invalid(spec, $"is {whole}; must be >= {spec.Min:0}") : null;
            case FieldKind.StringArray:
                var count = element.GetArrayLength();
                if (count > spec.Max)
                {
                    return Invalid(spec, $"has {count} items; at most {spec.Max:0}");
                }

                foreach (var item in element.EnumerateArray())
                {
                    if (Length(item) is < 1 or > 128)
                    {
                        return Invalid(spec, "holds an empty or over-long (> 128 characters) id");
                    }
                }

                return null;
            case FieldKind.Currency:
                var code = element.GetString()!;
                return CurrencyCodes.IsKnown(code) ? null : Invalid(spec, $"'{Shorten(code)}' is not an ISO 4217 currency code");
            case FieldKind.Locale:
                var tag = element.GetString()!;
                return tag.Length <= 35 && LocaleTag().IsMatch(tag) ? null : Invalid(spec, $"'{Shorten(tag)}' is not a BCP 47 language tag");
            case FieldKind.Timestamp:
                return CheckTimestamp(spec, element.GetString()!);
            default:
                return null;
        }
    }

    private Rejection? CheckTimestamp(FieldSpec spec, string text)
    {
        if (!Rfc3339.TryParse(text, out var at))
        {
            return new(RejectionReasons.BadTimestamp, $"field '{spec.Name}' '{Shorten(text)}' is not an RFC 3339 date-time with offset (e.g. 2026-03-01T12:00:00Z)");
        }

        _occurredAt = at;
        var now = _time.GetUtcNow();
        return at - now > _limits.MaxFutureSkew
            ? new(RejectionReasons.FutureTimestamp, $"field '{spec.Name}' {at:O} is {(at - now).TotalSeconds:0} s ahead of the clock; at most {_limits.MaxFutureSkew.TotalSeconds:0} s allowed")
            : null;
    }

    private NormalizedRecord Write(EventSource source)
    {
        var eventId = _fields[InputSchema.EventId].GetString()!;
        var creatorId = _fields[InputSchema.CreatorId].GetString()!;
        var locale = _fields[InputSchema.Locale];

        _buffer.ResetWrittenCount();
        _writer.Reset();
        _writer.WriteStartObject();
        _writer.WriteString("eventId"u8, eventId);
        _writer.WriteString("source"u8, source == EventSource.Content ? "content"u8 : "transaction"u8);
        _writer.WriteString("type"u8, _type);
        _writer.WriteString("creatorId"u8, creatorId);
        _writer.WriteString("occurredAt"u8, _occurredAt);
        _writer.WriteString("ingestedAt"u8, _time.GetUtcNow());
        if (locale.ValueKind == JsonValueKind.String)
        {
            _writer.WritePropertyName("locale"u8);
            locale.WriteTo(_writer);
        }

        _writer.WriteStartObject("attributes"u8);
        foreach (var property in _attributes)
        {
            property.WriteTo(_writer);
        }

        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.Flush();
        return new NormalizedRecord(eventId, creatorId, _buffer.WrittenSpan.ToArray());
    }

    private static int Length(JsonElement element)
    {
        // Counting on the raw UTF-8 avoids allocating a string for a 20,000-character text.
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
        if (raw.Contains((byte)'\\'))
        {
            return element.GetString()!.Length;
        }

        return Encoding.UTF8.GetCharCount(raw is [(byte)'"', .., (byte)'"'] ? raw[1..^1] : raw);
    }

    private static Rejection Invalid(FieldSpec spec, string problem) =>
        new(RejectionReasons.InvalidValue, $"field '{spec.Name}' {problem}");

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static string TopicOf(EventSource source) => source == EventSource.Content ? Topics.Content : Topics.Transactions;

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LocaleTag();
}
