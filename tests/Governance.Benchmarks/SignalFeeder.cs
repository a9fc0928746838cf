using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;

namespace Governance.Benchmarks;

/// <summary>
/// Produces normalized events to the worker's input topic with ingestion's output producer settings
/// (idempotent, acks all, 5 ms linger, LZ4): either as fast as the consumer keeps up, at most
/// <c>window</c> records ahead (the mock cluster keeps only ~5 MB per partition), or at a steady rate.
/// </summary>
internal sealed class SignalFeeder(string bootstrap, string topic) : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrap, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5, CompressionType = CompressionType.Lz4,
        QueueBufferingMaxMessages = 500_000,
    }).Build();

    private long _leadSum;
    private long _leadSamples;

    /// <summary>How far ahead of the loop the feeder was, on average (sampled every 1,000 records): near the window means the loop was never starved.</summary>
    public double AverageLead => _leadSamples == 0 ? 0 : (double)_leadSum / _leadSamples;

    /// <summary>Feeds every record, staying at most <paramref name="window"/> ahead of <paramref name="processed"/> (or until cancelled).</summary>
    public void FeedAhead(SignalRecord[] records, int window, Func<long> processed, bool indexHeaders, CancellationToken cancellationToken)
    {
        var from = processed();
        for (var i = 0; i < records.Length; i++)
        {
            while (i - (processed() - from) > window)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                Thread.Sleep(1);
            }

            if (i % 1000 == 0)
            {
                _leadSum += i - (processed() - from);
                _leadSamples++;
            }

            var message = new Message<byte[], byte[]> { Key = records[i].Key, Value = records[i].Value };
            if (indexHeaders)
            {
                var index = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(index, i);
                message.Headers = new Headers { { BareWindowLoop.IndexHeader, index } };
            }

            _producer.Produce(topic, message);
        }

        _producer.Flush(TimeSpan.FromMinutes(2));
    }

    /// <summary>Feeds at <paramref name="perSecond"/>; returns when each record was handed to the producer (Stopwatch ticks).</summary>
    public long[] FeedPaced(SignalRecord[] records, double perSecond)
    {
        var produced = new long[records.Length];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < records.Length; i++)
        {
            var due = started + (long)(i / perSecond * Stopwatch.Frequency);
            // Sleeping (not spinning: two cores) releases the records due within each ~1 ms timer tick together.
            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.Sleep(1);
            }

            produced[i] = Stopwatch.GetTimestamp();
            _producer.Produce(topic, new Message<byte[], byte[]> { Key = records[i].Key, Value = records[i].Value });
        }

        _producer.Flush(TimeSpan.FromMinutes(2));
        return produced;
    }

    public void Dispose() => _producer.Dispose();
}
