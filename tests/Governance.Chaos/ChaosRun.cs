using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Testing;
using StackExchange.Redis;

namespace Governance.Chaos;

/// <summary>
/// One run: fresh topics, consumer groups, Redis key prefix and RabbitMQ virtual host; ingestion and
/// the signal worker as real processes; the stream produced at a steady pace while the fault strikes;
/// then wait until every input is accounted for and the worker has committed everything.
/// </summary>
public sealed class ChaosRun(ChaosContext context, Fault fault, int seed)
{
    // Six, so that the workers fault's three workers each get two.
    private const int Partitions = 6;
    private readonly string _id = $"{Fault.Names[fault.Kind]}-{Guid.NewGuid().ToString("N")[..8]}";
    private readonly List<string> _notes = [];
    private readonly List<string> _problems = [];
    private readonly List<ServiceProcess> _workers = [];
    private ServiceProcess? _ingestion;
    private ServiceProcess? _alerting;
    private int _produced;

    public async Task<RunResult> ExecuteAsync(IReadOnlyList<StreamRecord> stream, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var logDirectory = Directory.CreateDirectory(Path.Combine(context.OutputDirectory, _id)).FullName;
        var topics = new Dictionary<string, string>
        {
            [Topics.Content] = await context.Kafka.CreateTopicAsync("chaos.content", Partitions),
            [Topics.Transactions] = await context.Kafka.CreateTopicAsync("chaos.transactions", Partitions),
            [Topics.Events] = await context.Kafka.CreateTopicAsync("chaos.events", Partitions),
            [Topics.DeadLetter] = await context.Kafka.CreateTopicAsync("chaos.deadletter", Partitions),
        };
        var ingestionEnvironment = ServiceEnvironment.Ingestion(context, _id, topics);
        var redis = context.RedisCluster is { } cluster && (context.AllOnCluster || fault.NeedsCluster) ? cluster.Configuration : context.Redis.Configuration;
        var signalsEnvironment = ServiceEnvironment.Signals(context, _id, topics, redis);
        var schema = AlertingDatabase.SchemaFor(_id);
        var alertingEnvironment = ServiceEnvironment.Alerting(context, schema);
        await using var vhost = await RabbitVhost.CreateAsync(context.Rabbit, "chaos-" + _id);
        signalsEnvironment["RabbitMq__VirtualHost"] = vhost.Name;
        alertingEnvironment["RabbitMq__VirtualHost"] = vhost.Name;
        await vhost.DeclareCopyAsync(HandOffQueues.SignalExchange, HandOffQueues.SignalCopy);
        if (context.PinEpoch)
        {
            await PinEpochAsync(stream, redis, signalsEnvironment["Redis__KeyPrefix"]);
        }

        using var output = new OutputCollector(context.Kafka.BootstrapServers, topics[Topics.Events], topics[Topics.DeadLetter]);
        await using var signals = new QueueCollector<RiskSignalDetected>(context.Rabbit, vhost.Name, HandOffQueues.SignalCopy, m => m.Deserialize(GovernanceJsonContext.Default.RiskSignalDetected)!);
        await using var alerts = new QueueCollector<CreatorFlagged>(context.Rabbit, vhost.Name, HandOffQueues.Alerts, m => m.Deserialize(GovernanceJsonContext.Default.CreatorFlagged)!);
        try
        {
            _ingestion = ServiceProcess.Start(context.IngestionDll, ingestionEnvironment);
            _workers.Add(ServiceProcess.Start(context.SignalsDll, signalsEnvironment));
            var handOff = await CheckHandOffAsync(vhost);

            // Started after the check: it declares the signal queue too, and the check is about the worker.
            _alerting = ServiceProcess.Start(context.AlertingDll, alertingEnvironment);
            if (fault.Kind == FaultKind.Backlog)
            {
                Stop(_workers[0], "signals (stopped before the stream)", logDirectory);
                _workers.Clear();
            }

            var schedule = Schedule(stream);
            var sources = new string?[schedule.Count];
            var faults = Task.Run(() => StrikeAsync(ingestionEnvironment, signalsEnvironment, alertingEnvironment, schedule.Count, logDirectory, cancellationToken), cancellationToken);
            var notProduced = await Task.Run(() => Produce(schedule, topics, sources, cancellationToken), cancellationToken);
            await faults;

            if (!handOff)
            {
                _notes.Add($"after the run: {await vhost.TopologyAsync()}");
            }

            var settled = await SettleAsync(schedule, sources, output, signals, alerts, schema, topics[Topics.Events], signalsEnvironment["Signals__GroupId"], cancellationToken);
            var accounted = Accounted(schedule, sources, output);
            await File.WriteAllLinesAsync(
                Path.Combine(logDirectory, "signals.jsonl"),
                signals.Received.Select(s => JsonSerializer.Serialize(s, GovernanceJsonContext.Default.RiskSignalDetected)),
                cancellationToken);
            await File.WriteAllLinesAsync(
                Path.Combine(logDirectory, "alerts.jsonl"),
                alerts.Received.Select(a => JsonSerializer.Serialize(a, GovernanceJsonContext.Default.CreatorFlagged)),
                cancellationToken);
            var (normalized, deadLettered, tooLate) = output.Counts();
            return new RunResult(fault, signals.Received, alerts.Received, schedule.Count, accounted, normalized, deadLettered, tooLate, notProduced, settled, handOff, clock.Elapsed, _notes, _problems);
        }
        finally
        {
            Stop(_ingestion, "ingestion", logDirectory);
            foreach (var worker in _workers)
            {
                Stop(worker, "signals", logDirectory);
            }

            Stop(_alerting, "alerting", logDirectory);
            await AlertingDatabase.DropSchemaAsync(schema);
        }
    }

    /// <summary>
    /// Whether the worker, once started, has declared the durable queue signals are handed off to (in a
    /// virtual host nobody else has used). If it has not, the run says so (and fails) and declares the
    /// hand-off itself, so the rest of the run still compares signals.
    /// </summary>
    private async Task<bool> CheckHandOffAsync(RabbitVhost vhost)
    {
        if (!await Task.Run(() => _workers[0].WaitForOutput("Signals started", TimeSpan.FromSeconds(90))))
        {
            _notes.Add("the signal worker did not log 'Signals started' within 90 s");
        }

        if (await vhost.QueueExistsAsync(HandOffQueues.Signals))
        {
            return true;
        }

        _notes.Add($"started worker had not declared {HandOffQueues.Signals} in a fresh vhost: {await vhost.TopologyAsync()}; the suite declared it");
        await vhost.DeclareHandOffAsync(HandOffQueues.SignalExchange, HandOffQueues.Signals);
        return false;
    }

    /// <summary>
    /// Sets the deployment's epoch (the worker's <c>{prefix}:epoch</c>, which decides whether a creator
    /// with under three windows of history is new or unknown to baseline rules) to the stream's first
    /// event, as if the deployment had begun with it. Left to the worker, it is the newest event of the
    /// first batch it happens to read, which differs from run to run (docs/chaos.md, BUG-2).
    /// </summary>
    private static async Task PinEpochAsync(IReadOnlyList<StreamRecord> stream, string configuration, string prefix)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var first = stream.Where(r => r.ExpectedRejection is null).Min(r => r.At);
        await redis.GetDatabase().StringSetAsync(prefix + ":epoch", first.ToUnixTimeMilliseconds());
    }

    /// <summary>Production order: event time, with the lagging topic's records moved 30 minutes later.</summary>
    private List<StreamRecord> Schedule(IReadOnlyList<StreamRecord> stream)
    {
        var behind = fault.Kind switch
        {
            FaultKind.ContentBehind => Topics.Content,
            FaultKind.TransactionsBehind => Topics.Transactions,
            _ => null,
        };
        return behind is null ? [.. stream] : [.. stream.OrderBy(r => r.Topic == behind ? r.At + Fault.Lag : r.At)];
    }

    private int Produce(List<StreamRecord> schedule, Dictionary<string, string> topics, string?[] sources, CancellationToken cancellationToken)
    {
        var failed = 0;
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = context.Kafka.BootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        var pace = Stopwatch.StartNew();
        for (var i = 0; i < schedule.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = schedule[i];
            var index = i;
            producer.Produce(topics[record.Topic], new Message<string, string> { Key = record.Key, Value = record.Value }, report =>
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
                else
                {
                    sources[index] = OutputCollector.Source(report.Topic, report.Partition.Value, report.Offset.Value);
                }
            });
            Volatile.Write(ref _produced, i + 1);
            var due = TimeSpan.FromSeconds((double)(i + 1) / context.RecordsPerSecond);
            // One reading of the clock: read twice, a loaded machine can pass `due` in between (negative sleep).
            var wait = due - pace.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }

        producer.Flush(TimeSpan.FromSeconds(60));
        return failed + sources.Count(s => s is null);
    }

    private async Task StrikeAsync(Dictionary<string, string> ingestionEnvironment, Dictionary<string, string> signalsEnvironment, Dictionary<string, string> alertingEnvironment, int total, string logDirectory, CancellationToken cancellationToken)
    {
        IReadOnlyList<double> points = fault.Kind switch
        {
            FaultKind.Rebalance => [.. Enumerable.Range(1, 2 * fault.Count).Select(k => (double)k / ((2 * fault.Count) + 1))],
            FaultKind.Workers => [.. Enumerable.Range(1, WorkerSteps * fault.Count).Select(k => (double)k / ((WorkerSteps * fault.Count) + 1))],
            FaultKind.Backlog => [0.6],
            _ => fault.Points(new Random(seed)),
        };
        for (var k = 0; k < points.Count; k++)
        {
            var at = (int)(points[k] * total);
            while (Volatile.Read(ref _produced) < at)
            {
                await Task.Delay(20, cancellationToken);
            }

            var note = $"{DateTime.UtcNow:HH:mm:ss.f} at record {at}: ";
            switch (fault.Kind)
            {
                case FaultKind.WorkerKill:
                    _workers[^1] = KillAndRestart(_workers[^1], "signals", context.SignalsDll, signalsEnvironment, logDirectory);
                    note += "kill -9 signal worker, restarted";
                    break;
                case FaultKind.IngestionKill:
                    _ingestion = KillAndRestart(_ingestion!, "ingestion", context.IngestionDll, ingestionEnvironment, logDirectory);
                    note += "kill -9 ingestion, restarted";
                    break;
                case FaultKind.AlertingKill:
                    _alerting = KillAndRestart(_alerting!, "alerting", context.AlertingDll, alertingEnvironment, logDirectory);
                    note += "kill -9 alerting, restarted";
                    break;
                case FaultKind.PostgresRestart:
                    var restarted = Stopwatch.StartNew();
                    var cluster = await Task.Run(AlertingDatabase.Restart, cancellationToken);
                    note += $"PostgreSQL {cluster} restarted (fast) in {restarted.Elapsed.TotalSeconds:0.0} s";
                    break;
                case FaultKind.Rebalance when k % 2 == 0:
                    _workers.Add(ServiceProcess.Start(context.SignalsDll, signalsEnvironment));
                    note += $"worker #{_workers.Count} joins";
                    break;
                case FaultKind.Rebalance:
                    var leaving = _workers[0];
                    _workers.RemoveAt(0);
                    var graceful = await Task.Run(() => leaving.Stop(TimeSpan.FromSeconds(30)), cancellationToken);
                    Keep(leaving, "signals (left)", logDirectory);
                    leaving.Dispose();
                    note += graceful ? "oldest worker left (SIGTERM)" : "oldest worker did not stop within 30 s";
                    break;
                case FaultKind.Backlog:
                    _workers.Add(ServiceProcess.Start(context.SignalsDll, signalsEnvironment));
                    note += "signal worker started on the backlog";
                    break;
                case FaultKind.Workers:
                    note += await StepWorkersAsync(k % WorkerSteps, signalsEnvironment, logDirectory, cancellationToken);
                    break;
                case FaultKind.RedisKill when signalsEnvironment["Redis__Configuration"] != context.Redis.Configuration:
                    var whole = Stopwatch.StartNew();
                    await Task.Run(() => KillCluster(context.RedisCluster!), cancellationToken);
                    note += $"kill -9 every Redis Cluster master, restarted after 1 s, whole again in {whole.Elapsed.TotalSeconds:0.0} s";
                    break;
                case FaultKind.RedisKill:
                    context.Redis.Kill();
                    await Task.Delay(1000, cancellationToken);
                    var restart = Stopwatch.StartNew();
                    await Task.Run(context.Redis.Start, cancellationToken);
                    note += $"kill -9 Redis, restarted after 1 s, answered in {restart.Elapsed.TotalSeconds:0.0} s";
                    break;
                case FaultKind.RedisReshard:
                    // From the fullest master to the emptiest: the shared cluster keeps earlier runs' moves.
                    var slots = Enumerable.Range(0, context.RedisCluster!.Masters).Select(m => (Master: m, Slots: context.RedisCluster.Slots(m))).OrderBy(m => m.Slots).ToList();
                    var (from, to) = (slots[^1].Master, slots[0].Master);
                    var moved = Stopwatch.StartNew();
                    await Task.Run(() => context.RedisCluster.Reshard(from, to, Fault.ReshardSlots), cancellationToken);
                    note += $"{Fault.ReshardSlots} slots moved from master {from} to master {to} in {moved.Elapsed.TotalSeconds:0.0} s";
                    break;
                case FaultKind.RedisMasterKill:
                    // The master with the most slots: a reshard (an earlier run's, on the shared cluster) can
                    // leave one with none or a few, whose loss the worker may never meet.
                    var master = Enumerable.Range(0, context.RedisCluster!.Masters).MaxBy(context.RedisCluster.Slots);
                    note += await KillMasterAsync(master, cancellationToken);
                    break;
                case FaultKind.RabbitRestart:
                    await Task.Run(() => RabbitMqServer.SetRunning(false), cancellationToken);
                    await Task.Delay(3000, cancellationToken);
                    await Task.Run(() => RabbitMqServer.SetRunning(true), cancellationToken);
                    note += "RabbitMQ stop_app, 3 s, start_app";
                    break;
                default:
                    continue;
            }

            _notes.Add(note);
            await context.Log.WriteLineAsync($"  {_id}: {note}");
        }
    }

    // The workers fault's cycle: #2 joins, #3 joins, the oldest leaves (SIGTERM), one joins, the oldest is killed.
    private const int WorkerSteps = 5;

    private async Task<string> StepWorkersAsync(int step, Dictionary<string, string> environment, string logDirectory, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case 2:
                var leaving = _workers[0];
                _workers.RemoveAt(0);
                var graceful = await Task.Run(() => leaving.Stop(TimeSpan.FromSeconds(30)), cancellationToken);
                Keep(leaving, "signals (left)", logDirectory);
                leaving.Dispose();
                return $"oldest worker {(graceful ? "left (SIGTERM)" : "did not stop within 30 s")}; {_workers.Count} run";
            case 4:
                var killed = _workers[0];
                _workers.RemoveAt(0);
                killed.Kill();
                Keep(killed, "signals (killed)", logDirectory);
                killed.Dispose();
                return $"kill -9 of the oldest worker; {_workers.Count} run";
            default:
                _workers.Add(ServiceProcess.Start(context.SignalsDll, environment));
                return $"a worker joins; {_workers.Count} run";
        }
    }

    private static void KillCluster(DurableRedisCluster cluster)
    {
        var all = Enumerable.Range(0, cluster.Masters).ToArray();
        foreach (var master in all)
        {
            cluster.Kill(master);
        }

        Thread.Sleep(1000);
        cluster.Start(all);
    }

    /// <summary>
    /// kill -9 of one master, away past the node timeout, restarted on its AOF. Without a replica that is
    /// an outage: the worker must say so (retrying Redis, then "Redis is back"), and resume.
    /// </summary>
    private async Task<string> KillMasterAsync(int master, CancellationToken cancellationToken)
    {
        int Recoveries() => _workers.Sum(w => Occurrences(w.Output, "Redis is back after"));
        var before = Recoveries();
        context.RedisCluster!.Kill(master);
        await Task.Delay(Fault.MasterDown, cancellationToken);
        var restart = Stopwatch.StartNew();
        await Task.Run(() => context.RedisCluster.Start(master), cancellationToken);
        var whole = restart.Elapsed;
        var reported = Stopwatch.StartNew();
        while (Recoveries() == before && reported.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200, cancellationToken);
        }

        if (Recoveries() == before)
        {
            _problems.Add($"the worker never reported the outage of master {master} (no 'Redis is back' within 60 s of its return)");
        }

        return $"kill -9 of master {master}, away {Fault.MasterDown.TotalSeconds:0} s, cluster whole {whole.TotalSeconds:0.0} s after its restart; worker reported the outage: {Recoveries() > before}";
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Waits until every produced input is normalized or dead-lettered, the worker group has committed
    /// the whole events topic (it commits only after a batch's effects), no signal came for 3 s, the
    /// alerting service has taken in every signal (its inbox) and sent every alert revision (its
    /// outbox), and no alert came for 3 s.
    /// </summary>
    private async Task<bool> SettleAsync(List<StreamRecord> schedule, string?[] sources, OutputCollector output, QueueCollector<RiskSignalDetected> signals, QueueCollector<CreatorFlagged> alerts, string schema, string eventsTopic, string groupId, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = context.Kafka.BootstrapServers, GroupId = groupId, EnableAutoCommit = false }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(eventsTopic, p)).ToList();
        var accountedSeen = false;
        (long Inbox, long Unsent)? alerting = null;
        while (deadline.Elapsed < context.SettleTimeout)
        {
            await Task.Delay(500, cancellationToken);
            accountedSeen = accountedSeen || Accounted(schedule, sources, output) == schedule.Count;
            if (!accountedSeen || !CommittedAll(probe, partitions) || signals.SinceLast < TimeSpan.FromSeconds(3))
            {
                continue;
            }

            alerting = await AlertingDatabase.ProgressAsync(schema);
            var distinctSignals = signals.Received.Select(s => s.SignalId).Distinct(StringComparer.Ordinal).Count();
            if (alerting is not { } progress || progress.Inbox < distinctSignals || progress.Unsent > 0 || alerts.SinceLast < TimeSpan.FromSeconds(3))
            {
                continue;
            }

            return true;
        }

        _notes.Add($"did not settle within {context.SettleTimeout.TotalSeconds:0} s (inputs accounted: {accountedSeen}; alerting inbox/unsent outbox: {alerting?.Inbox.ToString(CultureInfo.InvariantCulture) ?? "?"}/{alerting?.Unsent.ToString(CultureInfo.InvariantCulture) ?? "?"} of {signals.Received.Select(s => s.SignalId).Distinct(StringComparer.Ordinal).Count()} signals)");
        return false;
    }

    private static bool CommittedAll(IConsumer<Ignore, Ignore> probe, List<TopicPartition> partitions)
    {
        try
        {
            var committed = probe.Committed(partitions, TimeSpan.FromSeconds(5));
            return committed.All(c => c.Offset.Value >= probe.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(5)).High.Value);
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    private static int Accounted(List<StreamRecord> schedule, string?[] sources, OutputCollector output)
    {
        var accounted = 0;
        for (var i = 0; i < schedule.Count; i++)
        {
            if ((sources[i] is { } source && output.DeadLetterReason(source) is not null) || (schedule[i].EventId is { } id && output.HasEvent(id)))
            {
                accounted++;
            }
        }

        return accounted;
    }

    private static ServiceProcess KillAndRestart(ServiceProcess process, string name, string dll, Dictionary<string, string> environment, string logDirectory)
    {
        process.Kill();
        Keep(process, name + " (killed)", logDirectory);
        process.Dispose();
        return ServiceProcess.Start(dll, environment);
    }

    private static void Stop(ServiceProcess? process, string name, string logDirectory)
    {
        if (process is null)
        {
            return;
        }

        if (!process.Stop(TimeSpan.FromSeconds(20)))
        {
            process.Kill();
        }

        Keep(process, name, logDirectory);
        process.Dispose();
    }

    private static void Keep(ServiceProcess process, string name, string logDirectory) =>
        File.AppendAllText(
            Path.Combine(logDirectory, name.Split(' ')[0] + ".log"),
            $"===== {name} ({DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)}) =====\n{process.Output}\n");
}
