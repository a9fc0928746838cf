using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Governance.Rules.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Governance.Rules.Model;

/// <summary>
/// Reads one rule file into a <see cref="RuleDefinition"/>, collecting every problem with its
/// file, line, column and field instead of stopping at the first.
/// </summary>
public static partial class RuleFileParser
{
    private static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(30);
    private const int MaxBaselineWindows = 1_000;

    private static readonly string[] KnownFields =
    [
        "id", "title", "description", "owner", "severity", "mode", "source", "when", "fireWhen", "aggregate", "filters",
        "groupBy", "window", "threshold", "cooldown", "minimum", "baseline", "expected", "reason", "tests",
    ];

    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="file"/>.</summary>
    public static RuleDefinition? Parse(string file, string text, List<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var start = errors.Count;
        if (YamlFile.LoadMapping(file, text, "a rule file holds one YAML mapping (id: ..., when: ..., ...)", errors) is not { } root)
        {
            return null;
        }

        var fields = new Fields(file, root, errors);
        foreach (var (key, _) in root.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!KnownFields.Contains(name))
            {
                var hint = Suggest(name, KnownFields);
                errors.Add(new RuleError(fields.Where(key), name, "unknown field" + (hint is null ? "" : $" (did you mean '{hint}'?)")));
            }
        }

        var id = fields.RequiredString("id");
        if (id is not null && !KebabCase().IsMatch(id))
        {
            errors.Add(new RuleError(fields.WhereValue("id"), "id", $"'{id}' is not kebab-case (lower-case words joined by '-')"));
        }

        var stem = Path.GetFileNameWithoutExtension(file);
        if (id is not null && id != stem)
        {
            errors.Add(new RuleError(fields.WhereValue("id"), "id", $"'{id}' must equal the file name '{stem}'"));
        }

        var window = fields.Duration("window", required: true, MinWindow, MaxWindow);
        var when = fields.Expression("when", required: true);
        var filters = fields.Filters();
        var (aggregate, argument, ratio) = AggregateField.Read(fields, filters);
        var baseline = BaselineField.Read(fields, window, aggregate);
        var definition = new RuleDefinition
        {
            Id = id ?? stem,
            Title = fields.RequiredString("title") ?? "",
            Description = fields.OptionalString("description") ?? "",
            Owner = fields.OptionalString("owner") ?? "",
            Severity = fields.Enum("severity", Severity.Medium, required: true),
            Mode = fields.Enum("mode", RuleMode.Enforce, required: false),
            Source = fields.Enum("source", RuleSource.Any, required: true),
            When = when ?? new Located("false", fields.Where(root)),
            FireWhen = fields.Expression("fireWhen", required: false),
            Aggregate = aggregate,
            Argument = argument,
            RatioOf = ratio,
            Filters = filters,
            GroupBy = fields.Expression("groupBy", required: false),
            Window = window ?? MinWindow,
            Threshold = fields.Threshold() ?? new Threshold(">=", 1),
            Cooldown = fields.Duration("cooldown", required: false, TimeSpan.Zero, MaxWindow) ?? window ?? MinWindow,
            Minimum = fields.Integer("minimum", 0, 1_000_000) ?? 0,
            Baseline = baseline,
            Expected = fields.PositiveNumber("expected"),
            Reason = ReasonField.Read(fields),
            Tests = RuleTestsField.Read(fields),
            File = file,
            Version = Hash(text),
            StateKey = "",
        };
        definition = definition with { StateKey = StateKeyOf(definition) };
        return errors.Count == start ? definition : null;
    }

    /// <summary>12 hex characters of SHA-256.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    private static string StateKeyOf(RuleDefinition d)
    {
        var filters = string.Join(";", d.Filters.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value.Text}"));
        return Hash(string.Join(
            "\n",
            d.Source.ToString(),
            d.When.Text,
            d.Aggregate.ToString(),
            d.Argument?.Text ?? "",
            d.RatioOf is { } r ? $"{r.Numerator}/{r.Denominator}" : "",
            filters,
            d.GroupBy?.Text ?? "",
            d.Window.Ticks.ToString(CultureInfo.InvariantCulture),
            d.Baseline?.History.Ticks.ToString(CultureInfo.InvariantCulture) ?? ""));
    }

    internal static string? Suggest(string name, IEnumerable<string> known) =>
        known.Select(k => (k, d: EditDistance.Levenshtein(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(p => p.d <= Math.Max(1, p.k.Length / 3))
            .OrderBy(p => p.d)
            .Select(p => p.k)
            .FirstOrDefault();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex(@"^(count|sum|distinct|ratio|surprise)\s*(\((.*)\))?$", RegexOptions.Singleline)]
    internal static partial Regex AggregateSyntax();

    /// <summary>A <c>{placeholder}</c> in a reason template.</summary>
    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    public static partial Regex Placeholder();

    internal static int MaxBaseline => MaxBaselineWindows;
}
