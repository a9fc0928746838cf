using Governance.Contracts;
using Governance.Testing;
using Xunit.Abstractions;

namespace Governance.Signals.IntegrationTests;

/// <summary>Redis or RabbitMQ stopped mid-stream: the worker pauses, retries, resumes and loses nothing.</summary>
[Collection(ServersCollection.Name)]
public sealed class OutageTests(KafkaBroker broker, RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private static string Rules => Path.Combine(RepositoryPaths.Root, "rules");

    [Fact]
    public async Task RedisStoppedMidStreamLosesNothing()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var redis = new RedisProcess();
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await host.WaitUntilRunningAsync(Wait);

        var producing = ProduceCreatorsAsync(host, $"redis-{run}", 30);
        await Task.Delay(600);
        redis.Stop();
        var sawWaiting = await WaitForAsync(() => host.Health.WaitingFor == "Redis", TimeSpan.FromSeconds(20));
        await Task.Delay(2_000);
        redis.Start();
        await producing;

        var signals = await queue.WaitAsync(s => Ours(s, $"redis-{run}") >= 30, Wait);
        output.WriteLine($"signals {Ours(signals, $"redis-{run}")} of 30; worker reported waiting for Redis: {sawWaiting}");
        Assert.True(sawWaiting, "the worker never reported Redis as down");
        Assert.Equal(30, Ours(signals, $"redis-{run}"));
        Assert.All(signals.Where(s => s.CreatorId.StartsWith($"redis-{run}", StringComparison.Ordinal)), s => Assert.Equal(10, s.Evidence.Count));
        Assert.Null(host.Health.WaitingFor);
    }

    [Fact]
    public async Task ARedisOutageLongerThanThePollIntervalKeepsTheWorkerInItsGroup()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var redis = new RedisProcess();
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules, new Dictionary<string, string?>
        {
            // A consumer that does not poll for this long leaves its group (and the group rebalances).
            ["Kafka:Consumer:max.poll.interval.ms"] = "6000",
            ["Kafka:Consumer:session.timeout.ms"] = "6000",
        });
        await host.WaitUntilRunningAsync(Wait);

        var producing = ProduceCreatorsAsync(host, $"poll-{run}", 20);
        await Task.Delay(600);
        redis.Stop();
        await Task.Delay(15_000);
        redis.Start();
        await producing;

        var signals = await queue.WaitAsync(s => Ours(s, $"poll-{run}") >= 20, Wait);
        var logs = host.Logs.GetSnapshot();
        output.WriteLine($"signals {Ours(signals, $"poll-{run}")} of 20");
        Assert.Equal(20, Ours(signals, $"poll-{run}"));
        Assert.Contains(logs, l => l.Message.Contains("paused", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Message.Contains("Giving up", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Message.Contains("MAXPOLL", StringComparison.Ordinal) || l.Message.Contains("max.poll.interval", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RabbitMqStoppedMidStreamLosesNothing()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var queueName = "test-signals-" + run;
        using var redis = new RedisProcess();
        var before = await SignalQueue.CreateAsync(rabbit, queueName);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules, new Dictionary<string, string?> { ["Signals:AttemptTimeout"] = "00:00:03" });
        await host.WaitUntilRunningAsync(Wait);

        var producing = ProduceCreatorsAsync(host, $"rabbit-{run}", 30);
        await Task.Delay(600);
        var early = await before.WaitAsync(_ => false, TimeSpan.Zero);
        await before.DisposeAsync();
        RabbitMqServer.SetRunning(false);
        bool sawWaiting;
        try
        {
            sawWaiting = await WaitForAsync(() => host.Health.WaitingFor == "RabbitMQ", TimeSpan.FromSeconds(30));
            await Task.Delay(2_000);
        }
        finally
        {
            RabbitMqServer.SetRunning(true);
        }

        await producing;
        await using var after = await SignalQueue.CreateAsync(rabbit, queueName);
        var late = await after.WaitAsync(s => Ours([.. early, .. s], $"rabbit-{run}") >= 30, Wait);
        await after.DeleteAsync();

        var signals = early.Concat(late).ToList();
        output.WriteLine($"signals {Ours(signals, $"rabbit-{run}")} of 30 ({early.Count} before the outage); worker reported waiting for RabbitMQ: {sawWaiting}");
        Assert.True(sawWaiting, "the worker never reported RabbitMQ as down");
        Assert.Equal(30, Ours(signals, $"rabbit-{run}"));
    }

    private static int Ours(IReadOnlyList<RiskSignalDetected> signals, string prefix) =>
        signals.Where(s => s.CreatorId.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s.CreatorId).Distinct().Count();

    private async Task ProduceCreatorsAsync(SignalsHost host, string prefix, int creators)
    {
        for (var i = 0; i < creators; i++)
        {
            await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst($"{prefix}-{i}", 12));
            await Task.Delay(100);
        }
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }
}
