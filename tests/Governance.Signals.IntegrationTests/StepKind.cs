namespace Governance.Signals.IntegrationTests;

/// <summary>What a generated input record is.</summary>
internal enum StepKind
{
    /// <summary>An event not seen before.</summary>
    New,

    /// <summary>An earlier event's id again at a new offset (ingestion re-produced it).</summary>
    UpstreamDuplicate,

    /// <summary>An earlier record read again at its own offset (a batch redelivered after a crash).</summary>
    Redelivery,
}
