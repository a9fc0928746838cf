using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Kafka;
using Governance.SampleData;
using Spectre.Console;

namespace Governance.Cli.Commands;

/// <summary>
/// <c>governance sample</c>: feeds a built-in sample stream (valid and invalid records) to the input
/// topics, then reads what ingestion made of it and shows a summary.
/// </summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Kafka bootstrap servers (default: Kafka__BootstrapServers or KAFKA_BOOTSTRAP_SERVERS; other Kafka__Client__* settings as the services read them)." };
        var count = new Option<int>("--count") { Description = "Records to produce.", DefaultValueFactory = _ => 2_000 };
        var invalid = new Option<double>("--invalid-share") { Description = "Share of invalid records (0..1).", DefaultValueFactory = _ => 0.05 };
        var wait = new Option<TimeSpan>("--wait") { Description = "How long to wait for ingestion's output.", DefaultValueFactory = _ => TimeSpan.FromSeconds(60) };
        var output = new Option<FileInfo?>("--out") { Description = "Write the stream as JSON lines to this file instead of Kafka (for backtests)." };
        var creators = new Option<int>("--creators") { Description = "Distinct creators (Zipf-skewed activity).", DefaultValueFactory = _ => 200 };
        var rabbit = new Option<string?>("--rabbitmq") { Description = "RabbitMQ host to show the signals from (default 127.0.0.1; 'none' to skip)." };
        var command = new Command("sample", "Feed a sample stream (with a few abusive demo creators) and show what ingestion and the signal workers did with it.") { bootstrap, count, invalid, wait, output, creators, rabbit };
        command.SetAction((parse, cancellationToken) => parse.GetValue(output) is { } file
            ? Task.FromResult(Write(file, parse.GetValue(count), parse.GetValue(invalid), parse.GetValue(creators)))
            : RunAsync(
                CliKafka.Settings(parse.GetValue(bootstrap)),
                parse.GetValue(count),
                parse.GetValue(invalid),
                parse.GetValue(wait),
                parse.GetValue(rabbit) ?? "127.0.0.1",
                cancellationToken));
        return command;
    }

    private static int Write(FileInfo file, int count, double invalidShare, int creators)
    {
        var generator = new SampleEventGenerator(new SampleEventOptions
        {
            Creators = creators,
            InvalidShare = invalidShare,
            EventIdPrefix = "sample",
            Start = DateTimeOffset.UtcNow.AddDays(-2),
            TooLargeBytes = 300 * 1024,
        });
        using var writer = new StreamWriter(file.FullName);
        foreach (var e in generator.Generate().Take(count))
        {
            writer.WriteLine(e.Value);
        }

        Console.Error.WriteLine($"wrote {count} events to {file.FullName}");
        return 0;
    }

    private static async Task<int> RunAsync(KafkaSettings kafka, int count, double invalidShare, TimeSpan wait, string rabbit, CancellationToken cancellationToken)
    {
        var runId = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var demo = DemoScenarios.Create(DateTimeOffset.UtcNow, runId);
        var (listener, problem) = rabbit == "none" ? (null, "skipped") : await SignalListener.TryCreateAsync(rabbit);
        await using var _ = listener;
        var code = await Task.Run(() => Run(kafka, count, invalidShare, wait, runId, demo, cancellationToken), cancellationToken);
        if (listener is null)
        {
            Terminal.Current().MarkupLine($"[grey]Signals not shown (RabbitMQ: {Markup.Escape(problem ?? "")}).[/]");
            return code;
        }

        var demoCreators = demo.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var signals = await listener.CollectAsync(s => demoCreators.All(c => s.Any(x => x.CreatorId == c)), wait, cancellationToken);
        var table = new Table().Title("Signals published to RabbitMQ (RiskSignalDetected)").AddColumns("rule", "mode", "creator", "value", "reason");
        foreach (var signal in signals)
        {
            table.AddRow(signal.RuleId, signal.Mode, Markup.Escape(signal.CreatorId), signal.Value.ToString("0.##", CultureInfo.InvariantCulture), Markup.Escape(signal.Reasons is { En.Count: > 0 } r ? r.En[0] : ""));
        }

        Terminal.Current().Write(table);
        var missing = demoCreators.Count(c => signals.All(s => s.CreatorId != c));
        if (missing > 0)
        {
            Terminal.Current().MarkupLine($"[red]{missing} demo creators got no signal within {wait.TotalSeconds:0} s (is the signal worker running?).[/]");
            return 1;
        }

        return code;
    }

    private static int Run(KafkaSettings kafka, int count, double invalidShare, TimeSpan wait, string runId, IReadOnlyList<RawEvent> demo, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(kafka.ResolveBootstrapServers()))
        {
            Terminal.Current().MarkupLine($"[red]{CliKafka.NoBootstrap}[/]");
            return 2;
        }

        if (count < 1 || invalidShare is < 0 or > 1)
        {
            Terminal.Current().MarkupLine("[red]--count must be >= 1 and --invalid-share within 0..1.[/]");
            return 2;
        }

        KafkaNativeLibrary.EnsureLoaded();
        var events = new SampleEventGenerator(new SampleEventOptions
        {
            Creators = 200,
            InvalidShare = invalidShare,
            EventIdPrefix = "sample-" + runId,
            Seed = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % int.MaxValue),
            Start = DateTimeOffset.UtcNow.AddMinutes(-30),
        }).Generate().Take(count).Concat(demo).ToList();
        count = events.Count;

        if (!CliKafka.TryBuild(() => new ConsumerBuilder<string, byte[]>(kafka.Apply(new ConsumerConfig
            {
                GroupId = "governance-cli-sample-" + runId,
                AutoOffsetReset = AutoOffsetReset.Latest,
                EnableAutoCommit = false,
                StatisticsIntervalMs = 0,
            })).Build(), out var built))
        {
            return 2;
        }

        using var reader = built;
        reader.Subscribe([Topics.Events, Topics.DeadLetter]);
        WaitForAssignment(reader, cancellationToken);

        if (!CliKafka.TryBuild(() => new ProducerBuilder<string, string>(kafka.Apply(new ProducerConfig { EnableIdempotence = true })).Build(), out var producer))
        {
            return 2;
        }

        using (producer)
        {
            foreach (var e in events)
            {
                producer.Produce(e.Topic, new Message<string, string> { Key = e.Key, Value = e.Value });
            }

            producer.Flush(cancellationToken);
        }

        Terminal.Current().MarkupLine($"Produced [bold]{count}[/] records ({events.Count(e => e.ExpectedRejection is not null)} deliberately invalid) to {Topics.Content} and {Topics.Transactions}.");
        var ours = events.Select(e => e.EventId).ToHashSet();
        var normalized = new List<CreatorEvent>();
        var deadByReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (normalized.Count + deadByReason.Values.Sum() < count && clock.Elapsed < wait && !cancellationToken.IsCancellationRequested)
        {
            if (reader.Consume(TimeSpan.FromMilliseconds(200)) is not { } record)
            {
                continue;
            }

            if (record.Topic == Topics.Events)
            {
                var evt = JsonSerializer.Deserialize(record.Message.Value, GovernanceJsonContext.Default.CreatorEvent)!;
                if (ours.Contains(evt.EventId))
                {
                    normalized.Add(evt);
                }
            }
            else if (record.Message.Headers.TryGetLastBytes(DeadLetterHeaders.Reason, out var reason))
            {
                var code = Encoding.UTF8.GetString(reason);
                deadByReason[code] = deadByReason.GetValueOrDefault(code) + 1;
            }
        }

        reader.Close();
        Show(normalized, deadByReason, count, clock.Elapsed);
        return normalized.Count + deadByReason.Values.Sum() >= count ? 0 : 1;
    }

    private static void WaitForAssignment(IConsumer<string, byte[]> reader, CancellationToken cancellationToken)
    {
        // "latest" is resolved at assignment: wait for it so our own records are not skipped.
        var clock = Stopwatch.StartNew();
        while (reader.Assignment.Count == 0 && clock.Elapsed < TimeSpan.FromSeconds(30) && !cancellationToken.IsCancellationRequested)
        {
            reader.Consume(TimeSpan.FromMilliseconds(100));
        }

        foreach (var partition in reader.Assignment)
        {
            reader.Position(partition);
        }
    }

    private static void Show(List<CreatorEvent> normalized, SortedDictionary<string, int> deadByReason, int count, TimeSpan elapsed)
    {
        var table = new Table().Title("What ingestion did").AddColumn("outcome").AddColumn(new TableColumn("records").RightAligned());
        table.AddRow($"normalized → {Topics.Events}", normalized.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var (reason, n) in deadByReason)
        {
            table.AddRow($"dead-lettered ({reason}) → {Topics.DeadLetter}", n.ToString(CultureInfo.InvariantCulture));
        }

        var missing = count - normalized.Count - deadByReason.Values.Sum();
        table.AddRow(missing == 0 ? "[green]unaccounted[/]" : "[red]unaccounted (still in flight?)[/]", missing.ToString(CultureInfo.InvariantCulture));
        Terminal.Current().Write(table);

        var busiest = normalized.GroupBy(e => e.CreatorId).OrderByDescending(g => g.Count()).Take(5);
        var creators = new Table().Title("Busiest creators in the sample").AddColumn("creator").AddColumn("events").AddColumn("types");
        foreach (var group in busiest)
        {
            creators.AddRow(
                group.Key,
                group.Count().ToString(CultureInfo.InvariantCulture),
                string.Join(", ", group.GroupBy(e => e.Type).OrderByDescending(t => t.Count()).Take(3).Select(t => $"{t.Key}×{t.Count()}")));
        }

        Terminal.Current().Write(creators);
        Terminal.Current().MarkupLine($"Read back in {elapsed.TotalSeconds:0.0} s.");
    }
}
