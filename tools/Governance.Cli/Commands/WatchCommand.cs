using System.CommandLine;
using Governance.Cli.Alerts;
using Governance.Cli.Simulation;
using Governance.Cli.Watch;

namespace Governance.Cli.Commands;

/// <summary>
/// <c>governance watch</c>: the pipeline live (events in, dead letters, signals, alerts, lag, latest
/// alerts) and, at the end, precision/recall against a simulation's truth, detection latency and the
/// reconciliation of every stage.
/// </summary>
internal static class WatchCommand
{
    /// <summary>How long Ctrl-C may take to end the watch: it settles and prints the summary (bounded by --settle).</summary>
    public static readonly TimeSpan TerminationTimeout = TimeSpan.FromMinutes(5);

    public static Command Create()
    {
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Kafka bootstrap servers (default: Kafka__BootstrapServers or KAFKA_BOOTSTRAP_SERVERS; other Kafka__Client__* / Kafka__Consumer__* settings as the services read them)." };
        var truth = new Option<FileInfo?>("--truth") { Description = "Ground truth of the stream (governance simulate --truth): precision, recall and latency at the end. Waited for up to --truth-wait." };
        var truthWait = new Option<string>("--truth-wait") { Description = "How long to wait for the truth file to appear.", DefaultValueFactory = _ => "60s" };
        var scope = new Option<string?>("--scope") { Description = "Score only creators whose id starts with this (default: the truth's common prefix, e.g. sim-s1-c)." };
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "The rule pack: patterns only its shadow rules target leave the recall (as in rules backtest --labels)." };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 10m); default: until Ctrl-C." };
        var untilExit = new Option<int?>("--until-exit") { Description = "Stop when the process with this id exits (e.g. the feed)." };
        var settle = new Option<string>("--settle") { Description = "At the end, wait at most this long for what is in flight before the summary (a second Ctrl-C skips it).", DefaultValueFactory = _ => "15s" };
        var ready = new Option<FileInfo?>("--ready-file") { Description = "Create this file once every tap is in place (feeds can wait for it: simulate --wait-for)." };
        var lang = new Option<string>("--lang") { Description = "Language of the alerts' reasons: en or es.", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "es");
        var plain = new Option<bool>("--plain") { Description = "One plain status line every few seconds instead of the live display (automatic when stdout is not a terminal)." };
        var interval = new Option<string>("--interval") { Description = "Seconds between plain status lines.", DefaultValueFactory = _ => "5s" };
        var rabbit = new Option<string>("--rabbitmq") { Description = "RabbitMQ host (user and password: RabbitMq__Username / RabbitMq__Password, default guest).", DefaultValueFactory = _ => "127.0.0.1" };
        var rabbitPort = new Option<int>("--rabbitmq-port") { Description = "RabbitMQ AMQP port.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RABBITMQ_PORT") is { Length: > 0 } p && int.TryParse(p, out var n) ? n : 5672 };
        var vhost = new Option<string>("--vhost") { Description = "RabbitMQ virtual host.", DefaultValueFactory = _ => "/" };
        var management = new Option<string>("--management") { Description = "RabbitMQ management API (alerting lag with unacknowledged messages), or 'none'.", DefaultValueFactory = _ => "http://127.0.0.1:15672/" };
        var db = AlertsDatabase.ConnectionOption();
        db.Description = "PostgreSQL of the alerting service for the reconciliation (default: GOVERNANCE_CLI_PG, else the local read-only role); 'none' skips it.";
        var schema = AlertsDatabase.SchemaOption();
        var ingestionGroup = new Option<string>("--ingestion-group") { Description = "Ingestion's consumer group (Ingestion:GroupId).", DefaultValueFactory = _ => "governance-ingestion" };
        var signalsGroup = new Option<string>("--signals-group") { Description = "The signal workers' consumer group (Signals:GroupId).", DefaultValueFactory = _ => "governance-signals" };
        var topics = new Option<string[]>("--topic") { Description = TopicOverrides.Description, AllowMultipleArgumentsPerToken = false };

        var command = new Command("watch", "Watch the pipeline live: events/s in, dead letters by reason, signals by rule, alerts by priority, consumer lag, latest alerts; at the end precision/recall against a truth, latency and a reconciliation.")
        {
            bootstrap, truth, truthWait, scope, rules, duration, untilExit, settle, ready, lang, plain, interval,
            rabbit, rabbitPort, vhost, management, db, schema, ingestionGroup, signalsGroup, topics,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            WatchOptions options;
            try
            {
                var kafka = CliKafka.Settings(parse.GetValue(bootstrap));
                if (string.IsNullOrWhiteSpace(kafka.ResolveBootstrapServers()))
                {
                    throw new ArgumentException(CliKafka.NoBootstrap);
                }

                var database = parse.GetValue(db)!;
                var mgmt = parse.GetValue(management)!;
                options = new WatchOptions
                {
                    Kafka = kafka,
                    TruthPath = parse.GetValue(truth)?.FullName,
                    TruthWait = SimulationArguments.ParseDuration(parse.GetValue(truthWait)!, "--truth-wait"),
                    Scope = parse.GetValue(scope),
                    RulesPath = parse.GetValue(rules)?.FullName,
                    Duration = parse.GetValue(duration) is { } d ? SimulationArguments.ParseDuration(d, "--duration") : null,
                    UntilExitPid = parse.GetValue(untilExit),
                    Settle = SimulationArguments.ParseDuration(parse.GetValue(settle)!, "--settle"),
                    ReadyFile = parse.GetValue(ready)?.FullName,
                    Language = parse.GetValue(lang)!,
                    Plain = parse.GetValue(plain),
                    PlainInterval = SimulationArguments.ParseDuration(parse.GetValue(interval)!, "--interval"),
                    Topics = TopicOverrides.Parse(parse.GetValue(topics) ?? []),
                    IngestionGroup = parse.GetValue(ingestionGroup)!,
                    SignalsGroup = parse.GetValue(signalsGroup)!,
                    Rabbit = new RabbitEndpoint
                    {
                        Host = parse.GetValue(rabbit)!,
                        Port = parse.GetValue(rabbitPort),
                        VirtualHost = parse.GetValue(vhost)!,
                        User = Environment.GetEnvironmentVariable("RabbitMq__Username") is { Length: > 0 } u ? u : "guest",
                        Password = Environment.GetEnvironmentVariable("RabbitMq__Password") is { Length: > 0 } p ? p : "guest",
                        Management = mgmt == "none" ? null : new Uri(mgmt.EndsWith('/') ? mgmt : mgmt + "/"),
                    },
                    Database = database == "none" ? null : database,
                    Schema = parse.GetValue(schema)!,
                };
            }
            catch (Exception ex) when (ex is ArgumentException or UriFormatException)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            return await new WatchRunner(options, TimeProvider.System).RunAsync(cancellationToken);
        });
        return command;
    }

    /// <summary>True when the command line runs <c>watch</c> (which needs longer than the default 2 s to end on Ctrl-C).</summary>
    public static bool Runs(ParseResult parse) => parse?.CommandResult.Command.Name == "watch";
}
