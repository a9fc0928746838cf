using Governance.Redis;
using Governance.Rules.Packs;
using Governance.Signals.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Governance.Signals.Packs;

/// <summary>
/// Keeps the pack in force current: loads the active pack from Redis at start (or, when none was
/// published yet, the folder <c>Signals:RulesPath</c>), then reloads on every publish notification and
/// on a slow poll. A pack that does not compile is rejected and the running one keeps serving. While
/// Redis fails, reads are retried with the worker's back-off (<c>Signals:RetryBackoff</c>, doubling up
/// to <c>Signals:MaxRetryBackoff</c>).
/// </summary>
internal sealed class RulePackWatcher(
    RedisRulePackStore packStore,
    RulePackHolder holder,
    IOptions<SignalsOptions> options,
    SignalsTelemetry telemetry,
    ILogger<RulePackWatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = Retry();
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            await retry.ExecuteAsync(
                async _ =>
                {
                    if (!subscribed)
                    {
                        await packStore.SubscribeAsync(_ => _changed.Release());
                        subscribed = true;
                    }

                    await RefreshAsync();
                },
                stoppingToken);

            try
            {
                await _changed.WaitAsync(options.Value.PackRefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private ResiliencePipeline Retry() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.RetryBackoff,
            MaxDelay = options.Value.MaxRetryBackoff,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
            OnRetry = args =>
            {
                SignalsLog.PackReadFailed(logger, args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private async Task RefreshAsync()
    {
        var stored = await packStore.GetActiveAsync();
        var current = holder.Current?.Version;
        if (stored is null)
        {
            if (current is null && options.Value.RulesPath is { Length: > 0 } path && Directory.Exists(path))
            {
                Load(RulePackFiles.Read(path), "folder " + path);
            }

            return;
        }

        if (stored.Version != current)
        {
            Load(new RulePackFiles(stored.Files), $"Redis, published {stored.PublishedAt:O} by {stored.PublishedBy}");
        }
    }

    private void Load(RulePackFiles files, string origin)
    {
        var compilation = RulePackCompiler.Compile(files);
        if (!compilation.IsValid)
        {
            telemetry.PackReloads.Add(1, new KeyValuePair<string, object?>("result", "rejected"));
            SignalsLog.PackRejected(logger, files.Version, holder.Current?.Version ?? "(none)", string.Join("\n", compilation.Errors));
            return;
        }

        holder.Swap(compilation.Pack!);
        telemetry.PackReloads.Add(1, new KeyValuePair<string, object?>("result", "loaded"));
        SignalsLog.PackLoaded(logger, files.Version, compilation.Pack!.Rules.Count, origin);
    }
}
