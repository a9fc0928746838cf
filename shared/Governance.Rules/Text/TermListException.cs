namespace Governance.Rules.Text;

/// <summary>Term list files that cannot be loaded; <see cref="Errors"/> lists every problem found, each naming file and line.</summary>
public sealed class TermListException : Exception
{
    /// <summary>An exception for the given problems (at least one).</summary>
    public TermListException(IReadOnlyList<TermListError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in file and line order.</summary>
    public IReadOnlyList<TermListError> Errors { get; }

    private static string Describe(IReadOnlyList<TermListError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        return errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} errors in term lists:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
    }
}
