using System.Collections.Immutable;

namespace DataContracts.Catalog;

/// <summary>One lineage edge: data flows from <see cref="From"/> (upstream) to <see cref="To"/> (downstream).</summary>
internal sealed record LineageEdge(string From, string To);

/// <summary>
/// The catalog snapshot file (version 1): the tables, resources and lineage a run needs, so that
/// <c>check</c> and <c>impact</c> can run offline. Never holds a secret.
/// </summary>
internal sealed record CatalogSnapshot
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Where the data came from, e.g. the API base URL.</summary>
    public string? Source { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public ImmutableArray<CatalogResource> Resources { get; init; } = [];

    public ImmutableArray<LineageEdge> Lineage { get; init; } = [];
}
