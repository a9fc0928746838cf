namespace Governance.Rules.Windows;

/// <summary>Peer counts in memory: a backtest's or a test's, merged at once. One caller at a time.</summary>
public sealed class MemoryPeerCounts : IPeerCounts
{
    private readonly Dictionary<(string RuleId, int Band, DateTimeOffset Hour), (long Numerator, long Denominator)> _buckets = [];

    /// <inheritdoc/>
    public Task AddAsync(IReadOnlyCollection<PeerCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var c in counts)
        {
            var (n, d) = _buckets.GetValueOrDefault((c.RuleId, c.Band, c.Hour));
            _buckets[(c.RuleId, c.Band, c.Hour)] = (n + c.Numerator, d + c.Denominator);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PeerCount>> ReadAsync(string ruleId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PeerCount>>([.. _buckets
            .Where(b => b.Key.RuleId == ruleId && b.Key.Hour >= from && b.Key.Hour <= until)
            .Select(b => new PeerCount(ruleId, b.Key.Band, b.Key.Hour, b.Value.Numerator, b.Value.Denominator))]);
}
