using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Governance.Alerting.Scoring;
using Governance.Alerting.Storage;
using Governance.Contracts;
using Governance.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using DiagnosticHeaders = MassTransit.Logging.DiagnosticHeaders;

namespace Governance.Alerting.Outbox;

/// <summary>
/// Sends the outbox: pending rows are locked (SKIP LOCKED, so several instances share the work),
/// sent with publisher confirms, and marked sent in the same transaction. A crash after the broker
/// confirmed and before the commit sends the row again on restart, with the same MessageId, alertId
/// and revision: at least once, never a different message. Each row is sent in the trace it was written
/// in (the signal's that caused the revision, stored with the row): under a "send CreatorFlagged" span
/// of that trace, so MassTransit's send span and the message's <c>MT-Activity-Id</c> header carry it on.
/// A revision whose alert has a newer one among the rows taken is superseded: marked sent, not sent
/// (the newer carries its signals and more). When sending falls behind, moderators get each alert's
/// current state once instead of a queue of stale steps to it. A row holds its message without the
/// signals and their ids; the signals come from <see cref="ParsedSignals"/>, or from the signals table
/// (<see cref="StoredSignals"/>, one query per batch) for those it does not hold.
/// </summary>
internal sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    ISendEndpointProvider sendEndpoints,
    OutboxNotifier notifier,
    ParsedSignals parsed,
    IOptions<AlertingOptions> options,
    AlertingTelemetry telemetry,
    TimeProvider time,
    [FromKeyedServices("outbox")] LoopHealth health,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly AlertingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var endpoint = await sendEndpoints.GetSendEndpoint(new Uri("exchange:" + _options.AlertsQueue));
        AlertingLog.DispatcherStarted(logger, _options.AlertsQueue);
        health.SetRunning(true);
        var backoff = _options.RetryBackoff;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var sent = await DispatchOnceAsync(endpoint, stoppingToken);
                    health.Waiting(null);
                    backoff = _options.RetryBackoff;
                    if (sent < _options.Outbox.BatchSize)
                    {
                        await notifier.WaitAsync(_options.Outbox.PollInterval, stoppingToken);
                        if (_options.Outbox.DispatchDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(_options.Outbox.DispatchDelay, time, stoppingToken);
                        }
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    health.Waiting(ex is NpgsqlException ? "PostgreSQL" : "RabbitMQ");
                    telemetry.Waits.Add(1, new KeyValuePair<string, object?>("dependency", ex is NpgsqlException ? "postgresql" : "rabbitmq"));
                    AlertingLog.DispatchFailed(logger, ex, backoff);
                    await Task.Delay(backoff, time, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryBackoff.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: unsent rows stay in the outbox for the next start
        }
        finally
        {
            health.SetRunning(false);
        }
    }

    /// <summary>Sends one batch; returns how many rows it sent.</summary>
    internal async Task<int> DispatchOnceAsync(ISendEndpoint endpoint, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT outbox_id AS OutboxId, message_id AS MessageId, alert_id AS AlertId, revision AS Revision, creator_id AS CreatorId,
                   message_priority AS MessagePriority, payload::text AS Payload, signal_ids::text AS SignalIds, trace_parent AS TraceParent
            FROM outbox WHERE sent_at IS NULL ORDER BY outbox_id LIMIT @limit FOR UPDATE SKIP LOCKED
            """,
            new { limit = _options.Outbox.BatchSize }, transaction, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var tSel = clock.Elapsed.TotalMilliseconds;
        var newest = rows.GroupBy(r => r.AlertId).ToDictionary(a => a.Key, a => a.Max(r => r.Revision));
        var sending = rows.Where(r => r.Revision == newest[r.AlertId]).ToList();
        var messages = await MessagesAsync(connection, transaction, sending, cancellationToken);

        // Creators in parallel, each creator's revisions in order.
        await Task.WhenAll(sending.GroupBy(r => r.CreatorId).Select(async creator =>
        {
            foreach (var row in creator)
            {
                var message = messages[row.OutboxId];
                var trace = TraceContext.Parse(row.TraceParent);
                using var activity = trace == default ? null : telemetry.ActivitySource.StartActivity("send CreatorFlagged", ActivityKind.Producer, trace);
                if (activity is { IsAllDataRequested: true })
                {
                    activity.SetTag("governance.alert.id", row.AlertId.ToString("D"));
                    activity.SetTag("governance.alert.revision", row.Revision);
                }

                // Without a span of ours (no listener), the stored context travels as is.
                var traceParent = activity?.Id ?? (trace == default ? null : row.TraceParent);
                await endpoint.Send(message, context =>
                {
                    context.MessageId = row.MessageId;
                    context.Durable = true;
                    context.SetPriority((byte)row.MessagePriority);
                    if (traceParent is not null)
                    {
                        // MassTransit's diagnostic header: its send span, when it records one, puts its own id (same trace) there.
                        context.Headers.Set(DiagnosticHeaders.ActivityId, traceParent);
                    }
                }, cancellationToken);
                if (message.Signals.Count > 0)
                {
                    telemetry.SignalToQueue.Record((time.GetUtcNow() - message.Signals.Max(s => s.DetectedAt)).TotalSeconds);
                }
            }
        }));

        var tSend = clock.Elapsed.TotalMilliseconds;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET sent_at = now(), superseded = NOT (outbox_id = ANY(@sent)) WHERE outbox_id = ANY(@ids)",
            new { ids = rows.Select(r => r.OutboxId).ToArray(), sent = sending.Select(r => r.OutboxId).ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        telemetry.Sent.Add(sending.Count);
        AlertingLog.Sent(logger, sending.Count, rows.Count - sending.Count, tSel, tSend - tSel, clock.Elapsed.TotalMilliseconds - tSend);
        return rows.Count;
    }

    /// <summary>The rows' messages with their signals put back, by outbox id.</summary>
    private async Task<Dictionary<long, CreatorFlagged>> MessagesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.ToDictionary(r => r.OutboxId, r => r.SignalIds is null ? null : JsonSerializer.Deserialize(r.SignalIds, AlertingJsonContext.Default.StringArray)!);
        // The round's signals in a dictionary of its own: one round can need as many signals as the cache
        // holds, so what is read into the cache here could be evicted again before the messages are built.
        var signalsById = new Dictionary<string, RiskSignalDetected>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids.Values.OfType<string[]>().SelectMany(i => i))
        {
            if (!signalsById.ContainsKey(id) && !missing.Contains(id))
            {
                if (parsed.Held(id) is { } signal)
                {
                    signalsById[id] = signal;
                }
                else
                {
                    missing.Add(id);
                }
            }
        }

        foreach (var (id, payload) in await StoredSignals.PayloadsAsync(connection, transaction, missing, cancellationToken))
        {
            signalsById[id] = parsed.Get(id, payload);
        }

        var messages = new Dictionary<long, CreatorFlagged>(rows.Count);
        foreach (var row in rows)
        {
            var message = JsonSerializer.Deserialize(row.Payload, GovernanceJsonContext.Default.CreatorFlagged)!;
            if (ids[row.OutboxId] is { } signalIds)
            {
                // Retention never deletes the signals of an alert with a row still to send; a signal gone anyway is
                // left out of the message, and said.
                var signals = signalIds.Select(signalsById.GetValueOrDefault).OfType<RiskSignalDetected>().ToList();
                if (signals.Count < signalIds.Length)
                {
                    AlertingLog.SignalsMissing(logger, row.AlertId, row.Revision, signalIds.Length - signals.Count);
                }

                message = message with { Signals = signals };
            }

            messages[row.OutboxId] = message;
        }

        return messages;
    }
}
