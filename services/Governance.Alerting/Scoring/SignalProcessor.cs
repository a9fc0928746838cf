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
        if (!await store.RecordInboxAsync(signal.SignalId, cancellationToken))
        {
            return SignalOutcome.Duplicate;
        }

        var creator = await store.LockCreatorAsync(signal.CreatorId, cancellationToken);
        await store.InsertSignalAsync(signal, JsonSerializer.Serialize(signal, GovernanceJsonContext.Default.RiskSignalDetected), cancellationToken);
        var weight = policy.Weight(signal.RuleId, severity);
        var windowEnd = signal.WindowEnd.UtcDateTime;
        if (shadow)
        {
            var shadowScore = Score(creator.ShadowScore, creator.ShadowScoreAt).Add(weight, windowEnd, _halfLife);
            await store.SaveScoreAsync(signal.CreatorId, shadow: true, shadowScore.Value, shadowScore.At.UtcDateTime, cancellationToken);
            return SignalOutcome.Shadow;
        }

        var score = Score(creator.Score, creator.ScoreAt).Add(weight, windowEnd, _halfLife);
        await store.SaveScoreAsync(signal.CreatorId, shadow: false, score.Value, score.At.UtcDateTime, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var open = await store.OpenAlertAsync(signal.CreatorId, cancellationToken);
        if (open is not null && windowEnd - open.LastWindowEnd > policy.AlertExpiry)
        {
            // Event time, like the score: a replay expires alerts exactly where the live stream did.
            await store.ExpireAsync(open.AlertId, now, cancellationToken);
            open = null;
        }

        AlertRow alert;
        string change;
        if (open is not null)
        {
            await store.AttachAsync(open.AlertId, [signal.SignalId], cancellationToken);
            var attached = await store.AlertSignalsAsync(open.AlertId, cancellationToken);
            var tier = policy.TierOfOpenAlert(score.Value, [.. attached.Select(Scored)]);
            alert = open with
            {
                Revision = open.Revision + 1,
                Priority = tier.Name,
                MessagePriority = tier.MessagePriority,
                Severity = Max(open.Severity, severity),
                Score = score.Value,
                LastWindowEnd = windowEnd > open.LastWindowEnd ? windowEnd : open.LastWindowEnd,
            };
            await store.UpdateAlertAsync(alert, now, cancellationToken);
            change = "updated";
        }
        else
        {
            // Only signals no earlier alert used count towards a new one: a decided alert's evidence
            // does not reopen it.
            var recent = (await store.RecentEnforceSignalsAsync(signal.CreatorId, (score.At - policy.Lookback).UtcDateTime, cancellationToken))
                .Where(r => r.AlertId is null).ToList();
            if (policy.Decide(score.Value, [.. recent.Select(Scored)]) is not { } escalation)
            {
                return SignalOutcome.Scored;
            }

            alert = new AlertRow(
                StableIds.Alert(signal.CreatorId, signal.SignalId), signal.CreatorId, "open", 1, escalation.Tier.Name, escalation.Tier.MessagePriority,
                recent.Select(r => Parse(r.Severity)).Max().ToString().ToLowerInvariant(), score.Value, DateTime.MinValue, windowEnd, now);
            await store.InsertAlertAsync(alert with { FirstSignalAt = signal.DetectedAt.UtcDateTime }, now, cancellationToken);
            await store.AttachAsync(alert.AlertId, [.. recent.Select(r => r.SignalId)], cancellationToken);
            change = "opened";
        }

        var signals = (await store.SignalPayloadsAsync(alert.AlertId, cancellationToken))
            .Select(p => JsonSerializer.Deserialize(p, GovernanceJsonContext.Default.RiskSignalDetected)!).ToList();
        alert = alert with { FirstSignalAt = signals.Min(s => s.DetectedAt).UtcDateTime };
        if (change == "opened" || alert.FirstSignalAt != open?.FirstSignalAt)
        {
            await store.UpdateAlertAsync(alert, now, cancellationToken);
        }

        await store.InsertHistoryAsync(alert, signal.SignalId, change, cancellationToken);
        var message = new CreatorFlagged
        {
            AlertId = alert.AlertId.ToString("D"),
            Revision = alert.Revision,
            CreatorId = alert.CreatorId,
            Severity = alert.Severity,
            Score = Math.Round(alert.Score, 3),
            PriorityName = alert.Priority,
            Priority = (byte)alert.MessagePriority,
            Signals = signals,
            Reasons = Reasons.For(alert.Score, alert.Priority, signals),
            FirstSignalAt = new DateTimeOffset(alert.FirstSignalAt, TimeSpan.Zero),
            FlaggedAt = new DateTimeOffset(now, TimeSpan.Zero),
        };
        await store.InsertOutboxAsync(StableIds.Message(alert.AlertId, alert.Revision), alert, JsonSerializer.Serialize(message, GovernanceJsonContext.Default.CreatorFlagged), cancellationToken);
        telemetry.Alerts.Add(1, new KeyValuePair<string, object?>("change", change));
        AlertingLog.AlertWritten(logger, alert.AlertId, alert.Revision, alert.CreatorId, change, alert.Priority, alert.Score);
        return change == "opened" ? SignalOutcome.Opened : SignalOutcome.Updated;
    }

    private static DecayingScore Score(double value, DateTime? at) =>
        at is { } t ? new DecayingScore(value, new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : DecayingScore.Empty;

    private static ScoredSignal Scored(RecentSignalRow row) => new(row.RuleId, Parse(row.Severity));

    private static Severity Parse(string severity) => Enum.Parse<Severity>(severity, ignoreCase: true);

    private static string Max(string current, Severity incoming) =>
        (Parse(current) > incoming ? Parse(current) : incoming).ToString().ToLowerInvariant();
}
