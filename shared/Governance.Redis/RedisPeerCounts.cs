using System.Globalization;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Redis;

/// <summary>
/// The workers' peer-group counts in Redis: a hash per rule and hour of event time, a field per volume
/// band's numerator (<c>{band}:n</c>) and denominator (<c>{band}:d</c>), merged with HINCRBY (several
/// workers add to one hour; each merges its own counts about once a second, never per event). A
/// bucket outlives the longest baseline history that reads it by a day of wall-clock time after its
/// last merge, so it survives restarts and leaves nothing behind.
/// </summary>
public sealed class RedisPeerCounts(IConnectionMultiplexer redis, RedisOptions options) : IPeerCounts
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(31);

    private readonly RedisKeys _keys = new((options ?? throw new ArgumentNullException(nameof(options))).KeyPrefix);

    /// <inheritdoc/>
    public async Task AddAsync(IReadOnlyCollection<PeerCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var batch = redis.GetDatabase().CreateBatch();
        var sent = new List<Task>();
        foreach (var bucket in counts.GroupBy(c => (c.RuleId, c.Hour)))
        {
            var key = _keys.Peers(bucket.Key.RuleId, bucket.Key.Hour);
            foreach (var c in bucket)
            {
                sent.Add(batch.HashIncrementAsync(key, Field(c.Band, "n"), c.Numerator));
                sent.Add(batch.HashIncrementAsync(key, Field(c.Band, "d"), c.Denominator));
            }

            sent.Add(batch.KeyExpireAsync(key, Kept));
        }

        batch.Execute();
        await Task.WhenAll(sent).WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PeerCount>> ReadAsync(string ruleId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var reads = new List<(DateTimeOffset Hour, Task<HashEntry[]> Fields)>();
        for (var hour = from; hour <= until; hour += TimeSpan.FromHours(1))
        {
            reads.Add((hour, batch.HashGetAllAsync(_keys.Peers(ruleId, hour))));
        }

        batch.Execute();
        await Task.WhenAll(reads.Select(r => r.Fields)).WaitAsync(cancellationToken);
        var found = new List<PeerCount>();
        foreach (var (hour, fields) in reads)
        {
            var bands = new SortedDictionary<int, (long Numerator, long Denominator)>();
            foreach (var field in fields.Result)
            {
                var name = field.Name.ToString();
                var colon = name.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && int.TryParse(name.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var band))
                {
                    var (n, d) = bands.GetValueOrDefault(band);
                    bands[band] = name[(colon + 1)..] == "n" ? ((long)field.Value, d) : (n, (long)field.Value);
                }
            }

            found.AddRange(bands.Select(b => new PeerCount(ruleId, b.Key, hour, b.Value.Numerator, b.Value.Denominator)));
        }

        return found;
    }

    private static string Field(int band, string side) => string.Create(CultureInfo.InvariantCulture, $"{band}:{side}");
}
