using System.Text.Json;
using Governance.Alerting.Storage;
using Governance.Contracts;
using Governance.Rules.Model;
using Governance.Scoring;

namespace Governance.Alerting.Scoring;

/// <summary>
/// Applies one signal to its creator's held state and records the writes in the batch's changes: the
/// score, and the open alert's new revision (or a new alert) with its CreatorFlagged. No I/O: the
/// batch read everything before and writes everything after. A revision's outbox row keeps the trace
/// context of the signal that caused it, which its CreatorFlagged is sent in.
/// </summary>
internal sealed class SignalApplier(EscalationPolicy policy, TimeSpan halfLife, DateTime now, BatchChanges changes)
{
    public SignalOutcome Apply(CreatorState state, RiskSignalDetected signal, Severity severity, bool shadow, string? traceParent = null)
    {
        var payload = JsonSerializer.Serialize(signal, GovernanceJsonContext.Default.RiskSignalDetected);
        changes.AddSignal(signal, signal.Severity.ToLowerInvariant(), payload);
        var weight = policy.Weight(signal.RuleId, severity);
        var windowEnd = signal.WindowEnd.UtcDateTime;
        var creator = state.Row;
        if (shadow)
        {
            var shadowScore = Score(creator.ShadowScore, creator.ShadowScoreAt).Add(weight, windowEnd, halfLife);
            state.Row = creator with { ShadowScore = shadowScore.Value, ShadowScoreAt = shadowScore.At.UtcDateTime };
            changes.SetCreator(state.Row);
            return SignalOutcome.Shadow;
        }

        var score = Score(creator.Score, creator.ScoreAt).Add(weight, windowEnd, halfLife);
        state.Row = creator with { Score = score.Value, ScoreAt = score.At.UtcDateTime };
        changes.SetCreator(state.Row);
        state.Add(new SignalRow(signal.SignalId, signal.CreatorId, signal.RuleId, signal.Severity.ToLowerInvariant(), null, windowEnd, payload), signal);

        // What the per-signal query used to return: the open alert's signals and the unattached ones of the look-back.
        var lookbackFrom = (score.At - policy.Lookback).UtcDateTime;
        var open = state.Open;
        var view = state.Signals.Where(r => (r.AlertId is null && r.WindowEnd > lookbackFrom) || (open is not null && r.AlertId == open.AlertId)).ToList();
        if (open is not null && windowEnd - open.LastWindowEnd > policy.AlertExpiry)
        {
            // Event time, like the score: a replay expires alerts exactly where the live stream did.
            changes.SetAlert(open with { Status = "expired" }, stored: true, closedAt: now);
            state.Open = open = null;
        }

        AlertRow alert;
        List<SignalRow> signals;
        string[] attach;
        if (open is not null)
        {
            signals = [.. view.Where(r => r.AlertId == open.AlertId || r.SignalId == signal.SignalId)];
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
            signals = [.. view.Where(r => r.AlertId is null)];
            if (policy.Decide(score.Value, [.. signals.Select(Scored)]) is not { } escalation)
            {
                return SignalOutcome.Scored;
            }

            state.Row = state.Row with { AlertsOpened = state.Row.AlertsOpened + 1 };
            changes.SetCreator(state.Row);
            alert = new AlertRow(
                StableIds.Alert(signal.CreatorId, state.Row.AlertsOpened), signal.CreatorId, "open", 1, escalation.Tier.Name, escalation.Tier.MessagePriority,
                signals.Select(r => Parse(r.Severity)).Max().ToString().ToLowerInvariant(), score.Value, default, windowEnd, now);
            attach = [.. signals.Select(r => r.SignalId)];
        }

        // The newest 100 signals travel with the message, oldest window first.
        var carried = signals.OrderByDescending(r => r.WindowEnd).ThenByDescending(r => r.SignalId, StringComparer.Ordinal).Take(BatchStore.MessageSignals).Reverse().ToList();
        var messages = carried.Select(state.Message).ToList();
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

        state.Open = alert;
        state.Attach(attach.ToHashSet(StringComparer.Ordinal), alert.AlertId);
        foreach (var id in attach)
        {
            changes.Attach(id, alert.AlertId);
        }

        changes.SetAlert(alert, stored: open is not null);
        changes.Revisions.Add(new BatchChanges.Revision(alert.AlertId, alert.Revision, alert.Score, alert.Priority, signal.SignalId, change,
            StableIds.Message(alert.AlertId, alert.Revision), alert.CreatorId, alert.MessagePriority, message, traceParent));
        return open is null ? SignalOutcome.Opened : SignalOutcome.Updated;
    }

    private static DecayingScore Score(double value, DateTime? at) =>
        at is { } t ? new DecayingScore(value, new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : DecayingScore.Empty;

    private static ScoredSignal Scored(SignalRow row) => new(row.RuleId, Parse(row.Severity));

    private static Severity Parse(string severity) => Enum.Parse<Severity>(severity, ignoreCase: true);

    private static string Max(string current, Severity incoming) =>
        (Parse(current) > incoming ? Parse(current) : incoming).ToString().ToLowerInvariant();
}
