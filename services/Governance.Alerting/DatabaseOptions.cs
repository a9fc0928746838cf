using System.Text.RegularExpressions;

namespace Governance.Alerting;

/// <summary>
/// PostgreSQL (section <c>Alerting:Database</c>). The service works as a role that may only read and
/// write rows; migrations run as the schema's owner. Local defaults are for development only:
/// <code>
/// "Database": { "ConnectionString": "Host=127.0.0.1;Database=governance;Username=governance_alerting;Password=alerting-dev",
///               "MigrationConnectionString": "Host=127.0.0.1;Database=governance;Username=governance;Password=governance-dev",
///               "Schema": "alerting" }
/// </code>
/// Set <c>Alerting__Database__ConnectionString</c> and <c>Alerting__Database__MigrationConnectionString</c> elsewhere.
/// </summary>
public sealed partial class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Alerting:Database";

    /// <summary>The service's own role (DML only).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The owner role that applies migrations at start (empty: skip migrations, e.g. when a deploy job runs them).</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>Schema of the tables (tests use one each).</summary>
    public string Schema { get; set; } = "alerting";

    /// <summary>Role granted read and write on the tables (if it exists).</summary>
    public string ServiceRole { get; set; } = "governance_alerting";

    /// <summary>Role granted read only (the CLI), if it exists.</summary>
    public string ReadOnlyRole { get; set; } = "governance_readonly";

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("Alerting:Database:ConnectionString is required (env Alerting__Database__ConnectionString).");
        }

        if (!Identifier().IsMatch(Schema) || !Identifier().IsMatch(ServiceRole) || !Identifier().IsMatch(ReadOnlyRole))
        {
            throw new InvalidOperationException("Alerting:Database: Schema, ServiceRole and ReadOnlyRole must be lower-case SQL identifiers ([a-z_][a-z0-9_]*).");
        }
    }

    // Names are spliced into SQL (schema, GRANT ... TO role): only plain identifiers are allowed.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
