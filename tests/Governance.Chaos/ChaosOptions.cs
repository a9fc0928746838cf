using System.Globalization;

namespace Governance.Chaos;

/// <summary>What a suite runs: the stream, the faults and the pace.</summary>
public sealed record ChaosOptions
{
    public bool Full { get; init; }

    public IReadOnlyList<Fault> Faults { get; init; } = ShortFaults;

    public int Seed { get; init; } = 7;

    /// <summary>A JSONL stream of raw input records to replay instead of generating one.</summary>
    public string? StreamFile { get; init; }

    public StreamShape Shape { get; init; } = StreamShape.ShortForm;

    /// <summary>Wall-clock pace of production (records/s): slow enough that faults land mid-stream.</summary>
    public int RecordsPerSecond { get; init; } = 600;

    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public string? OutputDirectory { get; init; }

    /// <summary>Every run's worker on the suite's Redis Cluster, not only the cluster faults' (<c>--redis-cluster</c>).</summary>
    public bool RedisCluster { get; init; }

    /// <summary>Pin the deployment epoch to the stream's first event (false reproduces BUG-2).</summary>
    public bool PinEpoch { get; init; } = true;

    /// <summary>CI: a few strikes of each kind; no RabbitMQ restart (the server is shared with other tests).</summary>
    public static IReadOnlyList<Fault> ShortFaults { get; } =
    [
        new(FaultKind.WorkerKill, 3), new(FaultKind.IngestionKill, 3), new(FaultKind.Rebalance, 1), new(FaultKind.Workers, 1), new(FaultKind.RedisKill, 1),
        new(FaultKind.RedisReshard, 2), new(FaultKind.RedisMasterKill, 1),
        new(FaultKind.AlertingKill, 3), new(FaultKind.PostgresRestart, 1), new(FaultKind.ContentBehind, 1), new(FaultKind.TransactionsBehind, 1),
    ];

    public static IReadOnlyList<Fault> FullFaults { get; } =
    [
        new(FaultKind.WorkerKill, 20), new(FaultKind.IngestionKill, 20), new(FaultKind.Rebalance, 2), new(FaultKind.Workers, 2), new(FaultKind.RedisKill, 3),
        new(FaultKind.RedisReshard, 6), new(FaultKind.RedisMasterKill, 3),
        new(FaultKind.RabbitRestart, 2), new(FaultKind.AlertingKill, 20), new(FaultKind.PostgresRestart, 3),
        new(FaultKind.ContentBehind, 1), new(FaultKind.TransactionsBehind, 1),
    ];

    public static ChaosOptions ShortForm { get; } = new();

    public static ChaosOptions FullForm { get; } = new() { Full = true, Faults = FullFaults, Shape = StreamShape.FullForm, RecordsPerSecond = 400 };

    /// <summary>Parses <c>[--short|--full] [--faults a,b:n] [--seed N] [--stream file] [--rate N] [--out dir]</c>.</summary>
    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--full") ? FullForm : ShortForm;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--short" or "--full":
                    break;
                case "--faults":
                    var defaults = options.Full ? FullFaults : ShortFaults;
                    options = options with
                    {
                        Faults = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(spec =>
                        {
                            var parts = spec.Split(':');
                            var kind = Fault.Parse(parts[0]);
                            if (kind == FaultKind.Backtest)
                            {
                                throw new ArgumentException("'backtest' is not a fault to list: it always runs, right after the undisturbed run");
                            }

                            var count = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture)
                                : defaults.Concat(FullFaults).FirstOrDefault(f => f.Kind == kind)?.Count ?? 0;
                            return new Fault(kind, count);
                        })],
                    };
                    break;
                case "--seed":
                    options = options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--stream":
                    options = options with { StreamFile = Next() };
                    break;
                case "--rate":
                    options = options with { RecordsPerSecond = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--events":
                    options = options with { Shape = options.Shape with { Events = int.Parse(Next(), CultureInfo.InvariantCulture) } };
                    break;
                case "--redis-cluster":
                    options = options with { RedisCluster = true };
                    break;
                case "--unpinned-epoch":
                    options = options with { PinEpoch = false };
                    break;
                case "--out":
                    options = options with { OutputDirectory = Next() };
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return options;
    }
}
