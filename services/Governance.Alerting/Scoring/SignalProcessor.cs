using System.Text.Json;
using Governance.Alerting.Outbox;
using Governance.Alerting.Storage;
using Governance.Contracts;
using Governance.Rules.Model;
using Governance.Scoring;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Governance.Alerting.Scoring;

/// <summary>
/// One signal, one PostgreSQL transaction: inbox, creator lock, signal row, score, the open alert and
/// the outgoing CreatorFlagged in the outbox. Either all of it commits or none of it does, so a
/// redelivered or retried signal never half-applies.
/// </summary>
internal sealed class SignalProcessor(
    NpgsqlDataSource dataSource,
    EscalationPolicy policy,
    IOptions<AlertingOptions> options,
    OutboxNotifier outbox,
    AlertingTelemetry telemetry,
    TimeProvider time,
    ILogger<SignalProcessor> logger)
{
    private readonly TimeSpan _halfLife = options.Value.HalfLife;

    public async Task<SignalOutcome> ProcessAsync(RiskSignalDetected signal, CancellationToken cancellationToken)
    {
        var (severity, shadow) = SignalValidation.Check(signal);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var store = new AlertStore(connection, transaction);
        var outcome = await ApplyAsync(store, signal, severity, shadow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        telemetry.Signals.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
        if (outcome is SignalOutcome.Opened or SignalOutcome.Updated)
        {
            outbox.Notify();
        }

        return outcome;
    }

    private async Task<SignalOutcome> ApplyAsync(AlertStore store, RiskSignalDetected signal, Severity severity, bool shadow, CancellationToken cancellationToken)
    {
        if (await store.ReceiveAsync(signal.SignalId, signal.CreatorId, cancellationToken) is not { } creator)
        {
            return SignalOutcome.Duplicate;
        }

        var payload = JsonSerializer.Serialize(signal, GovernanceJsonContext.Default.RiskSignalDetected);
        var weight = policy.Weight(signal.RuleId, severity);
        var windowEnd = signal.WindowEnd.UtcDateTime;
        if (shadow)
        {
            var shadowScore = Score(creator.ShadowScore, creator.ShadowScoreAt).Add(weight, windowEnd, _halfLife);
            await store.StoreShadowAsync(signal, payload, shadowScore.Value, shadowScore.At.UtcDateTime, cancellationToken);
            return SignalOutcome.Shadow;
        }

        var score = Score(creator.Score, creator.ScoreAt).Add(weight, windowEnd, _halfLife);
        var view = await store.StoreAndViewAsync(signal, payload, score.Value, score.At.UtcDateTime, (score.At - policy.Lookback).UtcDateTime, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var open = view.OpenAlert;
        Guid? expire = null;
        if (open is not null && windowEnd - open.LastWindowEnd > policy.AlertExpiry)
        {
            // Event time, like the score: a replay expires alerts exactly where the live stream did.
            expire = open.AlertId;
            open = null;
        }

        AlertRow alert;
        List<SignalRow> signals;
        string[] attach;
        if (open is not null)
        {
            signals = [.. view.Signals.Where(r => r.AlertId == open.AlertId || r.SignalId == signal.SignalId)];
            var tier = policy.TierOfOpenAlert(score.Value, [.. signals.Select(Scored)]);
            alert = open with
            {
                Revision = open.Revision + 1,
                Priority = tier.Name,
                MessagePriority = tier.MessagePriority,
                Severity = Max(open.Severity, severity),
                Score = score.Value,
                LastWindowEnd = windowEnd > open.LastWindowEnd ? windowEnd : open.LastWindowEnd,
            };
            attach = [signal.SignalId];
        }
        else
        {
            // Only signals no earlier alert used count towards a new one: a decided alert's evidence
            // does not reopen it.
            signals = [.. view.Signals.Where(r => r.AlertId is null)];
            if (policy.Decide(score.Value, [.. signals.Select(Scored)]) is not { } escalation)
            {
                return SignalOutcome.Scored;
            }

            alert = new AlertRow(
                StableIds.Alert(signal.CreatorId, signal.SignalId), signal.CreatorId, "open", 1, escalation.Tier.Name, escalation.Tier.MessagePriority,
                signals.Select(r => Parse(r.Severity)).Max().ToString().ToLowerInvariant(), score.Value, default, windowEnd, now);
            attach = [.. signals.Select(r => r.SignalId)];
        }

        // The newest 100 signals travel with the message, oldest window first.
        var messages = signals.OrderByDescending(r => r.WindowEnd).ThenByDescending(r => r.SignalId, StringComparer.Ordinal).Take(100).Reverse()
            .Select(r => JsonSerializer.Deserialize(r.Payload, GovernanceJsonContext.Default.RiskSignalDetected)!).ToList();
        alert = alert with { FirstSignalAt = messages.Min(m => m.DetectedAt).UtcDateTime };
        var change = open is null ? "opened" : "updated";
        var message = new CreatorFlagged
        {
            AlertId = alert.AlertId.ToString("D"),
            Revision = alert.Revision,
            CreatorId = alert.CreatorId,
            Severity = alert.Severity,
            Score = Math.Round(alert.Score, 3),
            PriorityName = alert.Priority,
            Priority = (byte)alert.MessagePriority,
            Signals = messages,
            Reasons = Reasons.For(alert.Score, alert.Priority, messages),
            FirstSignalAt = new DateTimeOffset(alert.FirstSignalAt, TimeSpan.Zero),
            FlaggedAt = new DateTimeOffset(now, TimeSpan.Zero),
        };
        await store.WriteRevisionAsync(expire, alert, open is null, attach, signal.SignalId, change, StableIds.Message(alert.AlertId, alert.Revision),
            JsonSerializer.Serialize(message, GovernanceJsonContext.Default.CreatorFlagged), now, cancellationToken);
        telemetry.Alerts.Add(1, new KeyValuePair<string, object?>("change", change));
        AlertingLog.AlertWritten(logger, alert.AlertId, alert.Revision, alert.CreatorId, change, alert.Priority, alert.Score);
        return open is null ? SignalOutcome.Opened : SignalOutcome.Updated;
    }

    private static DecayingScore Score(double value, DateTime? at) =>
        at is { } t ? new DecayingScore(value, new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : DecayingScore.Empty;

    private static ScoredSignal Scored(SignalRow row) => new(row.RuleId, Parse(row.Severity));

    private static Severity Parse(string severity) => Enum.Parse<Severity>(severity, ignoreCase: true);

    private static string Max(string current, Severity incoming) =>
        (Parse(current) > incoming ? Parse(current) : incoming).ToString().ToLowerInvariant();
}
