using System.Text.Json;
using Cel;
using Governance.Rules;

namespace Governance.ExpressionBenchmarks;

/// <summary>
/// Cel 0.3.3 (cel-net): CEL over maps. The event becomes a dictionary (attributes converted from JSON to
/// double/string/bool/list/dictionary, occurredAt to a protobuf Timestamp) once per event.
/// </summary>
internal sealed class CelEngine : IEngine
{
    private readonly CelEnvironment _environment = new([], "");

    public CelEngine()
    {
        var terms = new BenchmarkTermLists();
        _environment.RegisterFunction("termsMatch", [typeof(string), typeof(string)], a => terms.Matches((string)a[0]!, (string)a[1]!));
        _environment.RegisterFunction("lower", [typeof(string)], a => ((string)a[0]!).ToLowerInvariant());
    }

    public string Name => "Cel 0.3.3";

    public object Adapt(RuleEvent e)
    {
        var map = new Dictionary<string, object?>(e.Attributes.Count + 6)
        {
            ["eventId"] = e.EventId,
            ["source"] = e.Source,
            ["type"] = e.Type,
            ["creatorId"] = e.CreatorId,
            ["occurredAt"] = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.OccurredAt),
            ["locale"] = e.Locale,
        };
        foreach (var (name, value) in e.Attributes)
        {
            map.TryAdd(name, Convert(value));
        }

        return new Dictionary<string, object?> { ["event"] = map };
    }

    public Func<object, bool> Compile(Condition condition)
    {
        var program = _environment.Compile(condition.Cel);
        return variables => program((IDictionary<string, object?>)variables) is true;
    }

    private static object? Convert(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => v.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => v.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.Object => v.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value)),
        _ => null,
    };
}
