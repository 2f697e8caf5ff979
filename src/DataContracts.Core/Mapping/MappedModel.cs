using DataContracts.Changes;

namespace DataContracts.Mapping;

internal enum MappingKind
{
    /// <summary>Exact: read from the dbt manifest.</summary>
    DbtManifest,

    /// <summary>Approximate: dbt project without a manifest (file name, config() and dbt_project.yml).</summary>
    DbtApproximate,

    /// <summary>Plain SQL file under <c>sql.paths</c>.</summary>
    Sql,

    /// <summary>A Build item of a SQL Server database project under <c>sqlproj.projects</c>, read with ScriptDom.</summary>
    SqlProject,

    /// <summary>A file a contract names, mapped to the contract's own <c>table:</c> or <c>secoda_id:</c> because no mapper could.</summary>
    Contract,
}

/// <summary>
/// A model that a change touches, mapped to its warehouse relation. One changed file may yield several
/// (a macro reaches many models; a SQL script may create several tables).
/// </summary>
internal sealed record MappedModel
{
    /// <summary>The changed file (workspace-relative) that caused this model to count as changed.</summary>
    public required string File { get; init; }

    public required ChangeStatus Status { get; init; }

    /// <summary>dbt unique id (<c>model.pkg.name</c>) or, for plain SQL, <c>sql:&lt;file&gt;:&lt;table&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Model name as users say it (dbt model name, or the table name for plain SQL).</summary>
    public required string Name { get; init; }

    /// <summary>For a renamed file: its path before the rename (workspace-relative).</summary>
    public string? OldFile { get; init; }

    /// <summary>The file that defines the model (workspace-relative); for a macro change this is the model's own file.</summary>
    public string? ModelFile { get; init; }

    /// <summary>The relation; null when the model has none (ephemeral) or it could not be determined.</summary>
    public TableName? Table { get; init; }

    public required MappingKind Kind { get; init; }

    /// <summary>Why the model counts as changed, for people: "file modified", "macro macro.pkg.x modified", "properties in models/schema.yml".</summary>
    public required string Reason { get; init; }

    /// <summary>Counts as changed only because a macro it uses changed: its own text may be the same as production's.</summary>
    public bool ThroughMacro { get; init; }

    /// <summary>The changed file could not be read safely (<see cref="ChangedFile.HeadUnreadable"/>): what it is now is unknown.</summary>
    public bool HeadUnreadable { get; init; }

    /// <summary>1-based line in <see cref="File"/> that annotations should point at.</summary>
    public int Line { get; init; } = 1;
}
