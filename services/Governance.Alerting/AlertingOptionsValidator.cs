using Microsoft.Extensions.Options;

namespace Governance.Alerting;

/// <summary>Checks every <see cref="AlertingOptions"/> setting (with its <c>Batch</c> and <c>Outbox</c>) and reports each one that cannot work.</summary>
[OptionsValidator]
public sealed partial class AlertingOptionsValidator : IValidateOptions<AlertingOptions>;
