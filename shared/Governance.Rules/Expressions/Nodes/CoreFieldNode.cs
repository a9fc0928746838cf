namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>event.type</c> and the other core fields of <see cref="RuleEvent"/>.</summary>
internal sealed class CoreFieldNode : Node
{
    private readonly Func<RuleEvent, Value> _read;

    private CoreFieldNode(int position, ExpressionType type, Func<RuleEvent, Value> read, Func<RuleEvent, string?>? readString = null)
        : base(position, type)
    {
        _read = read;
        ReadString = readString;
    }

    /// <summary>The field as a .NET string, for the string fields (all but occurredAt): lets comparisons skip <see cref="Value"/>.</summary>
    public Func<RuleEvent, string?>? ReadString { get; }

    /// <summary>The core field names as rules spell them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["eventId", "source", "type", "creatorId", "occurredAt", "locale"];

    /// <summary>The node for a core field, or null when <paramref name="name"/> is not one (then it is an attribute).</summary>
    public static CoreFieldNode? TryCreate(string name, int position) => name switch
    {
        "eventId" => new(position, ExpressionType.String, ReadEventId, EventIdText),
        "source" => new(position, ExpressionType.String, ReadSource, SourceText),
        "type" => new(position, ExpressionType.String, ReadType, TypeText),
        "creatorId" => new(position, ExpressionType.String, ReadCreatorId, CreatorIdText),
        "occurredAt" => new(position, ExpressionType.Timestamp, ReadOccurredAt),
        "locale" => new(position, ExpressionType.String, ReadLocale, LocaleText),
        _ => null,
    };

    public override Value Evaluate(RuleEvent e) => _read(e);

    private static string EventIdText(RuleEvent e) => e.EventId;

    private static string SourceText(RuleEvent e) => e.Source;

    private static string TypeText(RuleEvent e) => e.Type;

    private static string CreatorIdText(RuleEvent e) => e.CreatorId;

    private static string? LocaleText(RuleEvent e) => e.Locale;

    private static Value ReadEventId(RuleEvent e) => Value.FromString(e.EventId);

    private static Value ReadSource(RuleEvent e) => Value.FromString(e.Source);

    private static Value ReadType(RuleEvent e) => Value.FromString(e.Type);

    private static Value ReadCreatorId(RuleEvent e) => Value.FromString(e.CreatorId);

    private static Value ReadOccurredAt(RuleEvent e) => Value.FromTimestamp(e.OccurredAt);

    private static Value ReadLocale(RuleEvent e) => Value.FromString(e.Locale);
}
