using System.Text;
using System.Text.Unicode;
using Governance.Contracts;

namespace Governance.Validation;

/// <summary>
/// Validates one raw input record against docs/contracts.md and writes it as a <c>CreatorEvent</c>:
/// one reader pass over the UTF-8 bytes (<see cref="RecordScanner"/>), the field checks on what it found
/// (<see cref="FieldChecks"/>), and a writer that copies the raw values through
/// (<see cref="CreatorEventWriter"/>). An accepted record costs an output array (from <c>allocate</c>) and, unless
/// the input's key already is the creator id, a key array. Not thread-safe: one instance per consume loop.
/// </summary>
public sealed class EventNormalizer
{
    private readonly RecordScanner _scanner = new();
    private readonly CreatorEventWriter _writer = new();
    private readonly ValidationLimits _limits;
    private readonly TimeProvider _time;
    private readonly Func<int, byte[]> _allocate;

    /// <summary>Creates a normalizer with the given limits and clock.</summary>
    /// <param name="limits">Validation limits.</param>
    /// <param name="time">The clock for <c>ingestedAt</c> and the future-timestamp check.</param>
    /// <param name="allocate">Where output arrays of an exact length come from (a pool); new arrays by default.</param>
    public EventNormalizer(ValidationLimits limits, TimeProvider time, Func<int, byte[]>? allocate = null)
    {
        _limits = limits;
        _time = time;
        _allocate = allocate ?? (length => new byte[length]);
    }

    /// <summary>Turns a raw record into a normalized one, or says why it is rejected.</summary>
    /// <param name="value">The Kafka record value (may be empty for a tombstone).</param>
    /// <param name="source">Which input topic it came from.</param>
    /// <param name="record">The normalized record when accepted.</param>
    /// <param name="rejection">The reason when rejected.</param>
    /// <param name="inputKey">The input record's key: reused as the output key when it already is the creator id.</param>
    /// <returns>True when accepted.</returns>
    public bool TryNormalize(ReadOnlyMemory<byte> value, EventSource source, out NormalizedRecord record, out Rejection? rejection, byte[]? inputKey = null)
    {
        record = default;
        var json = value.Span;
        var now = _time.GetUtcNow();
        rejection = Check(json, InputSchema.For(source), now, out var occurredAt);
        if (rejection is not null)
        {
            return false;
        }

        record = new NormalizedRecord(Key(json, inputKey), _writer.Write(json, _scanner, source, occurredAt, now, _allocate));
        return true;
    }

    private Rejection? Check(ReadOnlySpan<byte> json, InputSchema schema, DateTimeOffset now, out DateTimeOffset occurredAt)
    {
        occurredAt = default;
        if (json.IsEmpty)
        {
            return new(RejectionReasons.NotJson, "the record has no value");
        }

        if (json.Length > _limits.MaxRecordBytes)
        {
            return new(RejectionReasons.TooLarge, $"the record is {json.Length} bytes; the limit is {_limits.MaxRecordBytes}");
        }

        if (!Utf8.IsValid(json))
        {
            // The JSON reader checks UTF-8 only when a string is read; check it all up front.
            return new(RejectionReasons.NotJson, "the value is not valid UTF-8");
        }

        if (_scanner.Scan(json, schema) is { } unreadable)
        {
            return unreadable;
        }

        var fields = schema.Fields;
        var values = _scanner.Fields;
        foreach (var position in schema.Required)
        {
            if (!values[position].Present)
            {
                return new(RejectionReasons.MissingField, $"required field '{fields[position].Name}' is missing or null");
            }
        }

        // Order of precedence: wrong types, then the event type, then values.
        for (var i = 0; i < fields.Length; i++)
        {
            if (values[i].Present && FieldChecks.WrongType(fields[i], values[i]) is { } wrongType)
            {
                return wrongType;
            }
        }

        if (!FieldChecks.IsKnownType(schema, json, values[InputSchema.Type]))
        {
            return new(RejectionReasons.UnknownType, $"type '{FieldChecks.Shorten(json, values[InputSchema.Type])}' is not a {schema.TopicName} type (expected one of: {schema.TypeList})");
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (!values[i].Present || i == InputSchema.Type)
            {
                continue;
            }

            if (FieldChecks.BadValue(fields[i], json, values[i], out var timestamp) is { } badValue)
            {
                return badValue;
            }

            if (i == InputSchema.OccurredAt)
            {
                occurredAt = timestamp;
                if (occurredAt - now > _limits.MaxFutureSkew)
                {
                    return new(RejectionReasons.FutureTimestamp, $"field '{fields[i].Name}' {occurredAt:O} is {(occurredAt - now).TotalSeconds:0} s ahead of the clock; at most {_limits.MaxFutureSkew.TotalSeconds:0} s allowed");
                }
            }
        }

        return null;
    }

    private byte[] Key(ReadOnlySpan<byte> json, byte[]? inputKey)
    {
        ref readonly var creator = ref _scanner.Fields[InputSchema.CreatorId];
        if (creator.Text is { } decoded)
        {
            return Encoding.UTF8.GetBytes(decoded);
        }

        var id = creator.Content(json);
        return inputKey is not null && id.SequenceEqual(inputKey) ? inputKey : id.ToArray();
    }
}
