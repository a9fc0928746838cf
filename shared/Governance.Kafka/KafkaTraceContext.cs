using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Governance.Hosting;
using OpenTelemetry.Context.Propagation;

namespace Governance.Kafka;

/// <summary>
/// W3C trace context (<c>traceparent</c>, <c>tracestate</c>) in Kafka record headers, read and written
/// with OpenTelemetry's propagator (<see cref="TraceContext.Propagator"/>) through a getter and a setter
/// over Confluent.Kafka's <see cref="Headers"/>.
/// </summary>
public static class KafkaTraceContext
{
    // The last header of a name, as Kafka clients read headers; an empty one counts as none.
    private static readonly Func<Headers, string, IEnumerable<string>?> Getter = static (headers, name) =>
        headers.TryGetLastBytes(name, out var bytes) && bytes is { Length: > 0 } ? new[] { Encoding.ASCII.GetString(bytes) } : null;

    private static readonly Action<Headers, string, string> Setter = static (headers, name, value) => headers.Add(name, Encoding.ASCII.GetBytes(value));

    /// <summary>The producer's trace context, or <c>default</c> when the record carries no valid one.</summary>
    public static ActivityContext Extract(Headers? headers)
    {
        // Most records carry no header at all: nothing to look up.
        if (headers is null || headers.Count == 0)
        {
            return default;
        }

        return TraceContext.Propagator.Extract(default, headers, Getter).ActivityContext;
    }

    /// <summary>Adds the context's <c>traceparent</c> (and <c>tracestate</c>, if any) to <paramref name="headers"/>; returns them.</summary>
    public static Headers Inject(ActivityContext context, Headers headers)
    {
        TraceContext.Propagator.Inject(new PropagationContext(context, default), headers, Setter);
        return headers;
    }
}
