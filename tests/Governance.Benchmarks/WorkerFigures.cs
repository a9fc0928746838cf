namespace Governance.Benchmarks;

/// <summary>The worker's figures: throughput run, steady run with its latencies, and Redis memory of its prefix.</summary>
internal sealed record WorkerFigures(
    PhaseCost Throughput,
    PhaseCost Steady,
    SignalLatency Latency,
    IReadOnlyList<double> KafkaDelivery,
    TimeSpan LongestSteadyBatch,
    IReadOnlyDictionary<string, List<double>> InputAges,
    long UsedMemoryDelta,
    IReadOnlyDictionary<string, (long Keys, long Bytes)> Usage,
    StallWatch Stalls);
