using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Governance.Ingestion.Pipeline;

/// <summary>W3C <c>traceparent</c> in Kafka headers: read the producer's, write ours.</summary>
internal static class TraceParent
{
    public const string Header = "traceparent";

    // "00-" + 32 hex trace id + "-" + 16 hex span id + "-" + 2 hex flags
    private const int Length = 55;

    /// <summary>The incoming context, if the record carries a valid <c>traceparent</c>.</summary>
    public static ActivityContext? Read(Headers? headers)
    {
        if (headers is null || headers.Count == 0 || !headers.TryGetLastBytes(Header, out var bytes) || bytes.Length != Length)
        {
            return null;
        }

        return ActivityContext.TryParse(Encoding.ASCII.GetString(bytes), null, out var context) ? context : null;
    }

    /// <summary>
    /// The header for the output record: the span when one is recorded; otherwise a new span id in the
    /// incoming trace (continuing it), or a new trace when there was none.
    /// </summary>
    public static byte[] Write(Activity? activity, ActivityContext? parent)
    {
        if (activity is not null)
        {
            return Encoding.ASCII.GetBytes(activity.Id!);
        }

        Span<char> text = stackalloc char[Length];
        Span<byte> id = stackalloc byte[16];
        "00-".CopyTo(text);
        (parent?.TraceId ?? ActivityTraceId.CreateRandom()).CopyTo(id);
        Convert.TryToHexStringLower(id, text[3..35], out _);
        text[35] = '-';
        ActivitySpanId.CreateRandom().CopyTo(id[..8]);
        Convert.TryToHexStringLower(id[..8], text[36..52], out _);
        text[52] = '-';
        text[53] = '0';
        text[54] = parent is { } p && p.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? '1' : '0';
        var bytes = new byte[Length];
        Encoding.ASCII.GetBytes(text, bytes);
        return bytes;
    }
}
