using MassTransit;
using Microsoft.Extensions.Options;

namespace Governance.Alerting.Consumers;

/// <summary>
/// Retry, then the error queue (RabbitMQ's delayed-redelivery plugin is not on Debian). Signals run
/// concurrently up to <c>Alerting:ConcurrentMessageLimit</c>: the batch writer groups them into
/// transactions and keeps each creator's signals in delivery order.
/// </summary>
internal sealed class RiskSignalDetectedConsumerDefinition(IOptions<AlertingOptions> options) : ConsumerDefinition<RiskSignalDetectedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RiskSignalDetectedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = options.Value;
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Intervals(Enumerable.Range(0, o.RetryLimit).Select(i => TimeSpan.FromMilliseconds(100 << i)).ToArray());
            // PostgreSQL being away is waited out by the batch writer; retries are for everything else.
            r.Ignore<OperationCanceledException>();
        });
    }
}
