namespace Governance.Rules.Text;

/// <summary>A term or exclusion as the matcher sees it.</summary>
/// <param name="List">Index of its list.</param>
/// <param name="Segments">How many chained segments it was compiled into (1 for most terms).</param>
/// <param name="Source">The parsed line.</param>
internal readonly record struct CompiledEntry(int List, int Segments, TermEntry Source);
