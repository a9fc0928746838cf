using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Governance.Configuration;

/// <summary>
/// The result an options class's <see cref="IValidatableObject.Validate"/> yields for a setting that cannot
/// work: <c>Section:Setting problem.</c>, e.g. <c>Ingestion:BatchSize must be at least 1 (is 0).</c>, so
/// that every message names the configuration key to fix.
/// </summary>
public static class OptionsProblem
{
    /// <summary>The problem of <paramref name="setting"/> in <paramref name="section"/>, its values formatted invariantly.</summary>
    /// <param name="section">The options class's configuration path, e.g. <c>Signals:Windows</c>.</param>
    /// <param name="setting">The property, which is also the result's member name.</param>
    /// <param name="problem">What is wrong, e.g. <c>$"must be at least 1 (is {BatchSize})"</c>.</param>
    public static ValidationResult Invalid(string section, string setting, FormattableString problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new($"{section}:{setting} {problem.ToString(CultureInfo.InvariantCulture)}.", [setting]);
    }
}
