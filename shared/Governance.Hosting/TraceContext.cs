using System.Diagnostics;
using System.Runtime.CompilerServices;
using OpenTelemetry.Context.Propagation;

namespace Governance.Hosting;

/// <summary>
/// W3C trace context as the services carry it between each other (Kafka headers, the alerting outbox),
/// read and written with OpenTelemetry's <see cref="TraceContextPropagator"/>. The W3C propagator on
/// purpose, not <c>Propagators.DefaultTextMapPropagator</c>: that one is a no-op until an OpenTelemetry
/// SDK is built in the process, and a trace must be continued whether or not this process exports spans.
/// </summary>
public static class TraceContext
{
    /// <summary>The W3C header (and Kafka header) name.</summary>
    public const string TraceParent = "traceparent";

    private static readonly Func<string, string, IEnumerable<string>?> TextGetter = static (traceParent, name) =>
        name == TraceParent ? new[] { traceParent } : null;

    private static readonly Action<StrongBox<string?>, string, string> TextSetter = static (box, name, value) =>
    {
        if (name == TraceParent)
        {
            box.Value = value;
        }
    };

    /// <summary>The W3C trace-context propagator (stateless, shared).</summary>
    public static TextMapPropagator Propagator { get; } = new TraceContextPropagator();

    /// <summary>
    /// A context that continues <paramref name="parent"/> where no span of ours was started: the same
    /// trace, flags and state, a new span id.
    /// </summary>
    public static ActivityContext Continue(ActivityContext parent) =>
        new(parent.TraceId, ActivitySpanId.CreateRandom(), parent.TraceFlags, parent.TraceState);

    /// <summary>A new trace, not sampled: for work that came with no trace and had no span.</summary>
    public static ActivityContext NewTrace() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);

    /// <summary>The context as <c>traceparent</c> text, or null when it is not a valid one.</summary>
    public static string? Format(ActivityContext context)
    {
        if (context.TraceId == default || context.SpanId == default)
        {
            return null;
        }

        var box = new StrongBox<string?>();
        Propagator.Inject(new PropagationContext(context, default), box, TextSetter);
        return box.Value;
    }

    /// <summary><c>traceparent</c> text as a (remote) context, or <c>default</c> when it is null or not valid.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        string.IsNullOrEmpty(traceParent) ? default : Propagator.Extract(default, traceParent, TextGetter).ActivityContext;
}
