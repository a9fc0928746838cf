using System.Diagnostics;
using Governance.Alerting.Scoring;
using Governance.Contracts;
using MassTransit;
using DiagnosticHeaders = MassTransit.Logging.DiagnosticHeaders;

namespace Governance.Alerting.Consumers;

/// <summary>
/// Validates a signal and hands it to <see cref="SignalBatchWriter"/>, which writes it in the next batch
/// (one PostgreSQL transaction for every signal waiting); returns once that batch committed, so the
/// message is acknowledged only after its effects are stored. An invalid signal throws here, alone:
/// retries, then the error queue with its reason, whatever else arrived with it. The signal's trace
/// context (MassTransit's consume span, a child of the signal worker's publish) goes with it, to the
/// outbox row of the alert revision it causes.
/// </summary>
internal sealed class RiskSignalDetectedConsumer(SignalBatchWriter writer, ILogger<RiskSignalDetectedConsumer> logger) : IConsumer<RiskSignalDetected>
{
    public async Task Consume(ConsumeContext<RiskSignalDetected> context)
    {
        var signal = context.Message;
        SignalBatchProcessor.Valid valid;
        try
        {
            var (severity, shadow) = SignalValidation.Check(signal);
            valid = new SignalBatchProcessor.Valid(signal, severity, shadow, TraceParentOf(context));
        }
        catch (InvalidSignalException ex)
        {
            AlertingLog.InvalidSignal(logger, ex, signal.SignalId ?? "(none)");
            throw;
        }

        // The broker's delivery order: the writer applies a batch's signals in this order.
        var sequence = context.ReceiveContext.TryGetPayload<ITransportSequenceNumber>(out var s) ? s.SequenceNumber : null;
        await writer.WriteAsync(valid, sequence, context.CancellationToken);
    }

    // The consume span's context; without one (nobody listens to MassTransit's spans), the sender's as it came.
    private static string? TraceParentOf(ConsumeContext context) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } consume ? consume.Id : context.ReceiveContext.TransportHeaders.Get<string>(DiagnosticHeaders.ActivityId);
}
