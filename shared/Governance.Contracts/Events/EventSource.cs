using System.Text.Json.Serialization;

namespace Governance.Contracts;

/// <summary>Which upstream topic an event came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventSource>))]
public enum EventSource
{
    /// <summary><c>creator.content.v1</c>.</summary>
    [JsonStringEnumMemberName("content")]
    Content,

    /// <summary><c>creator.transactions.v1</c>.</summary>
    [JsonStringEnumMemberName("transaction")]
    Transaction,
}
