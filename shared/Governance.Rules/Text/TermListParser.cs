using System.Buffers;

namespace Governance.Rules.Text;

/// <summary>
/// Parses the text of one term list file. Format (see <c>docs/text-matching.md</c>):
/// one term per line; <c>#</c> starts a comment; blank lines are ignored; words are separated by
/// spaces; a word ending in <c>*</c> is a stem; <c>a|b</c> lists alternatives for one word position;
/// a line starting with <c>!</c> is an exclusion. Terms are normalized with <see cref="TextNormalizer"/>.
/// </summary>
public static class TermListParser
{
    /// <summary>Fewest letters or digits before a stem's <c>*</c>: <c>cu*</c> would match far too much.</summary>
    public const int MinStemLength = 3;

    /// <summary>Most word positions in one term.</summary>
    public const int MaxWords = 16;

    private static readonly SearchValues<char> Reserved = SearchValues.Create("?()[]{}\\\"");

    /// <summary>
    /// Parses <paramref name="content"/> as the list <paramref name="listName"/>;
    /// <paramref name="source"/> (e.g. the file path) names it in errors.
    /// </summary>
    /// <exception cref="TermListException">The list name or any line is invalid; every problem is listed.</exception>
    public static TermList Parse(string listName, string content, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(listName);
        ArgumentNullException.ThrowIfNull(content);
        source ??= listName;
        var errors = new List<TermListError>();
        if (!IsValidName(listName))
        {
            errors.Add(new TermListError(source, 0, $"list name '{listName}' must be lower-case letters, digits and '-', starting with a letter or digit"));
        }

        var entries = new List<TermEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in content.TrimStart('\uFEFF').Split('\n'))
        {
            lineNumber++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var text = (hash < 0 ? raw : raw[..hash]).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var entry = ParseLine(text, lineNumber, out var problem);
            if (entry is null)
            {
                errors.Add(new TermListError(source, lineNumber, problem!));
                continue;
            }

            var key = CanonicalKey(entry);
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new TermListError(source, lineNumber, $"'{text}' repeats line {first}"));
                continue;
            }

            seen.Add(key, lineNumber);
            entries.Add(entry);
        }

        return errors.Count > 0 ? throw new TermListException(errors) : new TermList(listName, source, entries);
    }

    private static TermEntry? ParseLine(string text, int line, out string? problem)
    {
        var isExclusion = text[0] == '!';
        var body = isExclusion ? text[1..].TrimStart() : text;
        if (body.Length == 0)
        {
            problem = "'!' without a phrase to exclude";
            return null;
        }

        var words = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxWords)
        {
            problem = $"more than {MaxWords} words in '{text}'";
            return null;
        }

        var positions = new List<TermWord[]>(words.Length);
        foreach (var word in words)
        {
            var alternatives = new List<TermWord>();
            foreach (var alternative in word.Split('|'))
            {
                problem = ParseAlternative(alternative, text, out var parsed);
                if (problem is not null)
                {
                    return null;
                }

                if (!alternatives.Contains(parsed))
                {
                    alternatives.Add(parsed);
                }
            }

            positions.Add([.. alternatives]);
        }

        problem = null;
        return new TermEntry(body, line, isExclusion, positions);
    }

    private static string? ParseAlternative(string alternative, string line, out TermWord parsed)
    {
        parsed = default;
        if (alternative.Length == 0)
        {
            return $"empty alternative in '{line}'";
        }

        var reserved = alternative.AsSpan().IndexOfAny(Reserved);
        if (reserved >= 0)
        {
            // Regular-expression habits ("de?", "(la)") would silently lose their punctuation.
            return $"'{alternative[reserved]}' is not term syntax (there are no optional words: write two lines) in '{line}'";
        }

        var isStem = alternative[^1] == '*';
        var core = isStem ? alternative[..^1] : alternative;
        if (core.Contains('*', StringComparison.Ordinal))
        {
            return $"'*' may only end a word: '{alternative}' in '{line}'";
        }

        var normalized = TextNormalizer.Normalize(core);
        if (normalized.Length == 0)
        {
            return $"'{alternative}' has no letters or digits in '{line}'";
        }

        if (isStem && normalized.Length - (normalized.LastIndexOf(' ') + 1) < MinStemLength)
        {
            return $"stem '{alternative}' is too short (at least {MinStemLength} letters or digits before '*') in '{line}'";
        }

        parsed = new TermWord(normalized, isStem);
        return null;
    }

    private static string CanonicalKey(TermEntry entry) =>
        (entry.IsExclusion ? "!" : "") + string.Join(' ', entry.Positions.Select(p => string.Join('|', p.Select(w => w.ToString()).Order(StringComparer.Ordinal))));

    private static bool IsValidName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
