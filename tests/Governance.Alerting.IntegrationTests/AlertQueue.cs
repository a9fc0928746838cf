using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Governance.Contracts;
using Governance.Testing;
using MassTransit.Logging;
using RabbitMQ.Client;

namespace Governance.Alerting.IntegrationTests;

/// <summary>Reads CreatorFlagged from a test's alerts queue as a non-MassTransit moderation tool would.</summary>
internal static class AlertQueue
{
    /// <summary>A message as taken, with its trace context (MassTransit's <c>MT-Activity-Id</c> header), if any.</summary>
    public sealed record Received(CreatorFlagged Message, byte Priority, string? MessageId, string? TraceParent = null);

    /// <summary>Takes messages until <paramref name="until"/> holds for all taken so far, or the timeout passes.</summary>
    public static async Task<List<Received>> TakeAsync(RabbitMqServer rabbit, string queue, Func<IReadOnlyList<Received>, bool> until, TimeSpan timeout, List<Received>? taken = null)
    {
        taken ??= [];
        await using var connection = await rabbit.Factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                using var envelope = JsonDocument.Parse(delivery.Body);
                var message = envelope.RootElement.GetProperty("message").Deserialize(GovernanceJsonContext.Default.CreatorFlagged)!;
                object? trace = null;
                delivery.BasicProperties.Headers?.TryGetValue(DiagnosticHeaders.ActivityId, out trace);
                taken.Add(new Received(message, delivery.BasicProperties.Priority, envelope.RootElement.GetProperty("messageId").GetString(), trace is byte[] bytes ? Encoding.UTF8.GetString(bytes) : trace as string));
            }

            if (until(taken) || clock.Elapsed > timeout)
            {
                return taken;
            }

            await Task.Delay(100);
        }
    }
}
