using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;

namespace Governance.Chaos;

/// <summary>
/// Reads a run's normalized-events and dead-letter topics while it runs (the local broker keeps only a
/// few MB per partition): the distinct eventIds normalized, and the dead letters by source position.
/// </summary>
public sealed class OutputCollector : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _deadLetters = new(StringComparer.Ordinal);
    private long _normalizedRecords;

    public OutputCollector(string bootstrap, string eventsTopic, string deadLetterTopic)
    {
        _thread = new Thread(() => Run(bootstrap, eventsTopic, deadLetterTopic)) { IsBackground = true, Name = "chaos-output" };
        _thread.Start();
    }

    /// <summary>Records read from the events topic (with at-least-once repeats).</summary>
    public long NormalizedRecords => Interlocked.Read(ref _normalizedRecords);

    public static string Source(string topic, int partition, long offset) => $"{topic}/{partition}/{offset}";

    public bool HasEvent(string eventId)
    {
        lock (_gate)
        {
            return _eventIds.Contains(eventId);
        }
    }

    /// <summary>The dead-letter reason of the record read from <paramref name="source"/>, if it was dead-lettered.</summary>
    public string? DeadLetterReason(string source)
    {
        lock (_gate)
        {
            return _deadLetters.GetValueOrDefault(source);
        }
    }

    public (int EventIds, int DeadLetters, int TooLate) Counts()
    {
        lock (_gate)
        {
            return (_eventIds.Count, _deadLetters.Count, _deadLetters.Values.Count(r => r == RejectionReasons.TooLate));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run(string bootstrap, string eventsTopic, string deadLetterTopic)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "chaos-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe([eventsTopic, deadLetterTopic]);
        while (!_stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { } record)
            {
                continue;
            }

            if (record.Topic == eventsTopic)
            {
                var eventId = JsonSerializer.Deserialize(record.Message.Value, GovernanceJsonContext.Default.CreatorEvent)!.EventId;
                Interlocked.Increment(ref _normalizedRecords);
                lock (_gate)
                {
                    _eventIds.Add(eventId);
                }
            }
            else
            {
                var source = Source(
                    Header(record, DeadLetterHeaders.SourceTopic),
                    int.Parse(Header(record, DeadLetterHeaders.SourcePartition), CultureInfo.InvariantCulture),
                    long.Parse(Header(record, DeadLetterHeaders.SourceOffset), CultureInfo.InvariantCulture));
                lock (_gate)
                {
                    _deadLetters[source] = Header(record, DeadLetterHeaders.Reason);
                }
            }
        }

        consumer.Close();
    }

    private static string Header(ConsumeResult<string, byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";
}
