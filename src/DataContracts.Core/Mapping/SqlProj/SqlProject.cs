using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.SqlProj;

/// <summary>Where a project's database name came from, for messages and docs.</summary>
internal enum DatabaseNameSource
{
    /// <summary><c>sqlproj.database</c> in the contract file.</summary>
    Contract,

    /// <summary>The project's <c>TargetDatabaseName</c> property.</summary>
    TargetDatabaseName,

    /// <summary>The project's <c>Name</c> property (classic SSDT writes it).</summary>
    Name,

    /// <summary>The project file's name without <c>.sqlproj</c>, as MSBuild's <c>$(MSBuildProjectName)</c>.</summary>
    FileName,
}

internal enum ProjectItemAction
{
    Include,
    Remove,
}

/// <summary>One <c>Build</c> (or <c>PreDeploy</c>/<c>PostDeploy</c>) item element, in document order.</summary>
internal sealed record ProjectItem(ProjectItemAction Action, ImmutableArray<string> Patterns, ImmutableArray<string> Excludes, SourceLocation Location);

/// <summary>A <c>SqlCmdVariable</c> item: its literal value, if the project gives one, and its default.</summary>
internal sealed record SqlCmdVariableDeclaration(string Name, string? Value, string? DefaultValue, SourceLocation Location);

/// <summary>
/// What a <c>.sqlproj</c> says, read as XML without evaluating MSBuild: the items that make the model, the
/// database name, the SQLCMD variables and the target platform.
/// </summary>
internal sealed record SqlProject
{
    public required string FullPath { get; init; }

    /// <summary>Workspace-relative, with <c>/</c>.</summary>
    public required string RelativePath { get; init; }

    public string Directory => Path.GetDirectoryName(FullPath)!;

    public required string DatabaseName { get; init; }

    public required DatabaseNameSource DatabaseNameSource { get; init; }

    /// <summary>SDK-style (<c>Microsoft.Build.Sql</c>): every <c>**/*.sql</c> outside bin/obj is a Build item unless switched off.</summary>
    public bool IsSdkStyle { get; init; }

    /// <summary><c>EnableDefaultItems</c> and <c>EnableDefaultSqlItems</c> are not <c>false</c> (SDK-style only).</summary>
    public bool DefaultItems { get; init; }

    /// <summary>Build items and removals, in document order (MSBuild's order matters: a later Remove undoes an earlier Include).</summary>
    public ImmutableArray<ProjectItem> BuildItems { get; init; } = [];

    /// <summary>Pre- and post-deployment scripts: never part of the model, whatever globs say.</summary>
    public ImmutableArray<string> DeployScripts { get; init; } = [];

    public ImmutableDictionary<string, SqlCmdVariableDeclaration> Variables { get; init; } =
        ImmutableDictionary<string, SqlCmdVariableDeclaration>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>From <c>DSP</c> (<c>Sql160DatabaseSchemaProvider</c> → 160); null: the newest parser.</summary>
    public int? SqlServerVersion { get; init; }

    /// <summary>Warnings found while reading (items that use MSBuild properties).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];
}
