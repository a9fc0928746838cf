using System.Globalization;
using Governance.Contracts;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Redis;

/// <summary>
/// Window state in Redis. A batch costs one round trip: one Lua call per creator (atomic: dedup by
/// eventId, lateness, every state update and the values after each event), all pipelined together.
/// Series are kept in 60 time buckets per window with a running total; distinct counts exactly in a
/// sorted set (item → last seen). Every key has a TTL of its window plus the allowed lateness.
/// </summary>
public sealed class RedisWindowStore : IWindowStore
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(RedisWindowStore).Assembly.GetManifestResourceStream("Governance.Redis.WindowScript.lua")
            ?? throw new InvalidOperationException("WindowScript.lua is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly IConnectionMultiplexer _redis;
    private readonly WindowStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly RedisKeys _keys;
    private long _roundTrips;

    /// <summary>Creates the store over a shared connection.</summary>
    public RedisWindowStore(IConnectionMultiplexer redis, RedisOptions redisOptions, WindowStoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        _redis = redis;
        _options = options;
        _time = time;
        _keys = new RedisKeys(redisOptions.KeyPrefix);
    }

    /// <summary>Pipelined round trips made so far (for the round-trips-per-event figure).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CreatorOutcome>> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        var db = _redis.GetDatabase();
        var pipeline = db.CreateBatch();
        var day = _time.GetUtcNow().UtcTicks / TimeSpan.TicksPerDay;
        var seenTtl = (long)Math.Ceiling(_options.DedupHorizon.TotalSeconds) + 86_400;
        var calls = batch.Select(c => pipeline.ScriptEvaluateAsync(Script.Value, [_keys.Watermark(c.CreatorId)], Arguments(c, day, seenTtl))).ToArray();
        pipeline.Execute();
        Interlocked.Increment(ref _roundTrips);
        var results = await Task.WhenAll(calls).WaitAsync(cancellationToken);
        return [.. batch.Select((c, i) => Read(c, (RedisResult[])results[i]!))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyList<EvidenceItem>>> GetEvidenceAsync(IReadOnlyList<EvidenceRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var pipeline = _redis.GetDatabase().CreateBatch();
        var calls = requests.Select(r => pipeline.ListRangeAsync(_keys.Evidence(r.CreatorId, r.Key), 0, _options.EvidenceLimit - 1)).ToArray();
        pipeline.Execute();
        Interlocked.Increment(ref _roundTrips);
        var lists = await Task.WhenAll(calls).WaitAsync(cancellationToken);
        return [.. requests.Select((r, i) => (IReadOnlyList<EvidenceItem>)[.. lists[i].Select(Parse).OfType<EvidenceItem>()
            .Where(e => e.OccurredAt > r.WindowEnd - r.Window && e.OccurredAt <= r.WindowEnd)])];
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken)
    {
        var db = _redis.GetDatabase();
        await db.StringSetAsync(_keys.Epoch, candidate.ToUnixTimeMilliseconds(), when: When.NotExists).WaitAsync(cancellationToken);
        var stored = await db.StringGetAsync(_keys.Epoch).WaitAsync(cancellationToken);
        Interlocked.Add(ref _roundTrips, 2);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)stored);
    }

    /// <inheritdoc />
    public async Task SetCooldownsAsync(IReadOnlyList<Cooldown> cooldowns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cooldowns);
        if (cooldowns.Count == 0)
        {
            return;
        }

        var pipeline = _redis.GetDatabase().CreateBatch();
        var now = _time.GetUtcNow();
        var calls = cooldowns.Select(c => pipeline.ScriptEvaluateAsync(
            "local cur = tonumber(redis.call('GET', KEYS[1])) if (not cur) or cur < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end return 1",
            [_keys.Cooldown(c.CreatorId, c.RuleId)],
            [c.Until.ToUnixTimeMilliseconds(), (long)Math.Max(60_000, (c.Until - now).TotalMilliseconds + TimeSpan.FromDays(1).TotalMilliseconds)])).ToArray();
        pipeline.Execute();
        Interlocked.Increment(ref _roundTrips);
        await Task.WhenAll(calls).WaitAsync(cancellationToken);
    }

    private RedisValue[] Arguments(CreatorUpdates creator, long day, long seenTtl)
    {
        var args = new List<RedisValue>(8 + (creator.Events.Count * 12))
        {
            _keys.Creator(creator.CreatorId),
            day,
            seenTtl,
            (long)_options.AllowedLateness.TotalMilliseconds,
            _options.EvidenceLimit,
            creator.Events.Count,
        };
        foreach (var e in creator.Events)
        {
            args.Add(e.EventId);
            args.Add(e.OccurredAt.ToUnixTimeMilliseconds());
            args.Add(e.Type);
            args.Add(e.Updates.Count);
            foreach (var u in e.Updates)
            {
                args.Add(u.Kind == UpdateKind.Series ? "s" : "d");
                args.Add(u.Key);
                args.Add((long)u.Window.TotalMilliseconds);
                args.Add(u.Buckets);
                args.Add(u.Delta);
                args.Add(u.Item ?? "");
                args.Add(u.Apply ? "1" : "0");
                args.Add(u.KeepEvidence ? "1" : "0");
            }
        }

        args.Add(creator.CooldownRules.Count);
        args.AddRange(creator.CooldownRules.Select(r => (RedisValue)r));
        return [.. args];
    }

    private static CreatorOutcome Read(CreatorUpdates creator, RedisResult[] result)
    {
        var outcomes = new List<EventOutcome>(creator.Events.Count);
        var i = 0;
        foreach (var e in creator.Events)
        {
            var status = (string)result[i++]! switch
            {
                "a" => EventStatus.Applied,
                "d" => EventStatus.Duplicate,
                _ => EventStatus.Late,
            };
            var end = DateTimeOffset.FromUnixTimeMilliseconds((long)Number(result[i++]));
            if (status == EventStatus.Late)
            {
                outcomes.Add(new EventOutcome(status, [], end));
                continue;
            }

            var values = new double[e.Updates.Count];
            for (var u = 0; u < values.Length; u++)
            {
                values[u] = Number(result[i++]);
            }

            outcomes.Add(new EventOutcome(status, values, end));
        }

        var cooling = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var rule in creator.CooldownRules)
        {
            var text = (string?)result[i++];
            if (!string.IsNullOrEmpty(text))
            {
                cooling[rule] = DateTimeOffset.FromUnixTimeMilliseconds((long)Number(text));
            }
        }

        var firstSeen = (string?)result[i];
        return new CreatorOutcome(outcomes, cooling, string.IsNullOrEmpty(firstSeen) ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)Number(firstSeen)));
    }

    private static double Number(RedisResult value) => Number((string)value!);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static EvidenceItem? Parse(RedisValue entry)
    {
        var parts = ((string)entry!).Split('\t');
        return parts.Length == 3 && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
            ? new EvidenceItem { EventId = parts[0], Type = parts[1], OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(at) }
            : null;
    }
}
