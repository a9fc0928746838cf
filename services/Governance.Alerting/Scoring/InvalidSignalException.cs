namespace Governance.Alerting.Scoring;

/// <summary>A signal that can never be processed (a poison message): retried, then moved to the error queue.</summary>
public sealed class InvalidSignalException : Exception
{
    /// <summary>For serializers.</summary>
    public InvalidSignalException()
        : base("invalid signal")
    {
    }

    /// <summary>With what is wrong with the signal.</summary>
    public InvalidSignalException(string message)
        : base(message)
    {
    }

    /// <summary>With what is wrong and the exception that found it (kept, with its stack trace, for the log and the error queue).</summary>
    public InvalidSignalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
