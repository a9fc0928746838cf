using System.Text;
using System.Text.Json;
using Governance.Contracts;
using Governance.Testing;
using MassTransit.Logging;
using RabbitMQ.Client;

namespace Governance.Alerting.IntegrationTests;

/// <summary>Builds signals and sends them to a test's input queue as MassTransit would (the JSON envelope).</summary>
internal static class Signals
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public static RiskSignalDetected Create(string creatorId, string ruleId, string severity, int minute = 0, string mode = "enforce") => new()
    {
        SignalId = $"{creatorId}:{ruleId}:{minute}",
        CreatorId = creatorId,
        RuleId = ruleId,
        RuleVersion = "abc123def456",
        Severity = severity,
        Mode = mode,
        Value = 10,
        Threshold = ">= 5",
        Window = "1h",
        WindowEnd = Start.AddMinutes(minute),
        Evidence = [new EvidenceItem { EventId = $"e-{creatorId}-{minute}", Type = "order.refunded", OccurredAt = Start.AddMinutes(minute) }],
        DetectedAt = DateTimeOffset.UtcNow,
        Reasons = new LocalizedReasons { En = [$"{ruleId} fired"], Es = [$"{ruleId} se activó"] },
    };

    public static Task SendAsync(RabbitMqServer rabbit, string queue, params RiskSignalDetected[] signals) =>
        SendRawAsync(rabbit, queue, "RiskSignalDetected", [.. signals.Select(s => JsonSerializer.SerializeToElement(s, GovernanceJsonContext.Default.RiskSignalDetected))]);

    /// <summary>A signal sent in a trace: MassTransit's <c>MT-Activity-Id</c> header, as the signal worker's publish sets it.</summary>
    public static Task SendInTraceAsync(RabbitMqServer rabbit, string queue, RiskSignalDetected signal, string traceParent) =>
        SendRawAsync(rabbit, queue, "RiskSignalDetected", [JsonSerializer.SerializeToElement(signal, GovernanceJsonContext.Default.RiskSignalDetected)], traceParent: traceParent);

    /// <summary>Envelopes with any message body (poison messages too).</summary>
    public static async Task SendRawAsync(RabbitMqServer rabbit, string queue, string messageType, IReadOnlyList<JsonElement> messages, int port = 5672, string? traceParent = null)
    {
        var factory = rabbit.Factory;
        factory.Port = port;
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var message in messages)
        {
            var envelope = new Dictionary<string, object>
            {
                ["messageId"] = Guid.NewGuid().ToString(),
                ["messageType"] = new[] { "urn:message:Governance.Contracts:" + messageType },
                ["sentTime"] = DateTimeOffset.UtcNow,
                ["message"] = message,
            };
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope));
            var props = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = (string)envelope["messageId"] };
            if (traceParent is not null)
            {
                props.Headers = new Dictionary<string, object?> { [DiagnosticHeaders.ActivityId] = traceParent };
            }

            // The default exchange routes by queue name: no binding to the message type's exchange needed.
            await channel.BasicPublishAsync("", queue, mandatory: true, props, body);
        }
    }
}
