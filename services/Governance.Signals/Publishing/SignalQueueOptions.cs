using System.ComponentModel.DataAnnotations;
using Governance.Hosting;

namespace Governance.Signals.Publishing;

/// <summary>
/// The hand-off queue's name, read from the <c>RabbitMq</c> section beside the connection settings of
/// <see cref="RabbitMqOptions"/> (shared with the alerting service, which hands nothing off):
/// <code>
/// "RabbitMq": { "SignalQueue": "governance.risk-signals" }
/// </code>
/// </summary>
public sealed class SignalQueueOptions
{
    /// <summary>Configuration section name (the connection's).</summary>
    public const string SectionName = RabbitMqOptions.SectionName;

    /// <summary>The durable quorum queue signals are handed off in (the alerting service consumes it).</summary>
    [Required(ErrorMessage = "RabbitMq:SignalQueue must not be empty (env RabbitMq__SignalQueue).")]
    public string SignalQueue { get; set; } = SignalHandOff.QueueName;
}

