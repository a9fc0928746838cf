using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Governance.Testing;

/// <summary>Produces and reads test records.</summary>
public static class KafkaTestClient
{
    public static IProducer<string, string> Producer(string bootstrap) =>
        new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, LingerMs = 2 }).Build();

    public static IConsumer<string, byte[]> Consumer(string bootstrap, string topic)
    {
        var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        return consumer;
    }

    /// <summary>Reads until <paramref name="until"/> holds for what was read, or the timeout passes.</summary>
    public static List<ConsumeResult<string, byte[]>> ReadUntil(
        IConsumer<string, byte[]> consumer, Func<IReadOnlyList<ConsumeResult<string, byte[]>>, bool> until, TimeSpan timeout, List<ConsumeResult<string, byte[]>>? into = null)
    {
        var read = into ?? [];
        var clock = Stopwatch.StartNew();
        while (!until(read) && clock.Elapsed < timeout)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                read.Add(result);
            }
        }

        return read;
    }

    /// <summary>Reads exactly <paramref name="count"/> records or fails with how many came.</summary>
    public static List<ConsumeResult<string, byte[]>> Read(IConsumer<string, byte[]> consumer, int count, TimeSpan timeout)
    {
        var read = ReadUntil(consumer, r => r.Count >= count, timeout);
        return read.Count >= count
            ? read
            : throw new TimeoutException($"Expected {count} records on {string.Join(",", consumer.Subscription)}, got {read.Count} in {timeout.TotalSeconds:0} s.");
    }

    public static string Header(this ConsumeResult<string, byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new KeyNotFoundException($"header {name} missing");
}
