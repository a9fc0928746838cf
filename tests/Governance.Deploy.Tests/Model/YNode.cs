using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Governance.Deploy.Tests.Model;

/// <summary>A parsed YAML node with the file and line it came from, for messages that say where.</summary>
internal sealed class YNode(YamlNode node, string file)
{
    public string File => file;

    public long Line => node.Start.Line;

    /// <summary><c>file:line</c>.</summary>
    public string At => $"{file}:{Line}";

    public bool IsMap => node is YamlMappingNode;

    public bool IsSeq => node is YamlSequenceNode;

    /// <summary>The scalar's text, or null for a mapping or sequence.</summary>
    public string? Text => node is YamlScalarNode s ? s.Value ?? "" : null;

    public YNode? this[string key] =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var value) ? new YNode(value, file) : null;

    public IEnumerable<YNode> Items => node is YamlSequenceNode s ? s.Children.Select(c => new YNode(c, file)) : [];

    public IEnumerable<(string Key, YNode Value)> Entries =>
        node is YamlMappingNode m ? m.Children.Select(p => (p.Key is YamlScalarNode k ? k.Value ?? "" : p.Key.ToString() ?? "", new YNode(p.Value, file))) : [];

    /// <summary>Every scalar below this node (values only, not mapping keys), in document order.</summary>
    public IEnumerable<YNode> Scalars()
    {
        switch (node)
        {
            case YamlScalarNode:
                yield return this;
                break;
            case YamlSequenceNode s:
                foreach (var item in s.Children.SelectMany(c => new YNode(c, file).Scalars()))
                {
                    yield return item;
                }

                break;
            case YamlMappingNode m:
                foreach (var item in m.Children.SelectMany(p => new YNode(p.Value, file).Scalars()))
                {
                    yield return item;
                }

                break;
        }
    }

    /// <summary>A scalar's text, a sequence's items joined by spaces (compose's command and test forms alike).</summary>
    public string Flatten() => Text ?? string.Join(' ', Items.Select(i => i.Flatten()));

    /// <summary>Every document of a (multi-document) YAML text; a syntax error names the file and line.</summary>
    public static IReadOnlyList<YNode> LoadAll(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{file}:{ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            throw new InvalidDataException($"{file}: not valid YAML ({ex.Message})", ex);
        }

        return stream.Documents.Select(d => new YNode(d.RootNode, file)).Where(d => d.IsMap).ToList();
    }
}
