namespace Governance.Rules.Text;

/// <summary>A term found in a text: evidence for a signal.</summary>
/// <param name="ListName">The list the term belongs to, e.g. <c>health-claims</c>.</param>
/// <param name="Term">The term as written in the list file, e.g. <c>cura el|la diabetes</c>.</param>
/// <param name="Line">The term's line in the list file.</param>
/// <param name="Start">Start of the match in the normalized text (<see cref="TextNormalizer.Normalize"/>).</param>
/// <param name="Length">Length of the match in the normalized text; a stem's match runs to the end of the word.</param>
/// <param name="Text">The matched words, normalized, e.g. <c>crema milagrosa</c>.</param>
public sealed record TermMatch(string ListName, string Term, int Line, int Start, int Length, string Text);
