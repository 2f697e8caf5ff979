namespace DataContracts.Application;

/// <summary>Where a dbt artifact the run used came from, so the report can say which one it was.</summary>
internal enum ArtifactOrigin
{
    /// <summary>A command-line option (<c>--manifest</c>, <c>--state</c>) or the MSBuild property that maps to it.</summary>
    Option,

    /// <summary>The contract file (<c>dbt.manifest</c>, <c>dbt.state</c>).</summary>
    ContractFile,

    /// <summary><c>target/manifest.json</c> beside <c>dbt_project.yml</c>, used because nothing named a manifest.</summary>
    FoundBesideProject,

    /// <summary>Downloaded by the tool from a state source (a GitHub artifact, a dbt Cloud job).</summary>
    Fetched,
}

/// <summary>The dbt artifacts a run used: the head manifest and production's state, each with where it came from.</summary>
internal sealed record DbtArtifacts
{
    public static readonly DbtArtifacts None = new();

    /// <summary>The head manifest (full path until the result makes it workspace-relative), or null for approximate mapping.</summary>
    public string? Manifest { get; init; }

    public ArtifactOrigin? ManifestOrigin { get; init; }

    /// <summary>Production's state as the user named it: a folder, or a source such as <c>github-artifact:deploy.yml/dbt-state</c>.</summary>
    public string? State { get; init; }

    public ArtifactOrigin? StateOrigin { get; init; }

    /// <summary>For a fetched state: which run or job it came from (for example "run 1234 of deploy.yml on main, 2026-12-01T10:00:00Z").</summary>
    public string? StateDetail { get; init; }

    public bool IsEmpty => Manifest is null && State is null;
}
