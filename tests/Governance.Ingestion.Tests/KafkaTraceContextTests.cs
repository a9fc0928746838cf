using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Governance.Hosting;
using Governance.Kafka;

namespace Governance.Ingestion.Tests;

public sealed class KafkaTraceContextTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string SpanId = "00f067aa0ba902b7";

    [Fact]
    public void TheProducersTraceparentAndTracestateAreRead()
    {
        var headers = new Headers
        {
            { "traceparent", Encoding.ASCII.GetBytes($"00-{TraceId}-{SpanId}-01") },
            { "tracestate", "vendor=abc"u8.ToArray() },
        };

        var context = KafkaTraceContext.Extract(headers);

        Assert.Equal(TraceId, context.TraceId.ToHexString());
        Assert.Equal(SpanId, context.SpanId.ToHexString());
        Assert.Equal(ActivityTraceFlags.Recorded, context.TraceFlags);
        Assert.Equal("vendor=abc", context.TraceState);
        Assert.True(context.IsRemote);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a traceparent")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736")]
    public void AnInvalidTraceparentIsNoTrace(string header)
    {
        var headers = new Headers { { "traceparent", Encoding.ASCII.GetBytes(header) } };

        Assert.Equal(default, KafkaTraceContext.Extract(headers));
    }

    [Fact]
    public void RecordsWithoutHeadersHaveNoTrace()
    {
        Assert.Equal(default, KafkaTraceContext.Extract(null));
        Assert.Equal(default, KafkaTraceContext.Extract(new Headers()));
        Assert.Equal(default, KafkaTraceContext.Extract(new Headers { { "other", "x"u8.ToArray() } }));
    }

    [Fact]
    public void TheLastTraceparentOfARecordCounts()
    {
        var headers = new Headers
        {
            { "traceparent", Encoding.ASCII.GetBytes($"00-{ActivityTraceId.CreateRandom().ToHexString()}-{SpanId}-01") },
            { "traceparent", Encoding.ASCII.GetBytes($"00-{TraceId}-{SpanId}-00") },
        };

        Assert.Equal(TraceId, KafkaTraceContext.Extract(headers).TraceId.ToHexString());
    }

    [Fact]
    public void AContinuedTraceIsWrittenWithANewSpanIdAndTheProducersFlagsAndState()
    {
        var parent = new ActivityContext(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString(SpanId), ActivityTraceFlags.Recorded, "vendor=abc", isRemote: true);

        var headers = KafkaTraceContext.Inject(TraceContext.Continue(parent), new Headers());

        var traceparent = Encoding.ASCII.GetString(headers.GetLastBytes("traceparent")).Split('-');
        Assert.Equal(["00", TraceId], traceparent[..2]);
        Assert.NotEqual(SpanId, traceparent[2]);
        Assert.Equal("01", traceparent[3]);
        Assert.Equal("vendor=abc", Encoding.ASCII.GetString(headers.GetLastBytes("tracestate")));
    }

    [Fact]
    public void ATraceparentTextRoundTrips()
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);

        var text = TraceContext.Format(context);

        Assert.Equal($"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-00", text);
        Assert.Equal((context.TraceId, context.SpanId), (TraceContext.Parse(text).TraceId, TraceContext.Parse(text).SpanId));
        Assert.Null(TraceContext.Format(default));
        Assert.Equal(default, TraceContext.Parse(null));
        Assert.Equal(default, TraceContext.Parse("garbage"));
    }
}
