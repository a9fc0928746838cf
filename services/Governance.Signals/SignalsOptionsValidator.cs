using Microsoft.Extensions.Options;

namespace Governance.Signals;

/// <summary>Checks every <see cref="SignalsOptions"/> setting (with its <c>Windows</c>) and reports each one that cannot work.</summary>
[OptionsValidator]
public sealed partial class SignalsOptionsValidator : IValidateOptions<SignalsOptions>;
