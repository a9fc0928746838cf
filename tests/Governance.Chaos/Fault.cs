namespace Governance.Chaos;

/// <summary>What a run does to the system while the stream flows.</summary>
public enum FaultKind
{
    /// <summary>Undisturbed: the run the others are compared with.</summary>
    None,

    /// <summary>kill -9 of the signal worker at random points, restarted at once.</summary>
    WorkerKill,

    /// <summary>kill -9 of ingestion at random points, restarted at once.</summary>
    IngestionKill,

    /// <summary>A second signal worker joins mid-stream, the first leaves later (graceful), repeatedly.</summary>
    Rebalance,

    /// <summary>kill -9 of Redis (AOF, appendfsync always; on a cluster every master), restarted on its data a second later.</summary>
    RedisKill,

    /// <summary>Hash slots, keys included, moved between the masters of a Redis Cluster while the worker runs.</summary>
    RedisReshard,

    /// <summary>
    /// kill -9 of one master of a Redis Cluster without replicas, away for longer than the node timeout
    /// (the cluster refuses everything meanwhile: an outage), then restarted on its AOF.
    /// </summary>
    RedisMasterKill,

    /// <summary>Three signal workers on the six partitions: workers join, leave (SIGTERM) and are killed (kill -9).</summary>
    Workers,

    /// <summary>RabbitMQ's application stopped and started (rabbitmqctl stop_app / start_app).</summary>
    RabbitRestart,

    /// <summary>kill -9 of the alerting service at random points, restarted at once.</summary>
    AlertingKill,

    /// <summary>PostgreSQL restarted (pg_ctlcluster restart -m fast) under the alerting service.</summary>
    PostgresRestart,

    /// <summary>
    /// No crash: the worker is stopped gracefully before the stream starts and started again at 60 %,
    /// so it reads a backlog in large batches. A control for what the kills show.
    /// </summary>
    Backlog,

    /// <summary>Content records produced 30 minutes of event time behind the transactions.</summary>
    ContentBehind,

    /// <summary>Transaction records produced 30 minutes of event time behind the content.</summary>
    TransactionsBehind,

    /// <summary>No services: <c>governance rules backtest</c> on the same records, which must decide what the worker did.</summary>
    Backtest,
}

/// <summary>A fault and how many times it strikes in its run.</summary>
public sealed record Fault(FaultKind Kind, int Count)
{
    /// <summary>How far the lagging topic runs behind, in event time.</summary>
    public static readonly TimeSpan Lag = TimeSpan.FromMinutes(30);

    /// <summary>Slots one reshard moves: a third of the 16,384, so most creators' keys move over a run.</summary>
    public const int ReshardSlots = 5461;

    /// <summary>How long a killed master stays away: past the cluster's node timeout.</summary>
    public static readonly TimeSpan MasterDown = DurableRedisCluster.NodeTimeout + TimeSpan.FromSeconds(3);

    public static Fault Baseline { get; } = new(FaultKind.None, 0);

    /// <summary>Whether the fault needs the Redis Cluster (every run does with <c>--redis-cluster</c>).</summary>
    public bool NeedsCluster => Kind is FaultKind.RedisReshard or FaultKind.RedisMasterKill;

    public string Name => Names[Kind];

    public string Describe() => Kind switch
    {
        FaultKind.None => "undisturbed",
        FaultKind.WorkerKill => $"kill -9 signal worker ×{Count}",
        FaultKind.IngestionKill => $"kill -9 ingestion ×{Count}",
        FaultKind.Rebalance => $"2nd worker joins, 1st leaves ×{Count}",
        FaultKind.RedisKill => $"kill -9 Redis ×{Count}",
        FaultKind.RedisReshard => $"Redis Cluster: {ReshardSlots} slots moved ×{Count}",
        FaultKind.RedisMasterKill => $"Redis Cluster: kill -9 a master for {MasterDown.TotalSeconds:0} s ×{Count}",
        FaultKind.Workers => $"up to 3 workers: 2 join, 1 leaves, 1 joins, 1 killed ×{Count}",
        FaultKind.RabbitRestart => $"RabbitMQ stop_app/start_app ×{Count}",
        FaultKind.AlertingKill => $"kill -9 alerting ×{Count}",
        FaultKind.PostgresRestart => $"PostgreSQL restart ×{Count}",
        FaultKind.Backlog => "worker starts at 60 % (backlog, no crash)",
        FaultKind.ContentBehind => "content 30 min behind",
        FaultKind.TransactionsBehind => "transactions 30 min behind",
        FaultKind.Backtest => "rules backtest (CLI), no services",
        _ => Kind.ToString(),
    };

    public static IReadOnlyDictionary<FaultKind, string> Names { get; } = new Dictionary<FaultKind, string>
    {
        [FaultKind.None] = "none",
        [FaultKind.WorkerKill] = "worker-kill",
        [FaultKind.IngestionKill] = "ingestion-kill",
        [FaultKind.Rebalance] = "rebalance",
        [FaultKind.RedisKill] = "redis-kill",
        [FaultKind.RedisReshard] = "redis-reshard",
        [FaultKind.RedisMasterKill] = "redis-master-kill",
        [FaultKind.Workers] = "workers",
        [FaultKind.RabbitRestart] = "rabbitmq-restart",
        [FaultKind.AlertingKill] = "alerting-kill",
        [FaultKind.PostgresRestart] = "postgres-restart",
        [FaultKind.Backlog] = "backlog",
        [FaultKind.ContentBehind] = "content-behind",
        [FaultKind.TransactionsBehind] = "transactions-behind",
        [FaultKind.Backtest] = "backtest",
    };

    public static FaultKind Parse(string name) =>
        Names.FirstOrDefault(n => n.Value == name).Key is var kind && Names[kind] == name
            ? kind
            : throw new ArgumentException($"unknown fault '{name}'; known: {string.Join(", ", Names.Values.Skip(1))}");

    /// <summary>
    /// Where the strikes fall, as fractions of the stream produced: one per equal stretch of the middle
    /// 90 %, at a random point of it, so strikes are spread and never land on top of each other.
    /// </summary>
    public IReadOnlyList<double> Points(Random random) =>
        [.. Enumerable.Range(0, Count).Select(k => 0.05 + (0.9 * (k + 0.1 + (0.8 * random.NextDouble())) / Count))];
}
