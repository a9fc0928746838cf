using System.Diagnostics;
using System.Text.Json;
using Governance.Contracts;
using Governance.LocalKafka;
using Governance.Redis;
using Governance.Rules.Packs;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Benchmarks;

/// <summary>
/// The signal worker end to end (Kafka → rules + windows in Redis → RabbitMQ) against a bare loop that
/// makes the same Redis writes without evaluating rules, then a steady phase at a fixed rate with refund
/// bursts for event-to-signal latency, then Redis memory per creator. Figures, not pass/fail.
/// </summary>
internal sealed class SignalsBenchmark(string bootstrap, MockKafkaCluster? mock, SignalsBenchmarkOptions options)
{
    /// <summary>The Redis of <c>scripts/infra.sh</c>, or <c>REDIS_CONFIGURATION</c> (e.g. the local Redis Cluster's masters).</summary>
    public static string RedisConfiguration { get; } = Environment.GetEnvironmentVariable("REDIS_CONFIGURATION") is { Length: > 0 } c ? c : "127.0.0.1:6379";
    private const string RabbitHost = "127.0.0.1";
    private const int Warmup = 20_000;

    public async Task<int> RunAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var steadyEvents = options.Rate * options.Seconds;
        var warmupEvents = options.Rate * options.WarmupSeconds;
        Console.WriteLine($"generating {options.Events:N0} + {warmupEvents:N0} + {steadyEvents:N0} events (100,000 Zipf-skewed creators, normalized as ingestion does; {options.Bursts} refund-burst creators in the steady part) ...");
        var stream = SignalStream.Create(options.Events, warmupEvents, steadyEvents, options.Bursts, options.Rate, run);
        var rulesPath = Path.Combine(BenchmarkPaths.RepositoryRoot(), "rules");
        var compilation = RulePackCompiler.Compile(RulePackFiles.Read(rulesPath));
        if (!compilation.IsValid)
        {
            throw new InvalidOperationException("the default rule pack does not compile:\n" + string.Join("\n", compilation.Errors));
        }

        var planning = Stopwatch.StartNew();
        var plans = PlanRecorder.Plan(compilation.Pack!, stream.Throughput);
        var steadyKeys = stream.Steady.Select(SignalKey).ToArray();
        Console.WriteLine($"average record {stream.Throughput.Average(r => r.Value.Length):0} bytes; {stream.Throughput.Length * stream.Spacing.TotalSeconds:0} s of event time ({1 / stream.Spacing.TotalSeconds:N0} events/s); "
            + $"{compilation.Pack!.Rules.Count} rules plan {plans.Average(p => p.Updates.Updates.Count):0.00} state updates per event (dry run {planning.Elapsed.TotalSeconds:0.0} s); "
            + $"broker {(mock is null ? bootstrap : "librdkafka mock cluster (3 brokers, in-process)")}; {options.Partitions} partitions; {Environment.ProcessorCount} cores");
        Console.WriteLine(options.Describe());

        using var admin = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration + ",allowAdmin=true");
        var masters = admin.GetServers().Count(s => !s.IsReplica);
        Console.WriteLine($"redis {RedisConfiguration}: {(admin.GetServers().Any(s => s.ServerType == ServerType.Cluster) ? $"cluster of {masters} masters (Redis figures summed over them)" : "single node")}");
        var stats = new RedisStats(admin);
        var barePrefix = $"bench-{run}-bare";
        var workerPrefix = $"bench-{run}-signals";
        try
        {
            var bare = await MeasureBareAsync(stream, plans, stats, barePrefix, run);
            await stats.DeleteAsync(barePrefix);
            var worker = await MeasureWorkerAsync(stream, steadyKeys, stats, workerPrefix, rulesPath, run);
            SignalsReport.Print(options, bare, worker, stream.DistinctCreators);
        }
        finally
        {
            var deleted = await stats.DeleteAsync(barePrefix) + await stats.DeleteAsync(workerPrefix);
            Console.WriteLine($"cleaned up: {deleted:N0} Redis keys under {barePrefix}:* and {workerPrefix}:*");
        }

        return 0;
    }

    private async Task<PhaseCost> MeasureBareAsync(SignalStream stream, EventPlan[] plans, RedisStats stats, string prefix, string run)
    {
        var topic = $"bench.{run}.bare";
        await TopicAdmin.CreateAsync(bootstrap, mock, options.Partitions, topic);
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration);
        var inner = new HeldWindowStore(redis, new RedisOptions { Configuration = RedisConfiguration, KeyPrefix = prefix }, new WindowStoreOptions());
        var store = new TimedWindowStore(inner);
        long processed = 0;
        long batches = 0;
        using var stop = new CancellationTokenSource();
        var loop = new Thread(() => new BareWindowLoop(bootstrap, topic, store, plans, options.EffectiveBatchSize, n =>
        {
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref processed, n);
        }).Run(stop.Token)) { Name = "bare window loop" };
        loop.Start();
        using var feeder = new SignalFeeder(bootstrap, topic);
        var feeding = new Thread(() => feeder.FeedAhead(stream.Throughput, options.Window, () => Interlocked.Read(ref processed), indexHeaders: true, stop.Token)) { Name = "feeder" };
        feeding.Start();
        try
        {
            return await MeasureAsync(
                "bare window loop (same Redis writes, no rules)",
                stream.Throughput.Length,
                () => Interlocked.Read(ref processed),
                async () => new CostSample(Interlocked.Read(ref processed), Stopwatch.GetTimestamp(), ProcessCpu(), await stats.SnapshotAsync(), store.Apply + store.Other, inner.RoundTrips, TimeSpan.Zero, Interlocked.Read(ref batches), inner.ComputeTime));
        }
        finally
        {
            // Stopped before the connection is disposed, also when measuring failed.
            await stop.CancelAsync();
            loop.Join();
            feeding.Join();
            Console.WriteLine($"  feeder ahead of the bare loop by {feeder.AverageLead:N0} records on average (at most {options.Window:N0})");
        }
    }

    private async Task<WorkerFigures> MeasureWorkerAsync(SignalStream stream, (string CreatorId, long OccurredAtMs)[] steadyKeys, RedisStats stats, string prefix, string rulesPath, string run)
    {
        var topic = $"bench.{run}.signals";
        await TopicAdmin.CreateAsync(bootstrap, mock, options.Partitions, topic, topic + ".deadletter");
        using var meter = new SignalsMeter();
        var memoryBefore = await stats.UsedMemoryAsync();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        await using var worker = await SignalsWorkerHost.StartAsync(bootstrap, topic, prefix, rulesPath, options.WorkerSettings);
        using var feeder = new SignalFeeder(bootstrap, topic);

        async Task<CostSample> Sample() => new(
            meter.Events, Stopwatch.GetTimestamp(), ProcessCpu(), await stats.SnapshotAsync(), worker.Store.Apply + worker.Store.Other, worker.RoundTrips, meter.BatchTime, meter.Batches, worker.StoreCompute);

        using var stop = new CancellationTokenSource();
        var feeding = new Thread(() => feeder.FeedAhead(stream.Throughput, options.Window, () => meter.Events, indexHeaders: false, stop.Token)) { Name = "feeder" };
        feeding.Start();
        PhaseCost throughput;
        try
        {
            throughput = await MeasureAsync("signal worker (Kafka → rules + Redis → RabbitMQ)", stream.Throughput.Length, () => meter.Events, Sample);
        }
        finally
        {
            await stop.CancelAsync();
            feeding.Join();
            Console.WriteLine($"  feeder ahead of the worker by {feeder.AverageLead:N0} records on average (at most {options.Window:N0})");
        }

        // After a full collection the heap's growth since the worker started is mostly its held window state.
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Console.WriteLine($"  worker holds {worker.HeldCreators:N0} creators; managed heap grew {heapGrowth / 1048576.0:N0} MiB since it started ({(double)heapGrowth / Math.Max(1, worker.HeldCreators):N0} B per held creator)");

        // Steady phase: same deployment (its epoch lies hours back in event time), a fixed input rate.
        await using var probe = await SignalProbe.StartAsync(RabbitHost);
        var delivery = new KafkaDeliveryProbe(bootstrap, topic, options.Partitions, options.ConsumerSettings);
        using var stopDelivery = new CancellationTokenSource();
        var deliveryThread = new Thread(() => delivery.Run(stopDelivery.Token)) { Name = "delivery probe" };
        deliveryThread.Start();
        await Task.Delay(1_000);
        var publishedBefore = meter.Published;
        var anchor = (DateTimeOffset.UtcNow, Stopwatch.GetTimestamp());
        long[] produced = [];
        var pacing = new Thread(() => produced = feeder.FeedPaced(stream.Steady, options.Rate)) { Name = "paced feeder" };
        pacing.Start();

        // The warm-up runs the signal path (publish, confirm) before timing: the JIT compiles ~3,200 methods in
        // the first 10 s at this rate (2.4 s of compilation on the shared cores), which a deployment that has
        // been up for a minute has done.
        var warmupJit = JitActivity.Now();
        Console.Write($"steady {options.Rate:N0} events/s: warm-up {options.WarmupSeconds} s with {stream.WarmupBursts} refund bursts, untimed (");
        var warmupEnds = Stopwatch.StartNew();
        while (meter.Events < stream.Throughput.Length + stream.WarmupRecords && warmupEnds.Elapsed < TimeSpan.FromSeconds(options.WarmupSeconds + 60))
        {
            await Task.Delay(20);
        }

        Console.Write($"{warmupJit.Since()}), then {options.Seconds} s with {options.Bursts} refund bursts: ");
        var from = await Sample();
        meter.TakeLongestBatch();
        meter.TakeInputAges();
        delivery.CountFromNow();
        var stalls = new StallWatch(stats);
        var jit = JitActivity.Now();
        using var stopStalls = new CancellationTokenSource();
        var watching = stalls.RunAsync(stopStalls.Token);
        var clock = Stopwatch.StartNew();
        var lastReport = 0L;
        var expected = stream.Throughput.Length + stream.Steady.Length;
        while (meter.Events < expected && clock.Elapsed < TimeSpan.FromSeconds(options.Seconds + 60))
        {
            await Task.Delay(20);
            if (clock.ElapsedMilliseconds - lastReport > 5_000)
            {
                lastReport = clock.ElapsedMilliseconds;
                Console.Write($"{meter.Events - stream.Throughput.Length - stream.WarmupRecords:N0} ");
            }
        }

        pacing.Join();
        var to = await Sample();
        var longestBatch = meter.TakeLongestBatch();
        var inputAges = meter.TakeInputAges();
        await stopDelivery.CancelAsync();
        deliveryThread.Join();
        // Every event is processed; the last signals may still be on their way from RabbitMQ.
        var drain = Stopwatch.StartNew();
        while (probe.Received.Count < meter.Published - publishedBefore && drain.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        await Task.Delay(500);
        await stopStalls.CancelAsync();
        await watching;

        Console.WriteLine($"done, {meter.Published - publishedBefore} signals published (warm-up included), {probe.Received.Count} received; {jit.Since()}");
        var latency = SignalLatency.Match(probe.Received, steadyKeys, produced, anchor, TimeSpan.FromSeconds(options.WarmupSeconds));
        var memoryAfter = await stats.UsedMemoryAsync();
        var usage = await stats.UsageByKindAsync(prefix);
        return new WorkerFigures(throughput, new PhaseCost("steady", from, to), latency, delivery.Milliseconds, longestBatch, inputAges, memoryAfter - memoryBefore, usage, stalls);
    }

    private static async Task<PhaseCost> MeasureAsync(string name, long total, Func<long> processed, Func<Task<CostSample>> sample)
    {
        Console.Write($"{name}: ");
        var start = processed();
        while (processed() - start < Warmup)
        {
            await Task.Delay(5);
        }

        var from = await sample();
        var clock = Stopwatch.StartNew();
        var lastReport = 0L;
        while (processed() - start < total)
        {
            await Task.Delay(5);
            if (clock.ElapsedMilliseconds - lastReport > 5_000)
            {
                lastReport = clock.ElapsedMilliseconds;
                Console.Write($"{processed() - start:N0} ");
            }
        }

        var to = await sample();
        Console.WriteLine($"done, {total:N0} events");
        return new PhaseCost(name, from, to);
    }

    private static (string CreatorId, long OccurredAtMs) SignalKey(SignalRecord record)
    {
        var e = JsonSerializer.Deserialize(record.Value, GovernanceJsonContext.Default.CreatorEvent)!;
        return (e.CreatorId, e.OccurredAt.ToUnixTimeMilliseconds());
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
