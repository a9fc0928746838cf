namespace Governance.Alerting.Storage;

/// <summary>A creator's scores as stored (timestamps are UTC), and how many alerts it has had opened.</summary>
internal sealed record CreatorRow(string CreatorId, double Score, DateTime? ScoreAt, double ShadowScore, DateTime? ShadowScoreAt, int AlertsOpened);

/// <summary>An alert as stored.</summary>
internal sealed record AlertRow(Guid AlertId, string CreatorId, string Status, int Revision, string Priority, short MessagePriority, string Severity, double Score, DateTime FirstSignalAt, DateTime LastWindowEnd, DateTime OpenedAt);

/// <summary>An enforce signal of the look-back, or of the open alert, with its stored message if it may travel in one (null otherwise).</summary>
internal sealed record SignalRow(string SignalId, string CreatorId, string RuleId, string Severity, Guid? AlertId, DateTime WindowEnd, string? Payload);

/// <summary>A signal as the batch's read returns it: <see cref="SignalRow"/> without the payload, and whether its message may travel in one.</summary>
internal sealed record HeldSignalRow(string SignalId, string CreatorId, string RuleId, string Severity, Guid? AlertId, DateTime WindowEnd, bool Carried);

/// <summary>A message waiting in the outbox (its signal ids as a JSON array; null: the payload carries the signals), with the trace context (W3C <c>traceparent</c>) to send it in, if any.</summary>
internal sealed record OutboxRow(long OutboxId, Guid MessageId, Guid AlertId, int Revision, string CreatorId, short MessagePriority, string Payload, string? SignalIds, string? TraceParent);

/// <summary>
/// What the batch's read returns, its creators locked: the signal ids the inbox did not know, and per
/// creator its scores, its open alert and the signals a decision may need.
/// </summary>
internal sealed record BatchView(IReadOnlySet<string> NewSignalIds, IReadOnlyList<CreatorRow> Creators, IReadOnlyList<AlertRow> OpenAlerts, IReadOnlyList<SignalRow> Signals);
