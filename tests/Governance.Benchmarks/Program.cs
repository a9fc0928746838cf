using System.CommandLine;
using Governance.Benchmarks;
using Governance.Kafka;
using Governance.LocalKafka;

var events = new Option<int>("--events") { Description = "Events per measured run.", DefaultValueFactory = _ => 1_000_000 };
var partitions = new Option<int>("--partitions") { Description = "Partitions per topic.", DefaultValueFactory = _ => 6 };
var window = new Option<int>("--window") { Description = "Most records the feeder may be ahead of the loop.", DefaultValueFactory = _ => 60_000 };
var ingestion = new Command("ingestion", "Ingestion events/s against the bare consume→produce loop (target ratio >= 0.7).") { events, partitions, window };
ingestion.SetAction(async (parse, _) =>
{
    KafkaNativeLibrary.EnsureLoaded();
    var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
    using var mock = string.IsNullOrWhiteSpace(external) ? MockKafkaCluster.Start(3) : null;
    var bootstrap = external is { Length: > 0 } ? external : mock!.BootstrapServers;
    return await new IngestionBenchmark(bootstrap, mock, parse.GetValue(events), parse.GetValue(partitions), parse.GetValue(window)).RunAsync();
});

var signalEvents = new Option<int>("--events") { Description = "Events of each throughput run (worker and bare loop).", DefaultValueFactory = _ => 400_000 };
// One partition per mock broker: the mock finds a fetch's offset by walking every message set its partition
// retains (rd_kafka_mock_msgset_find), so with 6 partitions at 5,000 events/s it took a third of a core and
// set the latency tail (docs/benchmarks.md, "The mock broker's share"). A real broker indexes offsets.
var signalPartitions = new Option<int>("--partitions") { Description = "Partitions of the input topic (default one per mock broker: the mock's fetch cost grows with partitions).", DefaultValueFactory = _ => 3 };
var rate = new Option<int>("--rate") { Description = "Input rate of the latency run (events/s).", DefaultValueFactory = _ => 5_000 };
var seconds = new Option<int>("--seconds") { Description = "Length of the latency run.", DefaultValueFactory = _ => 25 };
var bursts = new Option<int>("--bursts") { Description = "Refund-burst creators in the latency run (one signal each).", DefaultValueFactory = _ => 400 };
var steadyWarmup = new Option<int>("--steady-warmup")
{
    Description = "Seconds fed at the latency run's rate, with refund bursts of their own, before it is timed (the signal path's first JIT compilations; at least 2).",
    DefaultValueFactory = _ => 10,
};
steadyWarmup.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < 2)
    {
        result.AddError("--steady-warmup must be at least 2 s: the worker declares its RabbitMQ topology on its first publish.");
    }
});
var fetchWait = new Option<int?>("--fetch-wait-ms") { Description = "The worker's fetch.wait.max.ms (default: the deployment's 20; the mock cluster holds an empty fetch that long)." };
var batchMaxWait = new Option<int?>("--batch-max-wait-ms") { Description = "The worker's Signals:BatchMaxWait (default: the deployment's)." };
var batchSize = new Option<int?>("--batch-size") { Description = "The worker's and the bare loop's Signals:BatchSize (default: the deployment's)." };
var signals = new Command("signals", "Signal worker events/s, Redis round trips and memory, event→signal latency, against a bare loop of the same Redis writes.")
{
    signalEvents, signalPartitions, window, rate, seconds, bursts, steadyWarmup, fetchWait, batchMaxWait, batchSize,
};
signals.SetAction(async (parse, _) =>
{
    KafkaNativeLibrary.EnsureLoaded();
    var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
    using var mock = string.IsNullOrWhiteSpace(external) ? MockKafkaCluster.Start(3) : null;
    var bootstrap = external is { Length: > 0 } ? external : mock!.BootstrapServers;
    var options = new SignalsBenchmarkOptions(parse.GetValue(signalEvents), parse.GetValue(signalPartitions), parse.GetValue(window), parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(bursts), parse.GetValue(steadyWarmup),
        parse.GetValue(fetchWait), parse.GetValue(batchMaxWait), parse.GetValue(batchSize));
    return await new SignalsBenchmark(bootstrap, mock, options).RunAsync();
});

var alertSignals = new Option<int>("--signals") { Description = "Signals per throughput run (service and bare loop).", DefaultValueFactory = _ => 20_000 };
var alertRate = new Option<int>("--rate") { Description = "Signals/s of the latency run.", DefaultValueFactory = _ => 1_000 };
var alertSeconds = new Option<int>("--seconds") { Description = "Length of the latency run.", DefaultValueFactory = _ => 10 };
var alertWarmUp = new Option<int>("--warmup") { Description = "Signals a service instance and a bare loop of their own drain first, untimed (0: none).", DefaultValueFactory = _ => 5_000 };
var alerting = new Command("alerting", "Alerting signals/s end to end (RabbitMQ → PostgreSQL → RabbitMQ), signal→queue latency, against a bare consume → insert → send loop.")
{
    alertSignals, alertRate, alertSeconds, alertWarmUp,
};
alerting.SetAction(async (parse, _) => await new AlertingBenchmark(parse.GetValue(alertSignals), parse.GetValue(alertRate), parse.GetValue(alertSeconds), parse.GetValue(alertWarmUp)).RunAsync());

var soakHours = new Option<double>("--hours") { Description = "Event time to run through.", DefaultValueFactory = _ => 26 };
var soakRate = new Option<int>("--rate") { Description = "Events/s of the whole marketplace (event-time density).", DefaultValueFactory = _ => 5_000 };
var soakSample = new Option<int>("--sample") { Description = "Keep every Nth creator by Zipf rank (from --offset), each at its full rate.", DefaultValueFactory = _ => 20 };
var soakOffset = new Option<int>("--offset") { Description = "Rank of the first kept creator (0: the busiest).", DefaultValueFactory = _ => 5 };
var soakCreators = new Option<int>("--creators") { Description = "Creators of the whole marketplace (Zipf-skewed).", DefaultValueFactory = _ => 100_000 };
var soak = new Command("soak", "Worker heap and Redis memory per hour of event time at a real marketplace's density (bounded state).")
{
    soakHours, soakRate, soakSample, soakOffset, soakCreators,
};
soak.SetAction(async (parse, _) => await new SoakBenchmark(parse.GetValue(soakHours), parse.GetValue(soakRate), parse.GetValue(soakSample), parse.GetValue(soakOffset), parse.GetValue(soakCreators)).RunAsync());

return await new RootCommand("Creator Governance benchmarks (figures, not pass/fail tests).") { ingestion, signals, alerting, soak }.Parse(args).InvokeAsync();
