namespace Governance.Rules.Text;

/// <summary>What an automaton pattern stands for: segment <paramref name="Segment"/> of entry <paramref name="Entry"/>.</summary>
/// <param name="Entry">Index into the matcher's entries.</param>
/// <param name="Segment">0-based segment of that entry.</param>
/// <param name="StemEnd">The segment ends with a stem, so the match runs on to the end of the word.</param>
internal readonly record struct PatternOutput(int Entry, int Segment, bool StemEnd);
