using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Governance.Rules.Model;

/// <summary><c>tests:</c>: the rule's own test cases (name, events file, expectation) that <c>rules test</c> runs.</summary>
internal static class RuleTestsField
{
    public static List<RuleTestCase> Read(Fields fields)
    {
        var tests = new List<RuleTestCase>();
        if (fields.Node("tests") is not { } node)
        {
            return tests;
        }

        if (node is not YamlSequenceNode sequence)
        {
            fields.Error(node, "tests", "must be a list of { name, events, expect }");
            return tests;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var prefix = $"tests[{i}].";
            if (sequence.Children[i] is not YamlMappingNode test)
            {
                fields.Error(sequence.Children[i], $"tests[{i}]", "must be a mapping { name, events, expect }");
                continue;
            }

            var name = fields.Scalar(test, "name", required: true, prefix)?.Value;
            var events = fields.Scalar(test, "events", required: true, prefix)?.Value;
            if (Fields.Child(test, "expect") is not YamlMappingNode expect)
            {
                fields.Error(test, prefix + "expect", "is required: { fires: true|false, value: N, firings: N }");
                continue;
            }

            var fires = fields.Scalar(expect, "fires", required: true, prefix + "expect.");
            var value = fields.Scalar(expect, "value", required: false, prefix + "expect.");
            var firings = fields.Scalar(expect, "firings", required: false, prefix + "expect.");
            bool firesValue = false;
            if (fires is not null && !bool.TryParse(fires.Value, out firesValue))
            {
                fields.Error(fires, prefix + "expect.fires", $"'{fires.Value}' is not true or false");
            }

            double? expectedValue = null;
            if (value is not null)
            {
                if (double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    expectedValue = v;
                }
                else
                {
                    fields.Error(value, prefix + "expect.value", $"'{value.Value}' is not a number");
                }
            }

            int? expectedFirings = null;
            if (firings is not null)
            {
                if (int.TryParse(firings.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    expectedFirings = n;
                }
                else
                {
                    fields.Error(firings, prefix + "expect.firings", $"'{firings.Value}' is not a whole number");
                }
            }

            if (name is not null && events is not null)
            {
                tests.Add(new RuleTestCase(name, events, firesValue, expectedValue, expectedFirings, fields.Where(test)));
            }
        }

        return tests;
    }
}
