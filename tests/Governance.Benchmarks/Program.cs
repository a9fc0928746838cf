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

return await new RootCommand("Creator Governance benchmarks (figures, not pass/fail tests).") { ingestion }.Parse(args).InvokeAsync();
