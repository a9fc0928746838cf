using Microsoft.Extensions.Options;

namespace Governance.Alerting;

/// <summary>Checks every <see cref="AlertingOptions"/> setting (with its <c>Batch</c>, <c>Outbox</c> and <c>Retention</c>) and reports each one that cannot work.</summary>
[OptionsValidator]
public sealed partial class AlertingOptionsValidator : IValidateOptions<AlertingOptions>;
