using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Governance.Hosting;

/// <summary>Start-up validation of bound options by a generated validator (<c>[OptionsValidator]</c>).</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Validates the options with <typeparamref name="TValidator"/> when the host starts: one failure lists
    /// every setting that cannot work. (Binding stays at the call site so the configuration binding
    /// generator sees the concrete type.)
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateOnStartWith<TOptions, TValidator>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return builder.ValidateOnStart();
    }
}
