using Microsoft.Extensions.Options;

namespace Governance.Signals.Publishing;

/// <summary>Checks <see cref="SignalQueueOptions"/> at start.</summary>
[OptionsValidator]
public sealed partial class SignalQueueOptionsValidator : IValidateOptions<SignalQueueOptions>;
