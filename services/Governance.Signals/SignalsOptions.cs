using Governance.Contracts;

namespace Governance.Signals;

/// <summary>
/// Signal worker settings (section <c>Signals</c>):
/// <code>
/// "Signals": { "GroupId": "governance-signals", "BatchSize": 5000, "BatchMaxWait": "00:00:00.020",
///              "Windows": { "DedupHorizon": "01:00:00" } }
/// </code>
/// </summary>
public sealed class SignalsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Signals";

    /// <summary>Consumer group (scale = partitions).</summary>
    public string GroupId { get; set; } = "governance-signals";

    /// <summary>Normalized events topic.</summary>
    public string InputTopic { get; set; } = Topics.Events;

    /// <summary>Where unreadable records of the input topic go.</summary>
    public string DeadLetterTopic { get; set; } = Topics.DeadLetter;

    /// <summary>Most events per batch (one Redis write round trip, one offset commit).</summary>
    // 5,000: a busy creator's events of one batch share one write (its buckets coalesce), so Redis
    // works ~17 % less per event than with 1,000; latency is unaffected (BatchMaxWait closes batches
    // long before they fill at moderate rates). docs/benchmarks.md.
    public int BatchSize { get; set; } = 5000;

    /// <summary>Longest wait to fill a batch once its first record arrived.</summary>
    // 20 ms: at a steady 5,000 events/s a 200 ms wait alone took most of the 250 ms latency budget
    // (docs/benchmarks.md); under load batches fill to BatchSize before the wait ends anyway.
    public TimeSpan BatchMaxWait { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>First pause when Redis or RabbitMQ fails; doubles up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest a Redis or RabbitMQ call may take before it counts as failed and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest pause between retries.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often workers also poll Redis for a new pack (besides the change notification).</summary>
    public TimeSpan PackRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rule folder used when Redis holds no published pack yet (local development).</summary>
    public string? RulesPath { get; set; } = "rules";

    /// <summary>Window behaviour.</summary>
    public Rules.Windows.WindowStoreOptions Windows { get; set; } = new();

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (BatchSize < 1 || BatchMaxWait < TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero || RetryBackoff <= TimeSpan.Zero || MaxRetryBackoff < RetryBackoff || PackRefreshInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Signals: BatchSize >= 1, BatchMaxWait >= 0, AttemptTimeout > 0, 0 < RetryBackoff <= MaxRetryBackoff and PackRefreshInterval > 0 are required.");
        }

        if (string.IsNullOrWhiteSpace(GroupId) || string.IsNullOrWhiteSpace(InputTopic) || string.IsNullOrWhiteSpace(DeadLetterTopic))
        {
            throw new InvalidOperationException("Signals: GroupId, InputTopic and DeadLetterTopic must not be empty.");
        }

        if (Windows.DedupHorizon <= TimeSpan.Zero || Windows.EvidenceLimit is < 1 or > 100 || Windows.MaxCachedCreators < 1)
        {
            throw new InvalidOperationException("Signals:Windows: DedupHorizon > 0, EvidenceLimit within 1..100 and MaxCachedCreators >= 1 are required.");
        }
    }
}
