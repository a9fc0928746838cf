using Confluent.Kafka;

namespace Governance.Benchmarks;

/// <summary>
/// A second reader of the worker's input topic with the worker's consumer settings (no group: every
/// partition assigned from its end), measuring how long records take from the producer to a consumer.
/// On librdkafka's mock cluster a fetch that finds no new data is answered only after
/// <c>fetch.wait.max.ms</c>, while a real broker answers as soon as data arrives.
/// </summary>
internal sealed class KafkaDeliveryProbe(string bootstrap, string topic, int partitions, IReadOnlyDictionary<string, string> consumerSettings)
{
    private readonly List<double> _milliseconds = [];
    private long _fromMs;

    /// <summary>Producer timestamp (create time, ms) to consume time, sorted.</summary>
    public IReadOnlyList<double> Milliseconds => _milliseconds;

    /// <summary>Counts only records produced from now on (the timed run, not its warm-up).</summary>
    public void CountFromNow() => Volatile.Write(ref _fromMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public void Run(CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-delivery-probe", EnableAutoCommit = false };
        foreach (var (key, value) in consumerSettings)
        {
            config.Set(key, value);
        }

        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.End)));
        while (!cancellationToken.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } record && record.Message.Timestamp.UnixTimestampMs >= Volatile.Read(ref _fromMs))
            {
                _milliseconds.Add((DateTime.UtcNow - record.Message.Timestamp.UtcDateTime).TotalMilliseconds);
            }
        }

        consumer.Close();
        _milliseconds.Sort();
    }
}
