using System.Collections.Immutable;

namespace DataContracts.Contracts;

/// <summary>
/// The keys and option values the v1 contract file allows, one table per level. The reader checks
/// against these tables and a test compares them with <c>schemas/datacontracts.schema.json</c>, so the
/// parser and the published schema cannot drift apart.
/// </summary>
internal static class ContractKeys
{
    /// <summary>Level names, written as a path: <c>contracts[]</c> is any item of the <c>contracts</c> list.</summary>
    public const string Root = "";
    public const string Secoda = "secoda";
    public const string Dbt = "dbt";
    public const string Sql = "sql";
    public const string SqlProj = "sqlproj";
    public const string Policy = "policy";
    public const string ContractItem = "contracts[]";
    public const string AcknowledgementItem = "contracts[].acknowledged[]";

    public static readonly ImmutableDictionary<string, ImmutableArray<string>> Allowed =
        new Dictionary<string, ImmutableArray<string>>
        {
            [Root] = ["version", "secoda", "dbt", "sql", "sqlproj", "policy", "contracts", "owners_map"],
            [Secoda] = ["url", "token_env", "integration_id", "snapshot"],
            [Dbt] = ["project_dir", "manifest", "catalog", "state", "state_token_env"],
            [Sql] = ["paths", "dialect", "default_database", "default_schema"],
            [SqlProj] = ["projects", "database", "variables"],
            [Policy] = ["on_impact", "on_non_breaking", "uncontracted", "max_depth", "on_catalog_error", "ignore"],
            [ContractItem] = ["name", "models", "table", "secoda_id", "on_impact", "on_non_breaking", "owners", "acknowledged"],
            [AcknowledgementItem] = ["resource", "reason", "expires"],
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Keys that must be present, per level.</summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<string>> Required =
        new Dictionary<string, ImmutableArray<string>>
        {
            [Root] = ["version"],
            [SqlProj] = ["projects"],
            [ContractItem] = ["name", "models"],
            [AcknowledgementItem] = ["resource", "reason"],
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Allowed option values, keyed by <c>level.key</c>.</summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<string>> Options =
        new Dictionary<string, ImmutableArray<string>>
        {
            ["policy.on_impact"] = ["fail", "warn", "off"],
            ["contracts[].on_impact"] = ["fail", "warn", "off"],
            ["policy.on_non_breaking"] = ["fail", "warn", "off"],
            ["contracts[].on_non_breaking"] = ["fail", "warn", "off"],
            ["policy.uncontracted"] = ["check", "warn", "ignore"],
            ["policy.on_catalog_error"] = ["fail", "warn"],
            ["sql.dialect"] = ["ansi", "postgres", "snowflake", "bigquery", "tsql", "redshift", "databricks"],
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>How a level is named in messages.</summary>
    public static string Describe(string level) => level switch
    {
        Root => "the top level",
        ContractItem => "a contract",
        AcknowledgementItem => "an acknowledgement",
        _ => $"`{level}`",
    };
}
