namespace Governance.Validation;

/// <summary>Validation limits (section <c>Ingestion:Limits</c>; also used by backtests).</summary>
public sealed class ValidationLimits
{
    /// <summary>Largest accepted record value; spec: 256 KiB.</summary>
    public int MaxRecordBytes { get; set; } = 256 * 1024;

    /// <summary>How far ahead of the clock <c>occurredAt</c> may be; spec: 5 minutes.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);
}
