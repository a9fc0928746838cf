namespace Governance.Contracts;

/// <summary>Headers ingestion adds to a record it dead-letters (the original headers are kept too).</summary>
public static class DeadLetterHeaders
{
    /// <summary>Topic the record was read from.</summary>
    public const string SourceTopic = "dlq.source.topic";

    /// <summary>Partition it was read from (decimal text).</summary>
    public const string SourcePartition = "dlq.source.partition";

    /// <summary>Offset it was read from (decimal text).</summary>
    public const string SourceOffset = "dlq.source.offset";

    /// <summary>Machine-readable reason code, one of <see cref="RejectionReasons"/>.</summary>
    public const string Reason = "dlq.reason";

    /// <summary>Human message naming the field and the problem.</summary>
    public const string Message = "dlq.message";

    /// <summary>When ingestion rejected it (RFC 3339, UTC).</summary>
    public const string RejectedAt = "dlq.rejected.at";
}
