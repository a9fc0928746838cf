using System.Globalization;
using Governance.Rules.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Governance.Scoring;

/// <summary>
/// Reads the escalation policy YAML, collecting every problem with file, line, column and field
/// (the same <see cref="RuleError"/> shape as rule files, so <c>governance rules validate</c> prints both alike).
/// </summary>
public static class EscalationPolicyParser
{
    /// <summary>Where the policy lives inside a rule pack folder. Not a top-level YAML: those are rules.</summary>
    public const string RelativePath = "policy/escalation.yaml";

    private static readonly string[] KnownFields = ["weights", "priorities", "minDistinctRules", "lookback", "escalateAlone", "alertExpiry"];

    /// <summary>Reads the policy file; throws naming every problem when it is invalid.</summary>
    public static EscalationPolicy Load(string path)
    {
        var errors = new List<RuleError>();
        var policy = Parse(path, File.ReadAllText(path), errors);
        return policy ?? throw new InvalidOperationException($"invalid escalation policy:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    /// <summary>Parses <paramref name="text"/>; null (and <paramref name="errors"/> filled) when invalid.</summary>
    public static EscalationPolicy? Parse(string file, string text, List<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var start = errors.Count;
        if (YamlFile.LoadMapping(file, text, "the policy file holds one YAML mapping (weights: ..., priorities: ...)", errors) is not { } root)
        {
            return null;
        }

        var reader = new Reader(file, errors);
        foreach (var (key, _) in root.Children)
        {
            if (!KnownFields.Contains(((YamlScalarNode)key).Value))
            {
                errors.Add(new RuleError(reader.Where(key), ((YamlScalarNode)key).Value ?? "", "unknown field (known: " + string.Join(", ", KnownFields) + ")"));
            }
        }

        var weights = reader.Mapping(root, "weights", required: true);
        var severityWeights = new Dictionary<Severity, double>();
        var ruleFactors = new Dictionary<string, double>(StringComparer.Ordinal);
        if (weights is not null)
        {
            var severity = reader.Mapping(weights, "severity", required: true);
            foreach (var level in Enum.GetValues<Severity>())
            {
                var name = level.ToString().ToLowerInvariant();
                if (severity is not null && reader.Number(severity, name, "weights.severity." + name, required: true, min: 0) is { } w)
                {
                    severityWeights[level] = w;
                }
            }

            if (reader.Mapping(weights, "rules", required: false) is { } rules)
            {
                foreach (var (key, _) in rules.Children)
                {
                    var id = ((YamlScalarNode)key).Value ?? "";
                    if (reader.Number(rules, id, "weights.rules." + id, required: true, min: 0) is { } f)
                    {
                        ruleFactors[id] = f;
                    }
                }
            }
        }

        var tiers = new List<PriorityTier>();
        if (reader.Sequence(root, "priorities", required: true) is { } priorities)
        {
            foreach (var item in priorities.Children)
            {
                if (item is not YamlMappingNode tier)
                {
                    errors.Add(new RuleError(reader.Where(item), "priorities", "each priority is a mapping { name, minScore, messagePriority }"));
                    continue;
                }

                var name = reader.String(tier, "name", "priorities.name");
                var min = reader.Number(tier, "minScore", "priorities.minScore", required: true, min: double.Epsilon);
                var message = reader.Number(tier, "messagePriority", "priorities.messagePriority", required: true, min: 0, max: 255);
                if (name is not null && min is not null && message is not null)
                {
                    tiers.Add(new PriorityTier(name, min.Value, (byte)message.Value));
                }
            }

            if (tiers.Count == 0 && errors.Count == start)
            {
                errors.Add(new RuleError(reader.Where(priorities), "priorities", "name at least one priority"));
            }

            if (tiers.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != tiers.Count)
            {
                errors.Add(new RuleError(reader.Where(priorities), "priorities", "priority names must be unique"));
            }
        }

        tiers.Sort((a, b) => b.MinScore.CompareTo(a.MinScore));
        var minDistinct = reader.Number(root, "minDistinctRules", "minDistinctRules", required: true, min: 1, max: 100);
        var lookback = reader.Duration(root, "lookback");
        var expiry = reader.Duration(root, "alertExpiry");

        var aloneSeverities = new HashSet<Severity>();
        var aloneRules = new HashSet<string>(StringComparer.Ordinal);
        PriorityTier? aloneTier = null;
        if (reader.Mapping(root, "escalateAlone", required: true) is { } alone)
        {
            foreach (var s in reader.Strings(alone, "severities", "escalateAlone.severities"))
            {
                if (Enum.TryParse<Severity>(s.Value, ignoreCase: true, out var level) && !int.TryParse(s.Value, out _))
                {
                    aloneSeverities.Add(level);
                }
                else
                {
                    errors.Add(new RuleError(reader.Where(s), "escalateAlone.severities", $"'{s.Value}' is not one of low | medium | high | critical"));
                }
            }

            foreach (var r in reader.Strings(alone, "rules", "escalateAlone.rules"))
            {
                aloneRules.Add(r.Value ?? "");
            }

            if (reader.String(alone, "priority", "escalateAlone.priority") is { } tierName)
            {
                aloneTier = tiers.FirstOrDefault(t => t.Name == tierName);
                if (aloneTier is null && tiers.Count > 0)
                {
                    errors.Add(new RuleError(reader.Where(alone), "escalateAlone.priority", $"'{tierName}' is not one of the priorities ({string.Join(", ", tiers.Select(t => t.Name))})"));
                }
            }
        }

        if (errors.Count > start || aloneTier is null || minDistinct is null || lookback is null || expiry is null)
        {
            return null;
        }

        return new EscalationPolicy
        {
            SeverityWeights = severityWeights,
            RuleFactors = ruleFactors,
            Tiers = tiers,
            MinDistinctRules = (int)minDistinct.Value,
            Lookback = lookback.Value,
            AloneSeverities = aloneSeverities,
            AloneRules = aloneRules,
            AloneTier = aloneTier,
            AlertExpiry = expiry.Value,
        };
    }

    /// <summary>Typed reads that add a positioned error for each problem.</summary>
    private sealed class Reader(string file, List<RuleError> errors)
    {
        public SourceSpan Where(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

        public YamlMappingNode? Mapping(YamlMappingNode parent, string field, bool required) =>
            Child(parent, field, field, required) switch
            {
                null => null,
                YamlMappingNode m => m,
                var other => Fail<YamlMappingNode>(other, field, "must be a mapping"),
            };

        public YamlSequenceNode? Sequence(YamlMappingNode parent, string field, bool required) =>
            Child(parent, field, field, required) switch
            {
                null => null,
                YamlSequenceNode s => s,
                var other => Fail<YamlSequenceNode>(other, field, "must be a list"),
            };

        public IEnumerable<YamlScalarNode> Strings(YamlMappingNode parent, string field, string path) =>
            Child(parent, field, path, required: false) switch
            {
                null => [],
                YamlSequenceNode s when s.Children.All(c => c is YamlScalarNode) => s.Children.Cast<YamlScalarNode>(),
                var other => Fail<IEnumerable<YamlScalarNode>>(other, path, "must be a list of names") ?? [],
            };

        public string? String(YamlMappingNode parent, string field, string path) =>
            Child(parent, field, path, required: true) switch
            {
                null => null,
                YamlScalarNode { Value.Length: > 0 } s => s.Value,
                var other => Fail<string>(other, path, "must be a non-empty name"),
            };

        public double? Number(YamlMappingNode parent, string field, string path, bool required, double min = double.MinValue, double max = double.MaxValue)
        {
            if (Child(parent, field, path, required) is not { } node)
            {
                return null;
            }

            if (node is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max && double.IsFinite(value))
            {
                return value;
            }

            var range = max == double.MaxValue ? $">= {min.ToString(CultureInfo.InvariantCulture)}" : $"within {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}";
            return Fail<double?>(node, path, $"'{(node as YamlScalarNode)?.Value}' is not a number {(min == double.Epsilon ? "> 0" : range)}");
        }

        public TimeSpan? Duration(YamlMappingNode parent, string field)
        {
            if (Child(parent, field, field, required: true) is not { } node)
            {
                return null;
            }

            if (node is not YamlScalarNode s)
            {
                return Fail<TimeSpan?>(node, field, "must be a duration such as 24h or 7d");
            }

            if (!Rules.Model.Duration.TryParse(s.Value, out var value, out var error))
            {
                return Fail<TimeSpan?>(node, field, error);
            }

            return value > TimeSpan.Zero ? value : Fail<TimeSpan?>(node, field, "must be longer than 0s");
        }

        private YamlNode? Child(YamlMappingNode parent, string field, string path, bool required)
        {
            if (parent.Children.TryGetValue(new YamlScalarNode(field), out var node))
            {
                return node;
            }

            if (required)
            {
                errors.Add(new RuleError(Where(parent), path, "is required"));
            }

            return null;
        }

        private T? Fail<T>(YamlNode node, string field, string message)
        {
            errors.Add(new RuleError(Where(node), field, message));
            return default;
        }
    }
}
