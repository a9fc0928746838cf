using Governance.Alerting.Scoring;
using Governance.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Governance.Alerting.Consumers;

/// <summary>
/// Retry, then the error queue (RabbitMQ's delayed-redelivery plugin is not on Debian); and one
/// partition per creator so a creator's signals are never processed at once, in arrival order.
/// </summary>
internal sealed class RiskSignalDetectedConsumerDefinition(IOptions<AlertingOptions> options) : ConsumerDefinition<RiskSignalDetectedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RiskSignalDetectedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = options.Value;
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Intervals(Enumerable.Range(0, o.RetryLimit).Select(i => TimeSpan.FromMilliseconds(100 << i)).ToArray());
            // PostgreSQL being away is waited out inside the consumer; retries are for everything else.
            r.Ignore<OperationCanceledException>();
        });
        consumerConfigurator.Message<RiskSignalDetected>(m => m.UsePartitioner(o.ConcurrentMessageLimit, p => p.Message.CreatorId ?? ""));
    }
}
