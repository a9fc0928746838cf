using Governance.Alerting.Scoring;
using Governance.Contracts;
using MassTransit;

namespace Governance.Alerting.Consumers;

/// <summary>Hands each signal to <see cref="SignalProcessor"/>, waiting out PostgreSQL outages (<see cref="DatabaseRetry"/>).</summary>
internal sealed class RiskSignalDetectedConsumer(SignalProcessor processor, DatabaseRetry database, ILogger<RiskSignalDetectedConsumer> logger) : IConsumer<RiskSignalDetected>
{
    public async Task Consume(ConsumeContext<RiskSignalDetected> context)
    {
        try
        {
            await database.RunAsync(context.Message.SignalId ?? "(none)", token => processor.ProcessAsync(context.Message, token), context.CancellationToken);
        }
        catch (InvalidSignalException ex)
        {
            AlertingLog.InvalidSignal(logger, context.Message.SignalId ?? "(none)", ex.Message);
            throw;
        }
    }
}
