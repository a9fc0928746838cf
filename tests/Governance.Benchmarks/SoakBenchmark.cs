using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Governance.Contracts;
using Governance.Redis;
using Governance.Rules;
using Governance.Rules.Engine;
using Governance.Rules.Packs;
using Governance.Rules.Windows;
using Governance.SampleData;
using Governance.Validation;
using StackExchange.Redis;

namespace Governance.Benchmarks;

/// <summary>
/// Memory over a long stretch of event time at a real marketplace's density: the engine and the
/// worker's window store over Redis (the worker's code without Kafka and RabbitMQ, which hold no
/// state), fed a sample of a 5,000 events/s marketplace's creators (every <c>sample</c>-th by Zipf
/// rank from <c>offset</c>; offset 0 includes the busiest) at their full rates. Per hour of event time it prints the worker's
/// heap after a full collection, the creators held, Redis <c>used_memory</c> growth and the size of
/// the busiest creator's hash: flat figures once the windows have filled show bounded state.
/// </summary>
internal sealed class SoakBenchmark(double hours, int rate, int sample, int offset, int creators)
{
    /// <summary>The Redis of <c>scripts/infra.sh</c>, or <c>REDIS_CONFIGURATION</c> (e.g. the local Redis Cluster's masters).</summary>
    private static string RedisConfiguration { get; } = Environment.GetEnvironmentVariable("REDIS_CONFIGURATION") is { Length: > 0 } c ? c : "127.0.0.1:6379";
    private const int BatchSize = 1_000;

    public async Task<int> RunAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var prefix = $"bench-{run}-soak";
        var compilation = RulePackCompiler.Compile(RulePackFiles.Read(Path.Combine(BenchmarkPaths.RepositoryRoot(), "rules")));
        var pack = compilation.Pack ?? throw new InvalidOperationException("the default rule pack does not compile:\n" + string.Join("\n", compilation.Errors));
        var spacing = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / rate);
        var start = DateTimeOffset.UtcNow - TimeSpan.FromHours(hours) - TimeSpan.FromMinutes(1);
        var generator = new SampleEventGenerator(new SampleEventOptions
        {
            Creators = creators, InvalidShare = 0, Start = start, Spacing = spacing, EventIdPrefix = "soak-" + run,
            KeepCreator = rank => rank % sample == offset,
        });
        Console.WriteLine($"soak: {hours:0.#} h of event time of a {rate:N0} events/s marketplace ({creators:N0} Zipf-skewed creators); every {sample}th creator by Zipf rank from rank {offset} kept at its full rate; "
            + $"default pack ({pack.Rules.Count} rules); Redis {RedisConfiguration} as deployed; batches of {BatchSize:N0}");

        // Redis stalls for seconds while it rewrites a large AOF under appendfsync always (seen here at
        // 5.3 s); the worker retries such timeouts, the soak waits them out.
        using var admin = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration + ",allowAdmin=true,syncTimeout=60000,asyncTimeout=60000");
        var stats = new RedisStats(admin);
        using var store = new HeldWindowStore(admin, new RedisOptions { KeyPrefix = prefix }, new WindowStoreOptions());
        var engine = new RuleEngine(store);
        var counters = new EngineCounters();
        var normalizer = new EventNormalizer(new ValidationLimits(), TimeProvider.System);
        var busiest = $"{prefix}:{{creator-{offset:D6}}}:w";
        var memoryBefore = await stats.UsedMemoryAsync();
        var table = new List<string>();
        Console.WriteLine($"{"event h",7} {"events",12} {"events/s",9} {"signals",8} {"held creators",13} {"heap MB",8} {"Redis MB",9} {"busiest hash fields",19}");
        try
        {
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            long events = 0;
            long eventsAtReport = 0;
            long signals = 0;
            var nextHour = start + TimeSpan.FromHours(1);
            var end = start + TimeSpan.FromHours(hours);

            // Generating and normalizing run beside the engine, as ingestion does beside the worker.
            var batches = Channel.CreateBounded<List<RuleEvent>>(8);
            using var stop = new CancellationTokenSource();
            var feeding = Task.Run(() => FeedAsync(generator, normalizer, batches.Writer, stop.Token));
            await foreach (var batch in batches.Reader.ReadAllAsync())
            {
                var evaluated = await engine.EvaluateAsync(pack, batch, counters, CancellationToken.None);
                await store.ConfirmAsync(evaluated.Signals, CancellationToken.None);
                signals += evaluated.Signals.Count;
                events += batch.Count;
                var newest = batch[^1].OccurredAt;
                if (newest < nextHour && newest < end)
                {
                    continue;
                }

                var hour = (newest - start).TotalHours;
                nextHour += TimeSpan.FromHours(1);
                var wall = clock.Elapsed;
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                var redis = await stats.UsedMemoryAsync() - memoryBefore;
                var fields = await admin.GetDatabase().HashLengthAsync(busiest);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{hour,7:0} {events,12:N0} {(events - eventsAtReport) / (wall - lastReport).TotalSeconds,9:N0} {signals,8:N0} {store.CachedCreators,13:N0} {heap / 1e6,8:N0} {redis / 1e6,9:N0} {fields,19:N0}");
                Console.WriteLine(line);
                table.Add(line);
                lastReport = clock.Elapsed;
                eventsAtReport = events;
                if (newest >= end)
                {
                    break;
                }
            }

            await stop.CancelAsync();
            await feeding;

            Console.WriteLine($"done: {events:N0} events in {clock.Elapsed.TotalMinutes:0.0} min; {signals:N0} signals; too late {counters.TooLate:N0}; duplicates {counters.Duplicates:N0}; grouped-rule keys dropped at the cap {store.DroppedKeys:N0}");
            foreach (var (kind, (keys, bytes)) in await stats.UsageByKindAsync(prefix))
            {
                Console.WriteLine($"  Redis keys '{kind}': {keys:N0}, {bytes / 1e6:N1} MB (MEMORY USAGE)");
            }
        }
        finally
        {
            Console.WriteLine($"cleaned up: {await stats.DeleteAsync(prefix):N0} Redis keys under {prefix}:*");
        }

        return 0;
    }

    private static async Task FeedAsync(SampleEventGenerator generator, EventNormalizer normalizer, ChannelWriter<List<RuleEvent>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<RuleEvent>(BatchSize);
            foreach (var raw in generator.Generate())
            {
                if (!normalizer.TryNormalize(Encoding.UTF8.GetBytes(raw.Value), raw.Topic == Topics.Content ? EventSource.Content : EventSource.Transaction, out var record, out var rejection))
                {
                    throw new InvalidOperationException($"generated event {raw.EventId} was rejected: {rejection}");
                }

                batch.Add(RuleEvent.From(JsonSerializer.Deserialize(record.Value, GovernanceJsonContext.Default.CreatorEvent)!));
                if (batch.Count == BatchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                    batch = new List<RuleEvent>(BatchSize);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the soak has run its hours
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
