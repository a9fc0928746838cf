using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Governance.Rules.Model;

/// <summary><c>reason:</c>: the signal's explanation in English and Spanish, placeholders checked.</summary>
internal static class ReasonField
{
    public static LocalizedText Read(Fields fields)
    {
        if (fields.Node("reason") is not YamlMappingNode mapping)
        {
            fields.Error(fields.Node("reason") ?? fields.Root, "reason", "needs both languages: reason: { en: \"...\", es: \"...\" }");
            return new LocalizedText("", "");
        }

        return new LocalizedText(Template(fields, mapping, "en"), Template(fields, mapping, "es"));
    }

    private static string Template(Fields fields, YamlMappingNode mapping, string language)
    {
        if (fields.Scalar(mapping, language, required: true, "reason.") is not { } node)
        {
            return "";
        }

        var text = node.Value ?? "";
        foreach (Match m in RuleFileParser.Placeholder().Matches(text))
        {
            if (!LocalizedText.Placeholders.Contains(m.Groups[1].Value))
            {
                fields.Error(node, "reason." + language, $"unknown placeholder {m.Value} (known: {string.Join(", ", LocalizedText.Placeholders.Select(p => "{" + p + "}"))})");
            }
        }

        if (text.Trim().Length == 0)
        {
            fields.Error(node, "reason." + language, "is empty");
        }

        return text;
    }
}
