using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Governance.Cli.Watch;

/// <summary>
/// Consumer lag per service: for ingestion and the signal workers, the topics' high-water marks minus
/// their group's committed offsets (Kafka AdminClient); for alerting, the messages in its queue
/// (management API: ready and unacknowledged; without it, a passive declare: ready only).
/// </summary>
internal sealed class LagProbe(IAdminClient admin, WatchOptions options, RabbitTap? rabbit, HttpClient http)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private List<TopicPartition>? _input;
    private List<TopicPartition>? _events;

    public async Task<Lags> ProbeAsync(CancellationToken cancellationToken)
    {
        var ingestion = await GroupLagAsync(options.IngestionGroup, () => _input ??= KafkaPartitions.Of(admin, [options.Topics.Content, options.Topics.Transactions]));
        var signals = await GroupLagAsync(options.SignalsGroup, () => _events ??= KafkaPartitions.Of(admin, [options.Topics.Events]));
        var alerting = await QueueDepthAsync(cancellationToken);
        return new Lags(ingestion, signals, alerting);
    }

    /// <summary>Records behind: high-water mark minus committed offset, summed; a partition the group never committed counts from 0. Null when unknown.</summary>
    internal static long? Lag(IReadOnlyDictionary<TopicPartition, long> ends, IReadOnlyDictionary<TopicPartition, long> committed) =>
        committed.Count == 0 ? null : ends.Sum(e => Math.Max(0, e.Value - committed.GetValueOrDefault(e.Key)));

    /// <summary>The partitions' high-water marks now; null when Kafka does not answer.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, long>?> EndsAsync(IEnumerable<TopicPartition> partitions)
    {
        try
        {
            return (await admin.ListOffsetsAsync(partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }), new ListOffsetsOptions { RequestTimeout = Timeout }))
                .ResultInfos.ToDictionary(r => r.TopicPartitionOffsetError.TopicPartition, r => r.TopicPartitionOffsetError.Offset.Value);
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    /// <summary>The events topic's high-water marks now; null when Kafka does not answer.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, long>?> EventsEndsAsync()
    {
        try
        {
            return await EndsAsync(_events ??= KafkaPartitions.Of(admin, [options.Topics.Events]));
        }
        catch (KafkaException)
        {
            _events = null;
            return null;
        }
    }

    /// <summary>What the group has not committed yet of the records before <paramref name="ends"/>; null when unknown.</summary>
    public async Task<long?> BehindAsync(string group, IReadOnlyDictionary<TopicPartition, long> ends)
    {
        try
        {
            var offsets = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, [.. ends.Keys])], new ListConsumerGroupOffsetsOptions { RequestTimeout = Timeout });
            var committed = offsets.SelectMany(o => o.Partitions).Where(p => !p.Error.IsError && p.Offset.Value >= 0)
                .ToDictionary(p => p.TopicPartition, p => p.Offset.Value);
            return Lag(ends, committed);
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    private async Task<long?> GroupLagAsync(string group, Func<List<TopicPartition>> partitions)
    {
        try
        {
            if (await EndsAsync(partitions()) is { } ends)
            {
                return await BehindAsync(group, ends);
            }
        }
        catch (KafkaException)
        {
            // metadata: the topics are looked up again next time
        }

        _input = _events = null;
        return null;
    }

    private async Task<long?> QueueDepthAsync(CancellationToken cancellationToken)
    {
        if (options.Rabbit.Management is { } management)
        {
            try
            {
                var vhost = Uri.EscapeDataString(options.Rabbit.VirtualHost);
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(management, $"api/queues/{vhost}/{Uri.EscapeDataString(options.Rabbit.SignalQueue)}"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Rabbit.User}:{options.Rabbit.Password}")));
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    if (body.RootElement.TryGetProperty("messages", out var messages) && messages.TryGetInt64(out var depth))
                    {
                        return depth;
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                // fall back to the passive declare
            }
        }

        return rabbit is null ? null : await rabbit.ReadyInSignalQueueAsync(cancellationToken);
    }
}
