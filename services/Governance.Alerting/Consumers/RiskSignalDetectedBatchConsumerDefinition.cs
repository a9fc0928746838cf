using Governance.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Governance.Alerting.Consumers;

/// <summary>
/// Batches of <c>Alerting:Batch:MessageLimit</c> signals (or what came within <c>TimeLimit</c>), one batch
/// at a time so a creator's signals are applied in delivery order. Retry is per message and sits at the
/// endpoint, in front of the batching: MassTransit delivers a retried message as a batch of its own, so
/// when a batch fails each of its messages is retried alone and only a message that fails by itself
/// reaches the error queue. (RabbitMQ's delayed-redelivery plugin is not on Debian: retry, then error queue.)
/// </summary>
internal sealed class RiskSignalDetectedBatchConsumerDefinition(IOptions<AlertingOptions> options) : ConsumerDefinition<RiskSignalDetectedBatchConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RiskSignalDetectedBatchConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = options.Value;
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Intervals(Enumerable.Range(0, o.RetryLimit).Select(i => TimeSpan.FromMilliseconds(100 << i)).ToArray());
            // PostgreSQL being away is waited out inside the consumer; retries are for everything else.
            r.Ignore<OperationCanceledException>();
        });
        consumerConfigurator.Options<BatchOptions>(b => b
            .SetMessageLimit(o.Batch.MessageLimit)
            .SetTimeLimit(o.Batch.TimeLimit)
            .SetConcurrencyLimit(1)
            // The endpoint's prefetch and concurrency come from Alerting:PrefetchCount / ConcurrentMessageLimit.
            .SetConfigurationCallback((_, _) => { }));
    }
}
