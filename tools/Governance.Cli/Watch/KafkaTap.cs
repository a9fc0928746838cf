using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Governance.Contracts;

namespace Governance.Cli.Watch;

/// <summary>
/// Reads the four topics from their ends as they were when the watch began (assigned, no group, nothing
/// committed) on a thread of its own: counts input records, normalized events and dead letters by
/// <c>dlq.reason</c>, and hands the abusive creators' records to <see cref="FirstAbuse"/>.
/// </summary>
internal sealed class KafkaTap : IDisposable
{
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly WatchTopics _topics;
    private readonly WatchState _state;
    private readonly FirstAbuse _abuse;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    private KafkaTap(IConsumer<string?, byte[]> consumer, WatchTopics topics, WatchState state, FirstAbuse abuse)
    {
        _consumer = consumer;
        _topics = topics;
        _state = state;
        _abuse = abuse;
        _thread = new Thread(Run) { IsBackground = true, Name = "watch-kafka" };
    }

    /// <summary>Assigns every partition of the topics at its current end and starts reading.</summary>
    public static KafkaTap Start(string bootstrap, IAdminClient admin, WatchTopics topics, WatchState state, FirstAbuse abuse)
    {
        var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "governance-watch-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            FetchWaitMaxMs = 100,
        }).SetErrorHandler((_, _) => { }).SetLogHandler((_, _) => { }).Build();
        try
        {
            var partitions = KafkaPartitions.Of(admin, [topics.Content, topics.Transactions, topics.Events, topics.DeadLetter]);
            // The ends as they are now, every partition in one request per broker; assigned explicitly, so a
            // record produced once this returns is read (a logical "end" would be resolved later, and could skip it).
            var ends = admin.ListOffsetsAsync(partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }), new ListOffsetsOptions { RequestTimeout = TimeSpan.FromSeconds(10) })
                .GetAwaiter().GetResult();
            consumer.Assign(ends.ResultInfos.Select(r => r.TopicPartitionOffsetError.TopicPartitionOffset));
        }
        catch
        {
            consumer.Dispose();
            throw;
        }

        var tap = new KafkaTap(consumer, topics, state, abuse);
        tap._thread.Start();
        return tap;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string?, byte[]>? record;
            try
            {
                record = _consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException)
            {
                // A record the deserializers refuse (a key that is not UTF-8): skipped, as ingestion dead-letters it.
                continue;
            }

            if (record is null)
            {
                continue;
            }

            if (_topics.IsInput(record.Topic))
            {
                _state.Input();
                if (_abuse.Wants(record.Message.Key))
                {
                    _abuse.Saw(record.Message.Key!, record.Message.Value, record.Message.Timestamp.UtcDateTime);
                }
            }
            else if (record.Topic == _topics.Events)
            {
                _state.Normalized();
            }
            else
            {
                var reason = Header(record, DeadLetterHeaders.Reason) ?? "unknown";
                _state.DeadLettered(reason, Header(record, DeadLetterHeaders.SourceTopic) is { } source && _topics.IsInput(source));
            }
        }
    }

    private static string? Header(ConsumeResult<string?, byte[]> record, string name) =>
        record.Message.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
