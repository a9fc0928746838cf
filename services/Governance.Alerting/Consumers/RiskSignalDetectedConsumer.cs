using Governance.Alerting.Scoring;
using Governance.Contracts;
using MassTransit;

namespace Governance.Alerting.Consumers;

/// <summary>
/// Validates a signal and hands it to <see cref="SignalBatchWriter"/>, which writes it in the next batch
/// (one PostgreSQL transaction for every signal waiting); returns once that batch committed, so the
/// message is acknowledged only after its effects are stored. An invalid signal throws here, alone:
/// retries, then the error queue with its reason, whatever else arrived with it.
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
            valid = new SignalBatchProcessor.Valid(signal, severity, shadow);
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
}
