namespace Governance.Validation;

/// <summary>How an input field is checked.</summary>
internal enum FieldKind
{
    /// <summary>A string whose length is within [Min, Max].</summary>
    String,

    /// <summary>A finite number within [Min, Max].</summary>
    Number,

    /// <summary>A whole number within [Min, Max].</summary>
    Integer,

    /// <summary>An array of at most Max strings, each 1–128 characters.</summary>
    StringArray,

    /// <summary>An ISO 4217 code.</summary>
    Currency,

    /// <summary>A BCP 47 language tag.</summary>
    Locale,

    /// <summary>An RFC 3339 date-time with offset.</summary>
    Timestamp,

    /// <summary>The event type, checked against the topic's list.</summary>
    EventType,
}
