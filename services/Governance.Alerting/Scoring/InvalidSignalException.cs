namespace Governance.Alerting.Scoring;

/// <summary>A signal that can never be processed (a poison message): retried, then moved to the error queue.</summary>
public sealed class InvalidSignalException(string message) : Exception(message)
{
    /// <summary>For serializers.</summary>
    public InvalidSignalException()
        : this("invalid signal")
    {
    }

    /// <summary>With an inner exception.</summary>
    public InvalidSignalException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}
