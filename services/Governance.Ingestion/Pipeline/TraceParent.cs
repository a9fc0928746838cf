using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Governance.Ingestion.Pipeline;

/// <summary>W3C <c>traceparent</c> in Kafka headers: read the producer's, write ours.</summary>
internal static class TraceParent
{
    public const string Header = "traceparent";

    /// <summary>The incoming context, if the record carries a valid <c>traceparent</c>.</summary>
    public static ActivityContext? Read(Headers? headers)
    {
        if (headers is null || !headers.TryGetLastBytes(Header, out var bytes))
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

        var traceId = parent?.TraceId ?? ActivityTraceId.CreateRandom();
        var flags = parent is { } p && p.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00";
        return Encoding.ASCII.GetBytes($"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-{flags}");
    }
}
