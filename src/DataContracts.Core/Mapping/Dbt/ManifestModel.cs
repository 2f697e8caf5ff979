using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// The part of a manifest node (model, seed, snapshot, test, source, exposure, metric, semantic model,
/// saved query) the mapper needs. Every field is optional in the file, so most are nullable here.
/// </summary>
internal sealed record ManifestNode
{
    public required string UniqueId { get; init; }

    public required string ResourceType { get; init; }

    public string? PackageName { get; init; }

    public string? Name { get; init; }

    /// <summary>Defining file relative to the package root; empty for cross-project (mesh) nodes.</summary>
    public string? OriginalFilePath { get; init; }

    public string? Path { get; init; }

    /// <summary>Properties yml as <c>package://path</c>.</summary>
    public string? PatchPath { get; init; }

    public string? Database { get; init; }

    public string? Schema { get; init; }

    /// <summary><c>alias</c> for nodes, <c>identifier</c> for sources.</summary>
    public string? Alias { get; init; }

    public string? RelationName { get; init; }

    public string? Materialized { get; init; }

    public bool? Enabled { get; init; }

    public string? Version { get; init; }

    public ImmutableArray<string> DependsOnNodes { get; init; } = [];

    public ImmutableArray<string> DependsOnMacros { get; init; } = [];

    /// <summary>Exposure type (dashboard, notebook…).</summary>
    public string? ExposureType { get; init; }

    public string? Url { get; init; }

    public string? OwnerName { get; init; }

    public string? OwnerEmail { get; init; }

    /// <summary>True when the node came from the manifest's <c>disabled</c> map.</summary>
    public bool IsDisabled { get; init; }

    /// <summary>Resource types that own a warehouse relation.</summary>
    public bool IsRelational => ResourceType is "model" or "seed" or "snapshot" or "source";

    public bool IsEphemeral => string.Equals(Materialized, "ephemeral", StringComparison.OrdinalIgnoreCase);

    /// <summary>Package-relative path of the properties yml, without the <c>package://</c> prefix.</summary>
    public string? PatchFile
    {
        get
        {
            if (string.IsNullOrEmpty(PatchPath))
            {
                return null;
            }

            var i = PatchPath.IndexOf("://", StringComparison.Ordinal);
            return i < 0 ? PatchPath : PatchPath[(i + 3)..];
        }
    }

    /// <summary>The rendered relation, or null for ephemeral models and node types without one.</summary>
    public TableName? Table =>
        !IsRelational || IsEphemeral || string.IsNullOrEmpty(Alias ?? Name)
            ? null
            : new TableName(NullIfEmpty(Database), NullIfEmpty(Schema), (Alias ?? Name)!);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

/// <summary>A macro: only what is needed to find the nodes a changed macro reaches.</summary>
internal sealed record ManifestMacro(
    string UniqueId,
    string? PackageName,
    string? OriginalFilePath,
    ImmutableArray<string> DependsOnMacros);

/// <summary>A leniently read dbt manifest (schema v1–v12, later versions best effort).</summary>
internal sealed record DbtManifest
{
    /// <summary>The path as shown to users.</summary>
    public required string DisplayPath { get; init; }

    public int? SchemaVersion { get; init; }

    public string? DbtVersion { get; init; }

    public string? ProjectName { get; init; }

    public string? AdapterType { get; init; }

    public ImmutableDictionary<string, bool> Quoting { get; init; } = ImmutableDictionary<string, bool>.Empty;

    /// <summary>Enabled nodes of every section (nodes, sources, exposures, metrics, semantic models, saved queries).</summary>
    public ImmutableDictionary<string, ManifestNode> Nodes { get; init; } = ImmutableDictionary<string, ManifestNode>.Empty;

    public ImmutableArray<ManifestNode> Disabled { get; init; } = [];

    public ImmutableDictionary<string, ManifestMacro> Macros { get; init; } = ImmutableDictionary<string, ManifestMacro>.Empty;

    /// <summary>child_map from the file, or null when absent or null there.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>>? ChildMap { get; init; }

    /// <summary>Warnings found while reading (for example a newer schema version).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Where the nodes sat in the parsed bytes; read only by <see cref="Source"/>.</summary>
    internal IReadOnlyDictionary<string, NodeSpan> Spans { get; init; } = new Dictionary<string, NodeSpan>();

    /// <summary>The file this was read from, with each node's place in it; null when parsed from memory.</summary>
    internal ManifestSource? Source { get; init; }
}
