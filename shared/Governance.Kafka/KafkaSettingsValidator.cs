using Microsoft.Extensions.Options;

namespace Governance.Kafka;

/// <summary>Checks <see cref="KafkaSettings"/> at start and reports each setting that cannot work.</summary>
[OptionsValidator]
public sealed partial class KafkaSettingsValidator : IValidateOptions<KafkaSettings>;
