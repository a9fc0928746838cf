namespace Governance.Rules.Text;

/// <summary>One alternative at one word position of a term: normalized text (may hold several words) and whether it is a stem.</summary>
internal readonly record struct TermWord(string Text, bool IsStem)
{
    public override string ToString() => IsStem ? Text + "*" : Text;
}
