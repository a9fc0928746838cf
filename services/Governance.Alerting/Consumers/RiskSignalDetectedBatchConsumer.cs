using Governance.Alerting.Scoring;
using Governance.Contracts;
using MassTransit;

namespace Governance.Alerting.Consumers;

/// <summary>
/// Hands a batch of signals to <see cref="SignalBatchProcessor"/> (one transaction), waiting out PostgreSQL
/// outages (<see cref="DatabaseRetry"/>). Invalid signals are left out of the transaction; the valid ones
/// commit first, then the batch fails naming the invalid ones, so MassTransit retries each message of it
/// alone (<see cref="RiskSignalDetectedBatchConsumerDefinition"/>): the valid ones find themselves in the
/// inbox and are acknowledged, the invalid ones fail again and end in the error queue with their reason.
/// Committing the valid ones first keeps each creator's signals in delivery order even then.
/// </summary>
internal sealed class RiskSignalDetectedBatchConsumer(SignalBatchProcessor processor, DatabaseRetry database, ILogger<RiskSignalDetectedBatchConsumer> logger) : IConsumer<Batch<RiskSignalDetected>>
{
    public async Task Consume(ConsumeContext<Batch<RiskSignalDetected>> context)
    {
        var valid = new List<SignalBatchProcessor.Valid>(context.Message.Length);
        List<string>? invalid = null;
        foreach (var item in context.Message)
        {
            var signal = item.Message;
            try
            {
                var (severity, shadow) = SignalValidation.Check(signal);
                valid.Add(new SignalBatchProcessor.Valid(signal, severity, shadow));
            }
            catch (InvalidSignalException ex)
            {
                AlertingLog.InvalidSignal(logger, signal.SignalId ?? "(none)", ex.Message);
                (invalid ??= []).Add($"signal {signal.SignalId ?? "(none)"}: {ex.Message}");
            }
        }

        if (valid.Count > 0)
        {
            var first = valid[0].Signal.SignalId;
            var label = valid.Count == 1 ? first : $"{first} and {valid.Count - 1} more";
            await database.RunAsync(label, token => processor.ProcessAsync(valid, token), context.CancellationToken);
        }

        if (invalid is not null)
        {
            throw new InvalidSignalException(string.Join("; ", invalid));
        }
    }
}
