using Governance.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Governance.Signals.Pipeline;

/// <summary>
/// Retries Redis and RabbitMQ work until it succeeds or the worker stops: the worker pauses (the batch
/// stays uncommitted), backs off exponentially with jitter, and resumes where it was. A call that
/// neither answers nor fails for <see cref="SignalsOptions.StallReport"/> is reported too (log and
/// readiness), because a client may hold a command through an outage instead of failing it.
/// </summary>
internal sealed class DependencyRetry(SignalsOptions options, LoopHealth health, SignalsTelemetry telemetry, TimeProvider time, ILogger logger)
{
    public async Task<T> RunAsync<T>(string dependency, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var stalled = false;
        var started = time.GetTimestamp();
        var result = await Pipeline(dependency, () => attempts++).ExecuteAsync(
            async token =>
            {
                // A client that waits for its server instead of failing (MassTransit does while RabbitMQ
                // is down) would hide the outage: each attempt gets a deadline and then counts as failed.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                attempt.CancelAfter(options.AttemptTimeout);
                try
                {
                    var running = work(attempt.Token);
                    if (!running.IsCompleted && !stalled && !await AnswersWithinAsync(running, token))
                    {
                        // Clients hold commands for a server that is away (StackExchange.Redis for its
                        // timeout, e.g. for a killed cluster master): a pause with no failure yet to retry.
                        stalled = true;
                        SignalsLog.Stalled(logger, dependency, options.StallReport.TotalSeconds);
                        health.Waiting(dependency);
                    }

                    return await running;
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    throw new TimeoutException($"{dependency} did not answer within {options.AttemptTimeout.TotalSeconds:0} s");
                }
            },
            cancellationToken);
        if (attempts > 0 || stalled)
        {
            health.Waiting(null);
            SignalsLog.Recovered(logger, dependency, attempts, time.GetElapsedTime(started).TotalSeconds);
        }

        return result;
    }

    public Task RunAsync(string dependency, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunAsync(dependency, async token =>
        {
            await work(token);
            return true;
        }, cancellationToken);

    private async Task<bool> AnswersWithinAsync(Task running, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stall = Task.Delay(options.StallReport, time, stop.Token);
        var first = await Task.WhenAny(running, stall);
        await stop.CancelAsync();
        return first == running;
    }

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
