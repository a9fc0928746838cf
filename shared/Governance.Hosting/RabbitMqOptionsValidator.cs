using Microsoft.Extensions.Options;

namespace Governance.Hosting;

/// <summary>Checks <see cref="RabbitMqOptions"/> at start and reports each setting that cannot work.</summary>
[OptionsValidator]
public sealed partial class RabbitMqOptionsValidator : IValidateOptions<RabbitMqOptions>;
