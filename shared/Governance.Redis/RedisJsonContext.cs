using System.Text.Json.Serialization;

namespace Governance.Redis;

/// <summary>Source-generated JSON for what this library stores.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredRulePack))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
