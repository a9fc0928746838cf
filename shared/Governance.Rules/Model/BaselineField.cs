using YamlDotNet.RepresentationModel;

namespace Governance.Rules.Model;

/// <summary><c>baseline:</c>: the history a count or sum is compared with (<c>factor</c>), or a surprise rule's own rate (<c>prior</c>).</summary>
internal static class BaselineField
{
    public static Baseline? Read(Fields fields, TimeSpan? window, AggregateKind aggregate)
    {
        if (fields.Node("baseline") is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            fields.Error(node, "baseline", "must be a mapping: { history: 7d, factor: 5 } ({ history: 7d } or { history: 7d, prior: 40 } for surprise)");
            return null;
        }

        var history = fields.Duration(mapping, "history", required: true, TimeSpan.FromMinutes(2), TimeSpan.FromDays(30), "baseline.");
        double? factor;
        double? prior = null;
        if (aggregate == AggregateKind.Surprise)
        {
            if (fields.Scalar(mapping, "factor", required: false, "baseline.") is { } unused)
            {
                fields.Error(unused, "baseline.factor", "a surprise rule's baseline is a rate, not a factor: write { history: 7d } or { history: 7d, prior: 40 }");
            }

            factor = 1; // not read: a surprise rule's baseline sets its rate (SurpriseTest.BlendedRate)
            prior = fields.PositiveNumber(mapping, "prior", required: false, "baseline.");
        }
        else
        {
            if (fields.Scalar(mapping, "prior", required: false, "baseline.") is { } notSurprise)
            {
                fields.Error(notSurprise, "baseline.prior", "only applies to surprise aggregates");
            }

            factor = fields.PositiveNumber(mapping, "factor", required: true, "baseline.");
        }

        if (history is null || factor is null || window is null)
        {
            return null;
        }

        if (history <= window || history.Value.Ticks % window.Value.Ticks != 0 || history.Value.Ticks / window.Value.Ticks > RuleFileParser.MaxBaseline)
        {
            fields.Error(mapping, "baseline.history", $"must be a whole multiple of the window, longer than it and at most {RuleFileParser.MaxBaseline} windows long");
            return null;
        }

        return new Baseline(history.Value, factor.Value, prior);
    }
}
