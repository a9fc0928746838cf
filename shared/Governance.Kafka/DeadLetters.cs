using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Governance.Contracts;

namespace Governance.Kafka;

/// <summary>Dead letters as both services write them: the record unchanged, the reason in headers (docs/contracts.md).</summary>
public static class DeadLetters
{
    /// <summary>The record's key, value and headers unchanged, plus where it came from, why and when it was rejected.</summary>
    public static Message<TKey, byte[]> For<TKey>(ConsumeResult<TKey, byte[]> record, string reason, string message, DateTimeOffset rejectedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason));
        headers.Add(DeadLetterHeaders.Message, Encoding.UTF8.GetBytes(message));
        headers.Add(DeadLetterHeaders.RejectedAt, Encoding.UTF8.GetBytes(rejectedAt.ToString("O", CultureInfo.InvariantCulture)));
        return new Message<TKey, byte[]> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers };
    }
}
