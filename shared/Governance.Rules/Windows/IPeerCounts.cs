namespace Governance.Rules.Windows;

/// <summary>
/// Where the workers merge their peer-group counts (hourly buckets of event time) and read them back:
/// Redis for the workers, memory for a backtest or a test.
/// </summary>
public interface IPeerCounts
{
    /// <summary>Adds <paramref name="counts"/> to the stored buckets (a merge: the same bucket from several workers sums).</summary>
    Task AddAsync(IReadOnlyCollection<PeerCount> counts, CancellationToken cancellationToken);

    /// <summary>The stored buckets of <paramref name="ruleId"/> whose hours start from <paramref name="from"/> up to <paramref name="until"/> (both included).</summary>
    Task<IReadOnlyList<PeerCount>> ReadAsync(string ruleId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}
