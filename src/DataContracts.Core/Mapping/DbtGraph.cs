using System.Collections.Immutable;

namespace DataContracts.Mapping;

/// <summary>A dbt node as a downstream consumer: model, seed, snapshot, exposure, metric, semantic model, saved query.</summary>
internal sealed record DbtNode
{
    public required string UniqueId { get; init; }

    public required string Name { get; init; }

    /// <summary><c>model</c>, <c>seed</c>, <c>snapshot</c>, <c>exposure</c>, <c>metric</c>, <c>semantic_model</c>, …</summary>
    public required string ResourceType { get; init; }

    /// <summary>For exposures: dashboard, notebook, analysis, ml, application.</summary>
    public string? Subtype { get; init; }

    public TableName? Table { get; init; }

    /// <summary>Package-root-resolved, workspace-relative defining file, when local.</summary>
    public string? File { get; init; }

    public string? Url { get; init; }

    public ImmutableArray<string> Owners { get; init; } = [];

    /// <summary>An ephemeral model: it builds no relation, so it is walked through but never a consumer.</summary>
    public bool Ephemeral { get; init; }
}

/// <summary>dbt's own lineage (child_map, exposures), without tests: merged with the catalog's so new models still show consumers.</summary>
internal sealed record DbtGraph
{
    public static readonly DbtGraph Empty = new();

    public ImmutableDictionary<string, DbtNode> Nodes { get; init; } = ImmutableDictionary<string, DbtNode>.Empty;

    public ImmutableDictionary<string, ImmutableArray<string>> Children { get; init; } = ImmutableDictionary<string, ImmutableArray<string>>.Empty;

    public ImmutableArray<string> ChildrenOf(string uniqueId) =>
        Children.TryGetValue(uniqueId, out var c) ? c : [];
}
