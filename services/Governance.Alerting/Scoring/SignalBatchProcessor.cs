using System.Diagnostics;
using Governance.Alerting.Outbox;
using Governance.Alerting.Storage;
using Governance.Contracts;
using Governance.Rules.Model;
using Governance.Scoring;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Governance.Alerting.Scoring;

/// <summary>
/// A batch of valid signals, one PostgreSQL transaction: inbox, creator locks, signal rows, scores, the
/// open alerts and the outgoing CreatorFlagged in the outbox, in two round trips (three after a start) and the commit. Each
/// creator's signals are applied in the order given (delivery order). Either all of it commits or none
/// of it does, so a redelivered or retried batch never half-applies.
/// </summary>
internal sealed class SignalBatchProcessor(
    NpgsqlDataSource dataSource,
    EscalationPolicy policy,
    IOptions<AlertingOptions> options,
    OutboxNotifier outbox,
    ParsedSignals parsed,
    AlertingTelemetry telemetry,
    TimeProvider time,
    ILogger<SignalBatchProcessor> logger)
{
    private readonly TimeSpan _halfLife = options.Value.HalfLife;

    /// <summary>A signal that passed <see cref="SignalValidation"/>, with the trace context it was consumed in (W3C <c>traceparent</c>), if any.</summary>
    public sealed record Valid(RiskSignalDetected Signal, Severity Severity, bool Shadow, string? TraceParent = null);

    /// <summary>Applies the signals (in order) and commits; returns each signal's outcome, in the same order.</summary>
    public async Task<IReadOnlyList<SignalOutcome>> ProcessAsync(IReadOnlyList<Valid> batch, CancellationToken cancellationToken)
    {
        var signalIds = batch.Select(v => v.Signal.SignalId).Distinct(StringComparer.Ordinal).ToArray();
        // Per creator the earliest window end of the batch less the look-back: every signal's look-back
        // starts at or after it (the score's reference time never precedes the signal's window end).
        var creators = batch.GroupBy(v => v.Signal.CreatorId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, From: g.Min(v => v.Signal.WindowEnd.UtcDateTime) - policy.Lookback))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();

        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var store = new BatchStore(connection, transaction, parsed);
        var view = await store.ReadAsync(signalIds, [.. creators.Select(c => c.Id)], [.. creators.Select(c => c.From)], cancellationToken);

        var tRead = clock.Elapsed.TotalMilliseconds;
        var open = view.OpenAlerts.ToDictionary(a => a.CreatorId, StringComparer.Ordinal);
        var held = view.Signals.ToLookup(s => s.CreatorId, StringComparer.Ordinal);
        var states = view.Creators.ToDictionary(c => c.CreatorId, c => new CreatorState(c, open.GetValueOrDefault(c.CreatorId), held[c.CreatorId], parsed), StringComparer.Ordinal);
        var now = time.GetUtcNow().UtcDateTime;
        var changes = new BatchChanges();
        var applier = new SignalApplier(policy, _halfLife, now, changes);
        var fresh = new HashSet<string>(view.NewSignalIds, StringComparer.Ordinal);
        var outcomes = new SignalOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var (signal, severity, shadow, traceParent) = batch[i];
            // Remove: a second copy of the same signal in one batch is a duplicate as well.
            outcomes[i] = fresh.Remove(signal.SignalId) ? applier.Apply(states[signal.CreatorId], signal, severity, shadow, traceParent) : SignalOutcome.Duplicate;
        }

        var tApply = clock.Elapsed.TotalMilliseconds;
        if (changes.Signals.Any())
        {
            await store.WriteAsync(changes, now, cancellationToken);
        }

        var tWrite = clock.Elapsed.TotalMilliseconds;
        await transaction.CommitAsync(cancellationToken);
        telemetry.BatchSize.Record(batch.Count);
        telemetry.BatchDuration.Record(clock.Elapsed.TotalSeconds);
        AlertingLog.BatchWritten(logger, batch.Count, view.Signals.Count, changes.Revisions.Count, tRead, tApply - tRead, tWrite - tApply, clock.Elapsed.TotalMilliseconds - tWrite);
        Record(outcomes, changes);
        return outcomes;
    }

    private void Record(SignalOutcome[] outcomes, BatchChanges changes)
    {
        foreach (var group in outcomes.GroupBy(o => o))
        {
            telemetry.Signals.Add(group.Count(), new KeyValuePair<string, object?>("outcome", group.Key.ToString().ToLowerInvariant()));
        }

        foreach (var r in changes.Revisions)
        {
            telemetry.Alerts.Add(1, new KeyValuePair<string, object?>("change", r.Change), new KeyValuePair<string, object?>("priority", r.Priority));
            AlertingLog.AlertWritten(logger, r.AlertId, r.Number, r.CreatorId, r.Change, r.Priority, r.Score);
        }

        if (changes.Revisions.Count > 0)
        {
            outbox.Notify();
        }
    }
}
