using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Contracts;

/// <summary>
/// Reads a <see cref="CreatorEvent.Attributes"/> object as one <see cref="JsonDocument"/> whose
/// properties become the map's values. The default dictionary converter parses every value into a
/// document of its own: a dozen per event, the signal worker's largest allocation (docs/benchmarks.md).
/// Duplicate names: the last wins, as with the default converter.
/// </summary>
public sealed class AttributesJsonConverter : JsonConverter<IReadOnlyDictionary<string, JsonElement>>
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, JsonElement> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"attributes must be an object, not {reader.TokenType}.");
        }

        var document = JsonDocument.ParseValue(ref reader);
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            attributes[property.Name] = property.Value;
        }

        return attributes;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (name, element) in value)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
