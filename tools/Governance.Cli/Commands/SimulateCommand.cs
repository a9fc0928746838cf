using System.CommandLine;
using System.Diagnostics;
using Confluent.Kafka;
using Governance.Cli.Simulation;
using Governance.Contracts;
using Governance.Kafka;
using Governance.SampleData.Simulation;

namespace Governance.Cli.Commands;

/// <summary>
/// <c>governance simulate</c>: a labelled marketplace stream (shared/Governance.SampleData/Simulation)
/// to a JSON-lines file or, paced in real time, to the input topics, with its ground truth.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write raw input records as JSON lines (the format of `sample --out` and `rules backtest --events`)." };
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Produce to the input topics of this Kafka, paced in real time (default: KAFKA_BOOTSTRAP_SERVERS when --out is not given)." };
        var truth = new Option<FileInfo?>("--truth") { Description = "Write the ground truth here: JSON lines, or CSV when the name ends in .csv." };
        var rate = new Option<double>("--rate") { Description = "Events per second (of event time, and of wall-clock time when producing).", DefaultValueFactory = _ => 20 };
        var duration = new Option<string>("--duration") { Description = "Event time covered, e.g. 10h or 90m.", DefaultValueFactory = _ => "10h" };
        var seed = new Option<int>("--seed") { Description = "Seed: the same options and seed give the same stream and truth.", DefaultValueFactory = _ => 1 };
        var creators = new Option<int>("--creators") { Description = "Creators on the marketplace (Zipf-skewed activity).", DefaultValueFactory = _ => 2_000 };
        var lag = new Option<string[]>("--lag") { Description = "Delay one source behind its event time, e.g. transactions=30m (repeatable).", AllowMultipleArgumentsPerToken = false };
        var start = new Option<DateTimeOffset?>("--start") { Description = "Event time of the start (default: 2026-11-02T08:00Z for files, now when producing)." };
        var prefix = new Option<string>("--id-prefix") { Description = "Prefix of creator and event ids.", DefaultValueFactory = _ => "sim" };
        var command = new Command("simulate", "Generate a realistic labelled stream: skewed creators, English and Spanish, injected abuse and honest traps, with its ground truth.")
        {
            output, bootstrap, truth, rate, duration, seed, creators, lag, start, prefix,
        };
        command.SetAction((parse, token) =>
        {
            SimulationOptions options;
            try
            {
                var lags = SimulationArguments.ParseLags(parse.GetValue(lag) ?? []);
                var file = parse.GetValue(output);
                options = new SimulationOptions
                {
                    Seed = parse.GetValue(seed),
                    Creators = parse.GetValue(creators),
                    Rate = parse.GetValue(rate),
                    Duration = SimulationArguments.ParseDuration(parse.GetValue(duration)!, "--duration"),
                    Start = parse.GetValue(start) ?? (file is null ? DateTimeOffset.UtcNow : new SimulationOptions().Start),
                    IdPrefix = parse.GetValue(prefix)!,
                    ContentLag = lags.Content,
                    TransactionLag = lags.Transactions,
                };
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return Task.FromResult(2);
            }

            var simulation = new MarketplaceSimulation(options);
            if (parse.GetValue(truth) is { } truthFile)
            {
                TruthFile.Write(truthFile.FullName, simulation.Truth);
            }

            if (parse.GetValue(output) is { } outFile)
            {
                return Task.FromResult(WriteFile(simulation, outFile));
            }

            var servers = parse.GetValue(bootstrap) ?? Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
            if (string.IsNullOrWhiteSpace(servers))
            {
                Console.Error.WriteLine("Nowhere to write: pass --out FILE, or --bootstrap host:port (or set KAFKA_BOOTSTRAP_SERVERS).");
                return Task.FromResult(2);
            }

            return Task.Run(() => Produce(simulation, options, servers, token), token);
        });
        return command;
    }

    private static int WriteFile(MarketplaceSimulation simulation, FileInfo file)
    {
        using var writer = new StreamWriter(file.FullName);
        var tally = new SimulationTally();
        foreach (var record in simulation.Deliveries())
        {
            writer.WriteLine(record.Record.Value);
            tally.Add(record);
        }

        Console.Error.WriteLine($"wrote {tally} to {file.FullName}; {Describe(simulation)}");
        return 0;
    }

    /// <summary>Produces each record when the wall clock reaches its arrival time (one second of event time per second).</summary>
    private static int Produce(MarketplaceSimulation simulation, SimulationOptions options, string servers, CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = servers, EnableIdempotence = true, LingerMs = 5 }).Build();
        var clock = Stopwatch.StartNew();
        var tally = new SimulationTally();
        var reported = TimeSpan.Zero;
        Console.Error.WriteLine($"producing to {Topics.Content} and {Topics.Transactions} at {servers}; {Describe(simulation)}");
        foreach (var record in simulation.Deliveries())
        {
            var ahead = record.ArrivesAt - options.Start - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(2))
            {
                // Sleeping per record would cap the rate at ~1,000/s; a batch of records shares one wait.
                cancellationToken.WaitHandle.WaitOne(ahead);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            producer.Produce(record.Record.Topic, new Message<string, string> { Key = record.Record.Key, Value = record.Record.Value });
            tally.Add(record);
            if (clock.Elapsed - reported > TimeSpan.FromSeconds(30))
            {
                reported = clock.Elapsed;
                Console.Error.WriteLine($"{clock.Elapsed:hh\\:mm\\:ss} {tally}");
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        Console.Error.WriteLine($"produced {tally} in {clock.Elapsed.TotalSeconds:0} s");
        return cancellationToken.IsCancellationRequested ? 130 : 0;
    }

    private static string Describe(MarketplaceSimulation simulation) =>
        $"{simulation.Truth.Count(t => t.IsAbuse)} abusive creators ({simulation.Truth.Select(t => t.Pattern).Distinct().Count(p => Patterns.Abuse.Contains(p))} patterns), " +
        $"{simulation.Truth.Count(t => !t.IsAbuse)} honest traps";
}
