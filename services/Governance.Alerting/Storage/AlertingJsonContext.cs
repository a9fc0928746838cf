using System.Text.Json.Serialization;

namespace Governance.Alerting.Storage;

/// <summary>Source-generated JSON for what the service stores besides the contracts: an outbox row's signal ids.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class AlertingJsonContext : JsonSerializerContext;
