using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Testing;

namespace Governance.Ingestion.IntegrationTests;

/// <summary>
/// Reads the events and dead-letter topics in the background while a test runs (the mock cluster
/// keeps only a few MB per partition, so output must be read as it is written).
/// </summary>
internal sealed class TopicCollector : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly HashSet<string> _eventIds = [];
    private readonly HashSet<string> _deadLetterSources = [];
    private int _eventCount;
    private int _deadLetterCount;
    private int _mismatched;

    public TopicCollector(string bootstrap, string eventsTopic, string deadLetterTopic)
    {
        _thread = new Thread(() => Run(bootstrap, eventsTopic, deadLetterTopic)) { IsBackground = true, Name = "collector" };
        _thread.Start();
    }

    public int Count => Volatile.Read(ref _eventCount) + Volatile.Read(ref _deadLetterCount);

    public int EventCount => Volatile.Read(ref _eventCount);

    public int DeadLetterCount => Volatile.Read(ref _deadLetterCount);

    /// <summary>Output records that are not JSON of a CreatorEvent or whose key is not its creatorId (a torn or reused value).</summary>
    public int Mismatched => Volatile.Read(ref _mismatched);

    public HashSet<string> EventIds
    {
        get
        {
            lock (_eventIds)
            {
                return [.. _eventIds];
            }
        }
    }

    public HashSet<string> DeadLetterSources
    {
        get
        {
            lock (_eventIds)
            {
                return [.. _deadLetterSources];
            }
        }
    }

    public static string Source(string topic, int partition, long offset) => $"{topic}/{partition}/{offset}";

    public bool WaitFor(Func<TopicCollector, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition(this))
            {
                return true;
            }

            Thread.Sleep(250);
        }

        return condition(this);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run(string bootstrap, string eventsTopic, string deadLetterTopic)
    {
        using var consumer = KafkaTestClient.Consumer(bootstrap, eventsTopic);
        consumer.Subscribe([eventsTopic, deadLetterTopic]);
        while (!_stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { } record)
            {
                continue;
            }

            lock (_eventIds)
            {
                if (record.Topic == eventsTopic)
                {
                    if (Read(record) is { } evt && evt.CreatorId == record.Message.Key)
                    {
                        _eventIds.Add(evt.EventId);
                    }
                    else
                    {
                        Interlocked.Increment(ref _mismatched);
                    }

                    Interlocked.Increment(ref _eventCount);
                }
                else
                {
                    _deadLetterSources.Add(Source(
                        record.Header(DeadLetterHeaders.SourceTopic),
                        int.Parse(record.Header(DeadLetterHeaders.SourcePartition), CultureInfo.InvariantCulture),
                        long.Parse(record.Header(DeadLetterHeaders.SourceOffset), CultureInfo.InvariantCulture)));
                    Interlocked.Increment(ref _deadLetterCount);
                }
            }
        }

        consumer.Close();
    }

    private static CreatorEvent? Read(ConsumeResult<string, byte[]> record)
    {
        try
        {
            return JsonSerializer.Deserialize(record.Message.Value, GovernanceJsonContext.Default.CreatorEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
