using Governance.Rules.Engine;
using Governance.Rules.Expressions;
using Governance.Rules.Model;
using Governance.Rules.Text;

namespace Governance.Rules.Packs;

/// <summary>
/// Validates and compiles a whole pack: term lists, every rule file, every expression (errors at the
/// file, line and column of the YAML), cross-rule checks (unique ids, fixtures present). A pack with
/// any error yields no <see cref="RulePack"/>: an invalid pack is never put in force.
/// </summary>
public static class RulePackCompiler
{
    /// <summary>Compiles <paramref name="files"/>; <paramref name="displayRoot"/> prefixes file names in errors (e.g. <c>rules</c>).</summary>
    public static RulePackCompilation Compile(RulePackFiles files, string displayRoot = "rules")
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<RuleError>();
        string Display(string relative) => displayRoot.Length == 0 ? relative : $"{displayRoot.TrimEnd('/')}/{relative}";

        var termLists = CompileTerms(files, Display, errors, out var listNames);
        var environment = new ExpressionEnvironment(termLists, listNames);
        var rules = new List<CompiledRule>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, content) in files.Files.Where(f => RulePackFiles.IsRule(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var definition = RuleFileParser.Parse(Display(path), content, errors);
            if (definition is null)
            {
                continue;
            }

            if (ids.TryGetValue(definition.Id, out var other))
            {
                errors.Add(new RuleError(new SourceSpan(definition.File, 1, 1), "id", $"'{definition.Id}' is also the id of {other}"));
            }

            ids[definition.Id] = definition.File;
            CheckSemantics(definition, errors);
            CheckFixtures(definition, path, files, errors);
            if (CompileRule(definition, environment, errors) is { } rule)
            {
                rules.Add(rule);
            }
        }

        if (rules.Count == 0 && errors.Count == 0)
        {
            errors.Add(new RuleError(new SourceSpan(displayRoot, 0, 0), "", "the pack has no rule files (*.yaml)"));
        }

        return errors.Count == 0
            ? new RulePackCompilation(new RulePack(files.Version, rules), errors)
            : new RulePackCompilation(null, errors);
    }

    private static TermLists? CompileTerms(RulePackFiles files, Func<string, string> display, List<RuleError> errors, out List<string> names)
    {
        names = [];
        var lists = new List<TermList>();
        foreach (var (path, content) in files.Files.Where(f => RulePackFiles.IsTerms(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            try
            {
                lists.Add(TermListParser.Parse(name, content, display(path)));
                names.Add(name);
            }
            catch (TermListException ex)
            {
                errors.AddRange(ex.Errors.Select(e => new RuleError(new SourceSpan(e.Source, e.Line, 1), "", e.Message)));
            }
        }

        return lists.Count == 0 ? null : TermLists.Compile(lists);
    }

    private static CompiledRule? CompileRule(RuleDefinition d, ExpressionEnvironment environment, List<RuleError> errors)
    {
        var start = errors.Count;
        var when = Expression(d.When, "when", ExpressionType.Bool, environment, errors);
        var fireWhen = d.FireWhen is null ? null : Expression(d.FireWhen, "fireWhen", ExpressionType.Bool, environment, errors);
        var argument = d.Argument is null ? null : Expression(d.Argument, "aggregate", d.Aggregate == AggregateKind.Sum ? ExpressionType.Number : ExpressionType.Unknown, environment, errors);
        var group = d.GroupBy is null ? null : Expression(d.GroupBy, "groupBy", ExpressionType.Unknown, environment, errors);
        CompiledExpression? numerator = null, denominator = null;
        if (d.RatioOf is { } ratio)
        {
            numerator = Expression(d.Filters[ratio.Numerator], "filters." + ratio.Numerator, ExpressionType.Bool, environment, errors);
            denominator = Expression(d.Filters[ratio.Denominator], "filters." + ratio.Denominator, ExpressionType.Bool, environment, errors);
        }

        if (errors.Count > start || when is null)
        {
            return null;
        }

        return new CompiledRule
        {
            Definition = d,
            When = when.IsTrue,
            FireWhen = fireWhen is null ? null : fireWhen.IsTrue,
            Amount = d.Aggregate == AggregateKind.Sum ? argument!.AsNumber : null,
            Item = d.Aggregate == AggregateKind.Distinct ? argument!.AsKey : null,
            GroupKey = group is null ? null : group.AsKey,
            Numerator = numerator is null ? null : numerator.IsTrue,
            Denominator = denominator is null ? null : denominator.IsTrue,
        };
    }

    private static CompiledExpression? Expression(Located located, string field, ExpressionType type, ExpressionEnvironment environment, List<RuleError> errors)
    {
        try
        {
            return ExpressionCompiler.Compile(located.Text, environment, type);
        }
        catch (ExpressionException ex)
        {
            // Map the position inside the expression to the YAML file (exact for one-line expressions).
            var where = ex.Line <= 1
                ? located.Where.At(ex.Column - 1)
                : located.Where with { Line = located.Where.Line + ex.Line - 1, Column = ex.Column };
            errors.Add(new RuleError(where, field, ex.Detail));
            return null;
        }
    }

    private static void CheckSemantics(RuleDefinition d, List<RuleError> errors)
    {
        var at = new SourceSpan(d.File, 1, 1);
        if (d.Minimum > 0 && d.Aggregate is not (AggregateKind.Ratio or AggregateKind.Surprise))
        {
            errors.Add(new RuleError(at, "minimum", "only applies to ratio (the least number of denominator events) and surprise (of numerator events); use the threshold instead"));
        }

        SurpriseTest.Check(d, at, errors);

        if (d.Baseline is not null && d.Aggregate is not (AggregateKind.Count or AggregateKind.Sum or AggregateKind.Surprise))
        {
            errors.Add(new RuleError(at, "baseline", "only applies to count, sum and surprise aggregates"));
        }

        var unused = d.Filters.Keys.Where(k => d.RatioOf is not { } r || (k != r.Numerator && k != r.Denominator)).ToList();
        if (unused.Count > 0)
        {
            errors.Add(new RuleError(d.Filters[unused[0]].Where, "filters." + unused[0], "is not used by the aggregate"));
        }
    }

    private static void CheckFixtures(RuleDefinition d, string path, RulePackFiles files, List<RuleError> errors)
    {
        var folder = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
        foreach (var test in d.Tests)
        {
            var fixture = Fixture(folder, test.EventsFile);
            if (!files.Files.ContainsKey(fixture))
            {
                errors.Add(new RuleError(test.Where, "tests.events", $"fixture '{test.EventsFile}' is not in the pack (looked for {fixture})"));
            }
        }
    }

    /// <summary>The pack-relative path of a test's fixture.</summary>
    public static string Fixture(string ruleFolder, string eventsFile) =>
        Path.GetFullPath(Path.Combine("/", ruleFolder, eventsFile)).TrimStart('/').Replace('\\', '/');
}
