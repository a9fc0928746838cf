using System.CommandLine;
using System.Diagnostics;
using Confluent.Kafka;
using Governance.Cli.Simulation;
using Governance.Cli.Watch;
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
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Produce to the input topics of this Kafka, paced in real time (default: Kafka__BootstrapServers or KAFKA_BOOTSTRAP_SERVERS when --out is not given; other Kafka__Client__* / Kafka__Producer__* settings as the services read them)." };
        var truth = new Option<FileInfo?>("--truth") { Description = "Write the ground truth here: JSON lines, or CSV when the name ends in .csv." };
        var rate = new Option<double>("--rate") { Description = "Events per second (of event time, and of wall-clock time when producing).", DefaultValueFactory = _ => 20 };
        var duration = new Option<string>("--duration") { Description = "Event time covered, e.g. 10h or 90m.", DefaultValueFactory = _ => "10h" };
        var seed = new Option<int>("--seed") { Description = "Seed: the same options and seed give the same stream and truth.", DefaultValueFactory = _ => 1 };
        var creators = new Option<int>("--creators") { Description = "Creators on the marketplace (Zipf-skewed activity).", DefaultValueFactory = _ => 2_000 };
        var lag = new Option<string[]>("--lag") { Description = "Delay one source behind its event time, e.g. transactions=30m (repeatable).", AllowMultipleArgumentsPerToken = false };
        var start = new Option<DateTimeOffset?>("--start") { Description = "Event time of the start (default: 2026-11-02T08:00Z for files, now when producing)." };
        var prefix = new Option<string>("--id-prefix") { Description = "Prefix of creator and event ids.", DefaultValueFactory = _ => "sim" };
        var speed = new Option<double>("--speed") { Description = "When producing: seconds of event time per wall-clock second (60 plays 10 h in 10 min; the stream then ends at the present).", DefaultValueFactory = _ => 1 };
        var waitFor = new Option<FileInfo?>("--wait-for") { Description = "When producing: write the truth, then wait until this file exists before the first record (e.g. a watcher's ready file)." };
        var topic = new Option<string[]>("--topic") { Description = "When producing: topic override, role=name (content, transactions); repeatable.", AllowMultipleArgumentsPerToken = false };
        var invalid = new Option<double>("--invalid-share") { Description = "Add this share (0..1) of deliberately invalid copies of records, each ingestion rejection reason in turn (dead letters; the truth is unchanged).", DefaultValueFactory = _ => 0 };
        var command = new Command("simulate", "Generate a realistic labelled stream: skewed creators, English and Spanish, injected abuse and honest traps, with its ground truth.")
        {
            output, bootstrap, truth, rate, duration, seed, creators, lag, start, prefix, speed, waitFor, invalid, topic,
        };
        command.SetAction((parse, token) =>
        {
            SimulationOptions options;
            var (pace, invalidShare) = (parse.GetValue(speed), parse.GetValue(invalid));
            try
            {
                if (!(pace > 0) || !double.IsFinite(pace))
                {
                    throw new ArgumentException("--speed must be a positive number");
                }

                if (invalidShare is < 0 or > 1)
                {
                    throw new ArgumentException("--invalid-share must be within 0..1");
                }

                var lags = SimulationArguments.ParseLags(parse.GetValue(lag) ?? []);
                var file = parse.GetValue(output);
                var span = SimulationArguments.ParseDuration(parse.GetValue(duration)!, "--duration");
                options = new SimulationOptions
                {
                    Seed = parse.GetValue(seed),
                    Creators = parse.GetValue(creators),
                    Rate = parse.GetValue(rate),
                    Duration = span,
                    Start = parse.GetValue(start) ?? (file is null ? SimulationArguments.LiveStart(DateTimeOffset.UtcNow, span, pace) : new SimulationOptions().Start),
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
                return Task.FromResult(WriteFile(simulation, outFile, invalidShare));
            }

            var kafka = CliKafka.Settings(parse.GetValue(bootstrap));
            if (string.IsNullOrWhiteSpace(kafka.ResolveBootstrapServers()))
            {
                Console.Error.WriteLine("Nowhere to write: pass --out FILE, or --bootstrap host:port (or set Kafka__BootstrapServers or KAFKA_BOOTSTRAP_SERVERS).");
                return Task.FromResult(2);
            }

            WatchTopics topics;
            try
            {
                topics = TopicOverrides.Parse(parse.GetValue(topic) ?? []);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return Task.FromResult(2);
            }

            var pacing = new Pacing(pace, invalidShare, parse.GetValue(waitFor));
            return Task.Run(() => Produce(simulation, options, pacing, kafka, topics, token), token);
        });
        return command;
    }

    private static int WriteFile(MarketplaceSimulation simulation, FileInfo file, double invalidShare)
    {
        using var writer = new StreamWriter(file.FullName);
        var tally = new SimulationTally();
        foreach (var (record, rejection) in InvalidRecords.Mix(simulation.Deliveries(), invalidShare))
        {
            writer.WriteLine(record.Record.Value);
            tally.Add(record, rejection);
        }

        Console.Error.WriteLine($"wrote {tally} to {file.FullName}; {Describe(simulation)}");
        return 0;
    }

    /// <summary>
    /// Produces each record when the wall clock reaches its arrival time (<see cref="Pacing.Speed"/> seconds
    /// of event time per second).
    /// </summary>
    private static int Produce(MarketplaceSimulation simulation, SimulationOptions options, Pacing pacing, KafkaSettings kafka, WatchTopics topics, CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        if (!CliKafka.TryBuild(() => new ProducerBuilder<string, string>(kafka.Apply(new ProducerConfig { EnableIdempotence = true, LingerMs = 5 })).Build(), out var built))
        {
            return 2;
        }

        // Built before waiting for the watcher: a setting librdkafka refuses fails at once.
        using var producer = built;
        if (pacing.WaitFor is { } signal)
        {
            Console.Error.WriteLine($"waiting for {signal.FullName} before producing");
            while (!File.Exists(signal.FullName) && !cancellationToken.WaitHandle.WaitOne(100))
            {
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return 130;
            }
        }

        var clock = Stopwatch.StartNew();
        var tally = new SimulationTally();
        var reported = TimeSpan.Zero;
        Console.Error.WriteLine($"producing to {topics.Content} and {topics.Transactions} at {kafka.ResolveBootstrapServers()}{(pacing.Speed == 1 ? "" : $" at {pacing.Speed:0.##}x event time")}; {Describe(simulation)}");
        foreach (var (record, rejection) in InvalidRecords.Mix(simulation.Deliveries(), pacing.InvalidShare))
        {
            var ahead = ((record.ArrivesAt - options.Start) / pacing.Speed) - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(2))
            {
                // Sleeping per record would cap the rate at ~1,000/s; a batch of records shares one wait.
                cancellationToken.WaitHandle.WaitOne(ahead);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            producer.Produce(record.Record.Topic == Topics.Content ? topics.Content : topics.Transactions, new Message<string, string> { Key = record.Record.Key, Value = record.Record.Value });
            tally.Add(record, rejection);
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

    /// <summary>How a produced simulation is paced: speed, invalid copies, what to wait for first.</summary>
    private sealed record Pacing(double Speed, double InvalidShare, FileInfo? WaitFor);
}
