using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Contracts;

/// <summary>A parsed, validated <c>datacontracts.yml</c> (version 1). Paths inside are as written; resolve them against <see cref="Directory"/>.</summary>
internal sealed record ContractFile
{
    /// <summary>Full path of the contract file.</summary>
    public required string Path { get; init; }

    /// <summary>Folder of the contract file: every relative path in it is relative to this.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public int Version { get; init; } = 1;

    public SecodaSettings Secoda { get; init; } = new();

    public DbtSettings? Dbt { get; init; }

    public SqlSettings? Sql { get; init; }

    /// <summary>SQL Server database projects (<c>sqlproj:</c>): docs/sqlproj.md.</summary>
    public SqlProjSettings? SqlProj { get; init; }

    public PolicySettings Policy { get; init; } = new();

    public ImmutableArray<Contract> Contracts { get; init; } = [];

    /// <summary><c>owners_map</c>: owner emails (Secoda's form) to GitHub handles (<c>@user</c> or <c>@org/team</c>); keys ignore case.</summary>
    public ImmutableDictionary<string, string> OwnersMap { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Warnings found while reading (for example expired acknowledgements). Errors throw instead.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];
}

internal sealed record SecodaSettings
{
    public string? Url { get; init; }

    public string TokenEnv { get; init; } = "SECODA_API_TOKEN";

    public string? IntegrationId { get; init; }

    public string? Snapshot { get; init; }

    public SourceLocation? SnapshotLocation { get; init; }
}

internal sealed record DbtSettings
{
    public string ProjectDir { get; init; } = ".";

    public string? Manifest { get; init; }

    public SourceLocation? ManifestLocation { get; init; }

    /// <summary>The head's <c>catalog.json</c> (<c>dbt docs generate</c>): exact columns and types of this change.</summary>
    public string? Catalog { get; init; }

    public SourceLocation? CatalogLocation { get; init; }

    /// <summary>Production artifacts folder, as dbt's <c>--state</c>: <c>manifest.json</c>, optional <c>catalog.json</c>.</summary>
    public string? State { get; init; }

    public SourceLocation? StateLocation { get; init; }

    /// <summary>The variable holding the token for a fetched state (<c>dbt-cloud:</c>); GitHub artifacts use <c>GITHUB_TOKEN</c>.</summary>
    public string StateTokenEnv { get; init; } = "DBT_CLOUD_API_TOKEN";
}

internal sealed record SqlSettings
{
    public ImmutableArray<string> Paths { get; init; } = [];

    public SqlDialect Dialect { get; init; } = SqlDialect.Ansi;

    public string? DefaultDatabase { get; init; }

    public string? DefaultSchema { get; init; }
}

internal enum ImpactAction
{
    Fail,
    Warn,
    Off,
}

internal enum UncontractedMode
{
    /// <summary>Checked like contracted models: the policy's actions apply.</summary>
    Check,

    /// <summary>Checked, but never blocking: impact on them is at most a warning.</summary>
    Warn,

    Ignore,
}

internal enum CatalogErrorMode
{
    Fail,
    Warn,
}

internal sealed record PolicySettings
{
    /// <summary>For breaking and unknown changes with consumers.</summary>
    public ImpactAction OnImpact { get; init; } = ImpactAction.Fail;

    /// <summary>For non-breaking changes with consumers.</summary>
    public ImpactAction OnNonBreaking { get; init; } = ImpactAction.Warn;

    /// <summary>Warn by default: a project with no contracts yet is never blocked.</summary>
    public UncontractedMode Uncontracted { get; init; } = UncontractedMode.Warn;

    /// <summary>The same range as `--max-depth`: 0 hops would walk nothing and pass silently.</summary>
    public const int MaxDepthLimit = 1000;

    public int MaxDepth { get; init; } = 10;

    public CatalogErrorMode OnCatalogError { get; init; } = CatalogErrorMode.Fail;

    /// <summary>Globs on title or db.schema.name of downstream resources that are never counted.</summary>
    public ImmutableArray<string> Ignore { get; init; } = [];
}

internal sealed record Contract
{
    public required string Name { get; init; }

    /// <summary>Globs relative to the contract file, or dbt model names.</summary>
    public ImmutableArray<string> Models { get; init; } = [];

    /// <summary>Location of each entry of <see cref="Models"/>, same order.</summary>
    public ImmutableArray<SourceLocation> ModelLocations { get; init; } = [];

    /// <summary>Optional override of the mapped table, <c>db.schema.name</c> (parts may be omitted from the left).</summary>
    public string? Table { get; init; }

    public string? SecodaId { get; init; }

    /// <summary>Null means the policy default.</summary>
    public ImpactAction? OnImpact { get; init; }

    /// <summary>Null means <c>policy.on_non_breaking</c>.</summary>
    public ImpactAction? OnNonBreaking { get; init; }

    public ImmutableArray<string> Owners { get; init; } = [];

    public ImmutableArray<Acknowledgement> Acknowledged { get; init; } = [];

    public required SourceLocation Location { get; init; }
}

/// <summary>A known consumer that does not block. Expired ones stop acknowledging.</summary>
internal sealed record Acknowledgement
{
    /// <summary>A title glob, <c>db.schema.name</c>, or a Secoda id.</summary>
    public required string Resource { get; init; }

    public required string Reason { get; init; }

    public DateOnly? Expires { get; init; }

    public required SourceLocation Location { get; init; }

    /// <summary>Where <c>expires</c> is written: what to edit when it has passed.</summary>
    public SourceLocation? ExpiresLocation { get; init; }

    public bool IsActiveOn(DateOnly today) => Expires is null || today <= Expires.Value;
}

/// <summary>
/// SQL Server database projects (<c>.sqlproj</c>, SDK-style or classic SSDT): their Build items are the models,
/// their target database the database part of every table id.
/// </summary>
internal sealed record SqlProjSettings
{
    /// <summary>Project files, relative to the contract file.</summary>
    public ImmutableArray<string> Projects { get; init; } = [];

    public ImmutableArray<SourceLocation> ProjectLocations { get; init; } = [];

    /// <summary>Overrides the project's target database name (for every project listed).</summary>
    public string? Database { get; init; }

    /// <summary>SQLCMD variable values; the command line's <c>--sqlcmd-var</c> wins over these, these over the project's defaults.</summary>
    public ImmutableDictionary<string, string> Variables { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where each of <see cref="Variables"/> is written, for messages.</summary>
    public ImmutableDictionary<string, SourceLocation> VariableLocations { get; init; } = ImmutableDictionary<string, SourceLocation>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public SourceLocation? Location { get; init; }
}
