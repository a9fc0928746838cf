namespace Governance.Rules.Windows;

/// <summary>What the store did with an event.</summary>
public enum EventStatus
{
    /// <summary>Counted.</summary>
    Applied,

    /// <summary>Seen before (same eventId): not counted again; values are read as of now.</summary>
    Duplicate,

    /// <summary>Older than the creator's latest event minus the allowed lateness: ignored.</summary>
    Late,
}
