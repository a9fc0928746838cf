using System.Buffers.Binary;
using Confluent.Kafka;
using Governance.Kafka;
using Governance.Rules.Windows;

namespace Governance.Benchmarks;

/// <summary>
/// The signal worker's limit: the same consumer settings, the worker's batch size and commit-after-effects, and the
/// same Redis writes (each record's recorded <see cref="EventPlan"/>, one pipelined Lua call per creator per
/// batch), but no JSON reading, no rule evaluation, no decisions and no publishing. Records carry their
/// index in a header so the loop finds their plan without reading the value.
/// </summary>
internal sealed class BareWindowLoop(string bootstrap, string topic, IWindowStore store, EventPlan[] plans, int batchSize, Action<int> processed)
{
    public const string IndexHeader = "i";

    public void Run(CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = "bench-bare-windows", EnableAutoCommit = false, EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest, PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        }).Build();
        var reader = new BatchReader<byte[], byte[]>(consumer, batchSize, TimeSpan.FromMilliseconds(200));
        consumer.Subscribe(topic);
        var batch = new List<ConsumeResult<byte[], byte[]>>(batchSize);
        while (!cancellationToken.IsCancellationRequested)
        {
            reader.Fill(batch, () => { }, () => cancellationToken.IsCancellationRequested);
            if (batch.Count == 0)
            {
                continue;
            }

            // Grouped per creator in arrival order, as the engine groups them.
            var creators = new Dictionary<string, (List<EventUpdates> Events, HashSet<string> Rules)>(StringComparer.Ordinal);
            foreach (var record in batch)
            {
                var plan = plans[BinaryPrimitives.ReadInt32LittleEndian(record.Message.Headers.GetLastBytes(IndexHeader))];
                if (!creators.TryGetValue(plan.CreatorId, out var creator))
                {
                    creators[plan.CreatorId] = creator = ([], new HashSet<string>(StringComparer.Ordinal));
                }

                creator.Events.Add(plan.Updates with { Position = new EventPosition(record.Partition.Value, record.Offset.Value) });
                creator.Rules.UnionWith(plan.CooldownRules);
            }

            try
            {
                store.ApplyAsync([.. creators.Select(c => new CreatorUpdates(c.Key, c.Value.Events, [.. c.Value.Rules]))], NoDecisions.Instance, cancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            reader.Commit(batch);
            processed(batch.Count);
            batch.Clear();
        }

        consumer.Close();
    }

    /// <summary>The bare loop decides nothing: the same window writes (state and offsets), no rules.</summary>
    private sealed class NoDecisions : IWindowDecisions
    {
        public static NoDecisions Instance { get; } = new();

        public IReadOnlyList<DecidedSignal> Decide(int creator, CreatorOutcome outcome) => [];

        public Task DeadLetterAsync(IReadOnlyList<TooLateEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
