using System.ComponentModel.DataAnnotations;

namespace Governance.Alerting;

/// <summary>
/// PostgreSQL (section <c>Alerting:Database</c>), checked at start by <see cref="DatabaseOptionsValidator"/>. The
/// service works as a role that may only read and write rows; migrations run as the schema's owner. Local
/// defaults are for development only:
/// <code>
/// "Database": { "ConnectionString": "Host=127.0.0.1;Database=governance;Username=governance_alerting;Password=alerting-dev",
///               "MigrationConnectionString": "Host=127.0.0.1;Database=governance;Username=governance;Password=governance-dev",
///               "Schema": "alerting" }
/// </code>
/// Set <c>Alerting__Database__ConnectionString</c> and <c>Alerting__Database__MigrationConnectionString</c> elsewhere.
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Alerting:Database";

    /// <summary>The service's own role (DML only).</summary>
    [Required(ErrorMessage = "Alerting:Database:ConnectionString is required (env Alerting__Database__ConnectionString).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>The owner role that applies migrations at start (empty: skip migrations, e.g. when a deploy job runs them).</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>Schema of the tables (tests use one each).</summary>
    [Required(ErrorMessage = "Alerting:Database:Schema must not be empty.")]
    [RegularExpression(Identifier, ErrorMessage = "Alerting:Database:Schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters).")]
    public string Schema { get; set; } = "alerting";

    /// <summary>Role granted read and write on the tables (if it exists).</summary>
    [Required(ErrorMessage = "Alerting:Database:ServiceRole must not be empty.")]
    [RegularExpression(Identifier, ErrorMessage = "Alerting:Database:ServiceRole must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters).")]
    public string ServiceRole { get; set; } = "governance_alerting";

    /// <summary>Role granted read only (the CLI), if it exists.</summary>
    [Required(ErrorMessage = "Alerting:Database:ReadOnlyRole must not be empty.")]
    [RegularExpression(Identifier, ErrorMessage = "Alerting:Database:ReadOnlyRole must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters).")]
    public string ReadOnlyRole { get; set; } = "governance_readonly";

    // Names are spliced into SQL (schema, GRANT ... TO role): only plain identifiers are allowed.
    private const string Identifier = "^[a-z_][a-z0-9_]{0,62}$";
}
