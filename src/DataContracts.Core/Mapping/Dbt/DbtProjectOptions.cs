namespace DataContracts.Mapping.Dbt;

/// <summary>Where a dbt project and its artifacts are.</summary>
internal sealed record DbtProjectOptions
{
    /// <summary>Full path of the workspace (git top level); changed-file paths are relative to it.</summary>
    public required string WorkspaceRoot { get; init; }

    /// <summary>Full path of the folder holding the root project's <c>dbt_project.yml</c>.</summary>
    public required string ProjectDir { get; init; }

    /// <summary>Full path of the head <c>manifest.json</c>; null for the approximate, manifest-free mapping.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>Optional full path of the base (before the change) manifest: maps deleted files and macros exactly.</summary>
    public string? BaseManifestPath { get; init; }
}
