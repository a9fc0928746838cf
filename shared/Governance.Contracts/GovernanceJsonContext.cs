using System.Text.Json.Serialization;

namespace Governance.Contracts;

/// <summary>Source-generated System.Text.Json metadata for every contract (camelCase on the wire).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContentEvent))]
[JsonSerializable(typeof(TransactionEvent))]
[JsonSerializable(typeof(CreatorEvent))]
[JsonSerializable(typeof(RiskSignalDetected))]
[JsonSerializable(typeof(CreatorFlagged))]
[JsonSerializable(typeof(ModerationDecision))]
[JsonSerializable(typeof(IReadOnlyList<EvidenceItem>))]
public sealed partial class GovernanceJsonContext : JsonSerializerContext;
