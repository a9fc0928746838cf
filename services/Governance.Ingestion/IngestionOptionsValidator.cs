using Microsoft.Extensions.Options;

namespace Governance.Ingestion;

/// <summary>Checks every <see cref="IngestionOptions"/> setting and reports each one that cannot work.</summary>
[OptionsValidator]
public sealed partial class IngestionOptionsValidator : IValidateOptions<IngestionOptions>;
