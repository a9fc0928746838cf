using Governance.Redis;
using Microsoft.Extensions.Options;

namespace Governance.Signals;

/// <summary>Checks <see cref="RedisOptions"/> at start and reports each setting that cannot work.</summary>
// Here rather than beside RedisOptions: Governance.Redis does not depend on Microsoft.Extensions.Options.
[OptionsValidator]
public sealed partial class RedisOptionsValidator : IValidateOptions<RedisOptions>;
