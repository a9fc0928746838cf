using System.Buffers;
using System.Globalization;
using Governance.Contracts;

namespace Governance.Validation;

/// <summary>
/// Writes a scanned record as a <c>CreatorEvent</c>: ids, type, locale and attributes are copied as the
/// raw JSON they came as (valid JSON stays valid JSON; nothing is decoded and escaped again), the two
/// timestamps are written in ISO 8601 as <see cref="System.Text.Json.Utf8JsonWriter"/> writes them.
/// Not thread-safe: it reuses its buffer.
/// </summary>
internal sealed class CreatorEventWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly byte[] _ingestedAt = new byte[TimestampBytes];
    private int _ingestedAtLength;
    private long _ingestedAtMillisecond = -1;

    // A quoted "O" timestamp: yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm.
    private const int TimestampBytes = 35;

    /// <summary>The serialized event, in an array of its exact length from <paramref name="allocate"/>.</summary>
    public byte[] Write(ReadOnlySpan<byte> json, RecordScanner scan, EventSource source, DateTimeOffset occurredAt, DateTimeOffset ingestedAt, Func<int, byte[]> allocate)
    {
        var fields = scan.Fields;
        _buffer.ResetWrittenCount();
        Append("{\"eventId\":"u8);
        Append(fields[InputSchema.EventId].Raw(json));
        Append(source == EventSource.Content ? ",\"source\":\"content\",\"type\":"u8 : ",\"source\":\"transaction\",\"type\":"u8);
        Append(fields[InputSchema.Type].Raw(json));
        Append(",\"creatorId\":"u8);
        Append(fields[InputSchema.CreatorId].Raw(json));
        Append(",\"occurredAt\":"u8);
        AppendTimestamp(occurredAt);
        Append(",\"ingestedAt\":"u8);
        AppendIngestedAt(ingestedAt);
        if (fields[InputSchema.Locale].Present)
        {
            Append(",\"locale\":"u8);
            Append(fields[InputSchema.Locale].Raw(json));
        }

        Append(",\"attributes\":{"u8);
        var first = true;
        foreach (var attribute in scan.Attributes)
        {
            if (!first)
            {
                Append(","u8);
            }

            first = false;
            Append(json.Slice(attribute.NameStart, attribute.NameLength));
            Append(":"u8);
            Append(json.Slice(attribute.ValueStart, attribute.ValueLength));
        }

        Append("}}"u8);
        var output = allocate(_buffer.WrittenCount);
        _buffer.WrittenSpan.CopyTo(output);
        return output;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    /// <summary>
    /// The ingestion time in UTC to the millisecond, formatted once per millisecond: a batch of records
    /// is ingested within a few, and formatting a timestamp costs as much as checking a small record.
    /// </summary>
    private void AppendIngestedAt(DateTimeOffset value)
    {
        var millisecond = value.UtcTicks / TimeSpan.TicksPerMillisecond;
        if (millisecond != _ingestedAtMillisecond)
        {
            _ingestedAtMillisecond = millisecond;
            _ingestedAtLength = FormatTimestamp(new DateTimeOffset(millisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero), _ingestedAt);
        }

        Append(_ingestedAt.AsSpan(0, _ingestedAtLength));
    }

    private void AppendTimestamp(DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[TimestampBytes];
        Append(text[..FormatTimestamp(value, text)]);
    }

    /// <summary>"O" with the fraction's trailing zeros (and a bare dot) trimmed, quoted; returns the length.</summary>
    private static int FormatTimestamp(DateTimeOffset value, Span<byte> text)
    {
        // After the opening quote: yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm, the fraction at 21-27, the offset from 28.
        text[0] = (byte)'"';
        value.TryFormat(text[1..], out var written, "O", CultureInfo.InvariantCulture);
        var fractionEnd = 27;
        while (fractionEnd > 20 && text[fractionEnd] == (byte)'0')
        {
            fractionEnd--;
        }

        if (fractionEnd == 20)
        {
            fractionEnd = 19; // no fraction: drop the dot too
        }

        var length = fractionEnd + 1;
        text.Slice(28, written - 27).CopyTo(text[length..]);
        length += written - 27;
        text[length] = (byte)'"';
        return length + 1;
    }
}
