using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Governance.Contracts;
using Governance.Kafka;

namespace Governance.Cli.Watch;

/// <summary>
/// Reads the four topics from their ends as they were when the watch began (assigned, no group, nothing
/// committed) on a thread of its own: counts input records, normalized events and dead letters by
/// <c>dlq.reason</c>, and hands the abusive creators' records to <see cref="FirstAbuse"/>. When the watch
/// ends the input is frozen at the topics' ends then: later records (feeds that go on) and their dead
/// letters are not counted, so the reconciliation is over a closed set of records.
/// </summary>
internal sealed class KafkaTap : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]> _consumer;
    private readonly WatchTopics _topics;
    private readonly WatchState _state;
    private readonly FirstAbuse _abuse;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private IReadOnlyDictionary<TopicPartition, long>? _frozen;

    private KafkaTap(IConsumer<byte[]?, byte[]> consumer, WatchTopics topics, WatchState state, FirstAbuse abuse, Dictionary<TopicPartition, long> inputStart)
    {
        InputStart = inputStart;
        _consumer = consumer;
        _topics = topics;
        _state = state;
        _abuse = abuse;
        _thread = new Thread(Run) { IsBackground = true, Name = "watch-kafka" };
    }

    /// <summary>Assigns every partition of the topics at its current end and starts reading.</summary>
    public static KafkaTap Start(KafkaSettings kafka, IAdminClient admin, WatchTopics topics, WatchState state, FirstAbuse abuse)
    {
        List<TopicPartition> partitions;
        List<TopicPartitionOffset> starts;
        var consumer = new ConsumerBuilder<byte[]?, byte[]>(kafka.Apply(new ConsumerConfig
        {
            GroupId = "governance-watch-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            FetchWaitMaxMs = 100,
            // No statistics handler here: librdkafka need not gather them (the services' default is 5 s).
            StatisticsIntervalMs = 0,
        })).SetErrorHandler((_, _) => { }).SetLogHandler((_, _) => { }).Build();
        try
        {
            partitions = KafkaPartitions.Of(admin, [topics.Content, topics.Transactions, topics.Events, topics.DeadLetter]);
            // The ends as they are now, every partition in one request per broker; assigned explicitly, so a
            // record produced once this returns is read (a logical "end" would be resolved later, and could skip it).
            var ends = admin.ListOffsetsAsync(partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }), new ListOffsetsOptions { RequestTimeout = TimeSpan.FromSeconds(10) })
                .GetAwaiter().GetResult();
            starts = ends.ResultInfos.Select(r => r.TopicPartitionOffsetError.TopicPartitionOffset).ToList();
            consumer.Assign(starts);
        }
        catch
        {
            consumer.Dispose();
            throw;
        }

        var tap = new KafkaTap(consumer, topics, state, abuse, starts.Where(p => topics.IsInput(p.Topic)).ToDictionary(p => p.TopicPartition, p => p.Offset.Value));
        tap._thread.Start();
        return tap;
    }

    /// <summary>Where the input topics' partitions were read from: their ends when the watch began.</summary>
    public IReadOnlyDictionary<TopicPartition, long> InputStart { get; }

    /// <summary>From now on, input records at or after <paramref name="ends"/> (and their dead letters) are not counted.</summary>
    public void Freeze(IReadOnlyDictionary<TopicPartition, long> ends) => Volatile.Write(ref _frozen, ends);

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
            ConsumeResult<byte[]?, byte[]>? record;
            try
            {
                record = _consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException)
            {
                // bytes need no deserializing: a broker error, retried by the next poll
                continue;
            }

            if (record is null)
            {
                continue;
            }

            if (_topics.IsInput(record.Topic))
            {
                if (AfterTheEnd(record.TopicPartition, record.Offset.Value))
                {
                    continue;
                }

                _state.Input();
                var creator = record.Message.Key is { } key ? Encoding.UTF8.GetString(key) : null;
                if (_abuse.Wants(creator))
                {
                    _abuse.Saw(creator!, record.Message.Value, record.Message.Timestamp.UtcDateTime);
                }
            }
            else if (record.Topic == _topics.Events)
            {
                _state.Normalized();
            }
            else
            {
                var reason = Header(record, DeadLetterHeaders.Reason) ?? "unknown";
                var ofInput = Header(record, DeadLetterHeaders.SourceTopic) is { } source && _topics.IsInput(source);
                if (ofInput && Source(record) is { } from && AfterTheEnd(from.Partition, from.Offset))
                {
                    continue;
                }

                _state.DeadLettered(reason, ofInput);
            }
        }
    }

    private bool AfterTheEnd(TopicPartition partition, long offset) =>
        Volatile.Read(ref _frozen) is { } ends && ends.TryGetValue(partition, out var end) && offset >= end;

    /// <summary>Where a dead letter was read from (its dlq.source.* headers).</summary>
    private static (TopicPartition Partition, long Offset)? Source(ConsumeResult<byte[]?, byte[]> record) =>
        Header(record, DeadLetterHeaders.SourceTopic) is { } topic
        && int.TryParse(Header(record, DeadLetterHeaders.SourcePartition), CultureInfo.InvariantCulture, out var partition)
        && long.TryParse(Header(record, DeadLetterHeaders.SourceOffset), CultureInfo.InvariantCulture, out var offset)
            ? (new TopicPartition(topic, partition), offset)
            : null;

    private static string? Header(ConsumeResult<byte[]?, byte[]> record, string name) =>
        record.Message.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
