using Governance.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Governance.Signals.Pipeline;

/// <summary>
/// Retries Redis and RabbitMQ work until it succeeds or the worker stops: the worker pauses (the batch
/// stays uncommitted), backs off exponentially with jitter, and resumes where it was.
/// </summary>
internal sealed class DependencyRetry(SignalsOptions options, LoopHealth health, SignalsTelemetry telemetry, ILogger logger)
{
    public async Task<T> RunAsync<T>(string dependency, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var result = await Pipeline(dependency, () => attempts++).ExecuteAsync(
            async token =>
            {
                // A client that waits for its server instead of failing (MassTransit does while RabbitMQ
                // is down) would hide the outage: each attempt gets a deadline and then counts as failed.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                attempt.CancelAfter(options.AttemptTimeout);
                try
                {
                    return await work(attempt.Token);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    throw new TimeoutException($"{dependency} did not answer within {options.AttemptTimeout.TotalSeconds:0} s");
                }
            },
            cancellationToken);
        if (attempts > 0)
        {
            health.Waiting(null);
            SignalsLog.Recovered(logger, dependency, attempts);
        }

        return result;
    }

    public Task RunAsync(string dependency, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunAsync(dependency, async token =>
        {
            await work(token);
            return true;
        }, cancellationToken);

    private ResiliencePipeline Pipeline(string dependency, Action retried)
    {
        // Built per call (once per batch at most): the attempt counter belongs to the call.
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBackoff,
                MaxDelay = options.MaxRetryBackoff,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                OnRetry = args =>
                {
                    retried();
                    health.Waiting(dependency);
                    telemetry.Retries.Add(1, new KeyValuePair<string, object?>("dependency", dependency));
                    SignalsLog.Retrying(logger, args.Outcome.Exception, dependency, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
