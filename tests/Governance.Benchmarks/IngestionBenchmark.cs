using System.Text;
using Governance.Contracts;
using Governance.Hosting;
using Governance.Validation;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Governance.Ingestion;
using Governance.Ingestion.Pipeline;
using Governance.Kafka;
using Governance.LocalKafka;
using Governance.SampleData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Benchmarks;

/// <summary>
/// Ingestion throughput against the bare consume→produce loop on the same broker, in the same process.
/// The feeder runs concurrently and stays at most <c>window</c> records ahead (the mock cluster keeps only
/// ~5 MB per partition, so input must be consumed while it is produced).
/// </summary>
internal sealed class IngestionBenchmark(string bootstrap, MockKafkaCluster? mock, int eventCount, int partitions, int window)
{
    private const int Warmup = 20_000;
    private const int BatchSize = 2_000;

    // Scaled down from the 256 KiB default, below the generator's too-large records (TooLargeBytes), so
    // that those do not flood the mock cluster's few MB per partition.
    private const int MaxRecordBytes = 16 * 1024;

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"generating {eventCount:N0} events (2 % invalid, Zipf-skewed creators, EN/ES text) ...");
        var events = new SampleEventGenerator(new SampleEventOptions { Creators = 100_000, InvalidShare = 0.02, TooLargeBytes = 20_000, Start = DateTimeOffset.UtcNow.AddHours(-12) })
            .Generate().Take(eventCount)
            .Select(e => new FeedEvent(e.Topic == Topics.Content, Encoding.UTF8.GetBytes(e.Key), Encoding.UTF8.GetBytes(e.Value)))
            .ToArray();
        Console.WriteLine($"average record {events.Average(e => e.Value.Length):0} bytes; broker {(mock is null ? bootstrap : "librdkafka mock cluster (3 brokers, in-process)")}; {partitions} partitions per topic; 2 cores");

        var (normalize, prepare) = MeasureInMemory(events);
        var bare = await MeasureAsync("bare consume→produce loop", events, (topics, progress, token) =>
            new BareLoop(bootstrap, topics, BatchSize, progress).Run(token));
        var ingestion = await MeasureAsync("ingestion (validate + normalize)", events, RunIngestion);

        Console.WriteLine();
        Console.WriteLine($"{"run",-34} {"events/s",12} {"alloc B/event (loop thread)",28} {"alloc B/event (process)",24} {"CPU µs/event",13}");
        foreach (var r in new[] { bare, ingestion })
        {
            Console.WriteLine($"{r.Name,-34} {r.EventsPerSecond,12:N0} {r.WorkerBytesPerEvent,28:N0} {r.ProcessBytesPerEvent,24:N0} {r.CpuMicrosPerEvent,13:N1}");
        }

        var ratio = ingestion.EventsPerSecond / bare.EventsPerSecond;
        var allocation = ingestion.ProcessBytesPerEvent / bare.ProcessBytesPerEvent;
        Console.WriteLine($"ratio ingestion / bare loop = {ratio:0.00} (target >= 0.90: {(ratio >= 0.9 ? "met" : "NOT met")})");
        Console.WriteLine($"process allocation ingestion / bare loop = {allocation:0.00} (target <= 1.50: {(allocation <= 1.5 ? "met" : "NOT met")})");
        Console.WriteLine();
        Console.WriteLine("where the time goes, µs and bytes allocated per event:");
        Console.WriteLine($"  validate + normalize alone (EventNormalizer, one thread, in memory) {normalize.Micros,8:0.00} µs {normalize.Bytes,7:N0} B");
        Console.WriteLine($"  the pipeline's whole Prepare (+ keys, messages, trace headers)     {prepare.Micros,8:0.00} µs {prepare.Bytes,7:N0} B");
        Console.WriteLine($"  ingestion's CPU beyond the bare loop's (both threads, Kafka runs)  {ingestion.CpuMicrosPerEvent - bare.CpuMicrosPerEvent,8:0.00} µs {ingestion.ProcessBytesPerEvent - bare.ProcessBytesPerEvent,7:N0} B");
        return 0;
    }

    /// <summary>
    /// The loop thread's own work without Kafka: the normalizer alone, then the pipeline's whole Prepare
    /// (what the loop thread does per batch). Nothing is delivered here, so Prepare's output arrays are
    /// never returned to its pool: its bytes are what it allocates without the pool.
    /// </summary>
    private static (PhaseFigure Normalize, PhaseFigure Prepare) MeasureInMemory(FeedEvent[] events)
    {
        var topics = new BenchmarkTopics("content", "transactions", "out", "dead");
        var normalizer = new EventNormalizer(new ValidationLimits { MaxRecordBytes = MaxRecordBytes }, TimeProvider.System);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var telemetry = new IngestionTelemetry(services.GetRequiredService<IMeterFactory>());
        var pipeline = CreatePipeline(topics, "bench-in-memory", "localhost:9092", telemetry);
        var batches = events.Chunk(BatchSize)
            .Select(chunk => chunk.Select((e, i) => new ConsumeResult<byte[], byte[]>
            {
                Topic = e.Content ? topics.Content : topics.Transactions,
                Offset = i,
                Message = new Message<byte[], byte[]> { Key = e.Key, Value = e.Value },
            }).ToList())
            .ToList();
        // A warm-up pass (JIT tiers), then the faster of two timed passes: the machine's noise only adds time.
        PhaseFigure normalize = new(double.MaxValue, 0), prepare = new(double.MaxValue, 0);
        for (var pass = 0; pass < 3; pass++)
        {
            var n = Time(events.Length, () =>
            {
                foreach (var e in events)
                {
                    normalizer.TryNormalize(e.Value, e.Content ? EventSource.Content : EventSource.Transaction, out _, out _, e.Key);
                }
            });
            var p = Time(events.Length, () =>
            {
                foreach (var batch in batches)
                {
                    pipeline.Prepare(batch);
                }
            });
            if (pass > 0)
            {
                normalize = n.Micros < normalize.Micros ? n : normalize;
                prepare = p.Micros < prepare.Micros ? p : prepare;
            }
        }

        return (normalize, prepare);

        static PhaseFigure Time(int count, Action work)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            work();
            return new PhaseFigure(clock.Elapsed.TotalMicroseconds / count, (double)(GC.GetAllocatedBytesForCurrentThread() - bytes) / count);
        }
    }

    private static IngestionPipeline CreatePipeline(BenchmarkTopics topics, string group, string bootstrap, IngestionTelemetry telemetry) => new(
        Options.Create(new IngestionOptions
        {
            GroupId = group,
            ContentTopic = topics.Content,
            TransactionsTopic = topics.Transactions,
            OutputTopic = topics.Output,
            DeadLetterTopic = topics.DeadLetter,
            BatchSize = BatchSize,
            Limits = new ValidationLimits { MaxRecordBytes = MaxRecordBytes },
        }),
        Options.Create(new KafkaSettings { BootstrapServers = bootstrap }),
        telemetry,
        new LoopHealth(TimeProvider.System),
        TimeProvider.System,
        NullLogger<IngestionPipeline>.Instance);

    private void RunIngestion(BenchmarkTopics topics, Action<int> progress, CancellationToken token)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var telemetry = new IngestionTelemetry(services.GetRequiredService<IMeterFactory>());
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestionTelemetry.Name && instrument.Name == "governance.ingestion.records.in")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => progress((int)value));
        listener.Start();
        CreatePipeline(topics, "bench-ingestion", bootstrap, telemetry).Run(token);
    }

    private async Task<RunResult> MeasureAsync(string name, FeedEvent[] events, Action<BenchmarkTopics, Action<int>, CancellationToken> loop)
    {
        var topics = await BenchmarkTopics.CreateAsync(bootstrap, mock, Guid.NewGuid().ToString("N")[..8], partitions);
        long processed = 0;
        long workerAllocated = 0;
        using var stop = new CancellationTokenSource();
        var worker = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            loop(topics, n => Interlocked.Add(ref processed, n), stop.Token);
            workerAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }) { Name = name };
        worker.Start();
        var feeder = new Thread(() => Feed(topics, events, () => Interlocked.Read(ref processed))) { Name = "feeder" };
        var processBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        feeder.Start();

        Console.Write($"{name}: ");
        while (Interlocked.Read(ref processed) < Warmup)
        {
            await Task.Delay(5);
        }

        var from = Interlocked.Read(ref processed);
        var clock = Stopwatch.StartNew();
        var lastReport = 0L;
        while (Interlocked.Read(ref processed) < events.Length)
        {
            await Task.Delay(5);
            if (clock.ElapsedMilliseconds - lastReport > 5_000)
            {
                lastReport = clock.ElapsedMilliseconds;
                Console.Write($"{Interlocked.Read(ref processed):N0} ");
            }
        }

        var measured = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var processAllocated = GC.GetTotalAllocatedBytes(precise: true) - processBefore;
        stop.Cancel();
        worker.Join();
        feeder.Join();
        Console.WriteLine($"done, {events.Length:N0} events");
        return new RunResult(name, events.Length, measured, events.Length - from, (double)workerAllocated / events.Length, (double)processAllocated / events.Length, cpu.TotalMicroseconds / events.Length);
    }

    private void Feed(BenchmarkTopics topics, FeedEvent[] events, Func<long> processed)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap, LingerMs = 5, CompressionType = CompressionType.Lz4, QueueBufferingMaxMessages = 500_000,
        }).Build();
        for (var i = 0; i < events.Length; i++)
        {
            while (i - processed() > window)
            {
                Thread.Sleep(1);
            }

            var e = events[i];
            producer.Produce(e.Content ? topics.Content : topics.Transactions, new Message<byte[], byte[]> { Key = e.Key, Value = e.Value });
        }

        producer.Flush(TimeSpan.FromMinutes(2));
    }
}
