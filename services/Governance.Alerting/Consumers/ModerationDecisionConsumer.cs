using Governance.Alerting.Decisions;
using Governance.Contracts;
using MassTransit;

namespace Governance.Alerting.Consumers;

/// <summary>Records a decision and closes its alert (<see cref="DecisionRecorder"/>), waiting out PostgreSQL outages.</summary>
internal sealed class ModerationDecisionConsumer(DecisionRecorder recorder, DatabaseRetry database, AlertingTelemetry telemetry, ILogger<ModerationDecisionConsumer> logger) : IConsumer<ModerationDecision>
{
    public async Task Consume(ConsumeContext<ModerationDecision> context)
    {
        var d = context.Message;
        // The message id makes a redelivered decision a no-op in the audit table.
        var messageId = (context.MessageId ?? NewId.NextGuid()).ToString("N");
        var known = false;
        await database.RunAsync(messageId, async token => known = await recorder.RecordAsync(d, messageId, token), context.CancellationToken);
        telemetry.Decisions.Add(1, new KeyValuePair<string, object?>("decision", d.Decision));
        if (known)
        {
            AlertingLog.DecisionRecorded(logger, d.Decision, d.AlertId, d.ModeratorId);
        }
        else
        {
            AlertingLog.DecisionForUnknownAlert(logger, d.AlertId);
        }
    }
}
