namespace Governance.Contracts;

/// <summary>Reason codes of dead-lettered input (header <see cref="DeadLetterHeaders.Reason"/>).</summary>
public static class RejectionReasons
{
    /// <summary>The value is not a UTF-8 JSON object (or is empty).</summary>
    public const string NotJson = "not_json";

    /// <summary>The value is larger than the size limit (256 KiB by default).</summary>
    public const string TooLarge = "too_large";

    /// <summary>A required field is absent or null.</summary>
    public const string MissingField = "missing_field";

    /// <summary>A field has the wrong JSON type.</summary>
    public const string WrongType = "wrong_type";

    /// <summary>The <c>type</c> is not one the topic accepts.</summary>
    public const string UnknownType = "unknown_type";

    /// <summary>A value is out of range: negative amount, bad currency, over-long field, bad locale.</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary><c>occurredAt</c> is not RFC 3339 with an offset.</summary>
    public const string BadTimestamp = "bad_timestamp";

    /// <summary><c>occurredAt</c> is further in the future than the allowed clock skew.</summary>
    public const string FutureTimestamp = "future_timestamp";

    /// <summary>
    /// Signal worker: the event is older than every window that reads its source (its creator's
    /// watermark for that source minus the longest such window); it could change no window.
    /// </summary>
    public const string TooLate = "too_late";

    /// <summary>Every ingestion code, for metrics and documentation (the signal worker adds <see cref="TooLate"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
        [NotJson, TooLarge, MissingField, WrongType, UnknownType, InvalidValue, BadTimestamp, FutureTimestamp];
}
