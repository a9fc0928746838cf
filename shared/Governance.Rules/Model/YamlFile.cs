using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Governance.Rules.Model;

/// <summary>Loads a reviewed YAML file (rules, the escalation policy) that holds one mapping, reporting problems as <see cref="RuleError"/>s.</summary>
public static class YamlFile
{
    /// <summary>
    /// The file's single mapping, or null with the problem added to <paramref name="errors"/>:
    /// not YAML (with line and column), or not one mapping (<paramref name="shape"/> says what is expected).
    /// </summary>
    public static YamlMappingNode? LoadMapping(string file, string text, string shape, List<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode mapping)
            {
                return mapping;
            }

            errors.Add(new RuleError(new SourceSpan(file, 1, 1), "", shape));
        }
        catch (YamlException ex)
        {
            errors.Add(new RuleError(new SourceSpan(file, (int)ex.Start.Line, (int)ex.Start.Column), "", "not valid YAML: " + (ex.InnerException?.Message ?? ex.Message)));
        }

        return null;
    }
}
