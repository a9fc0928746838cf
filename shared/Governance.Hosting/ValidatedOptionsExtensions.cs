using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Hosting;

/// <summary>Start-up validation of bound options by the options class's own <c>Validate()</c>.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Runs <paramref name="validate"/> at start-up; its exception message (naming the setting) stops the service.
    /// (Binding stays at the call site so the configuration binding generator sees the concrete type.)
    /// </summary>
    public static OptionsBuilder<T> ValidateOnStartWith<T>(this OptionsBuilder<T> builder, Action<T> validate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Validate(value =>
        {
            validate(value);
            return true;
        }).ValidateOnStart();
    }
}
