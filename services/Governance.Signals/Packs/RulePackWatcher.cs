using Governance.Redis;
using Governance.Rules.Packs;
using Governance.Signals.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Signals.Packs;

/// <summary>
/// Keeps the pack in force current: loads the active pack from Redis at start (or, when none was
/// published yet, the folder <c>Signals:RulesPath</c>), then reloads on every publish notification and
/// on a slow poll. A pack that does not compile is rejected and the running one keeps serving.
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
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    await packStore.SubscribeAsync(_ => _changed.Release());
                    subscribed = true;
                }

                await RefreshAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SignalsLog.Retrying(logger, "Redis (rule pack)", ex.Message, 1, options.Value.RetryBackoff.TotalMilliseconds);
                await Task.Delay(options.Value.MaxRetryBackoff, stoppingToken);
                continue;
            }

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
