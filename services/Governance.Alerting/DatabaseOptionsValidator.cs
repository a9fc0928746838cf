using Microsoft.Extensions.Options;

namespace Governance.Alerting;

/// <summary>Checks every <see cref="DatabaseOptions"/> setting and reports each one that cannot work.</summary>
[OptionsValidator]
public sealed partial class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>;
