using System.Collections.Immutable;
using DataContracts.Catalog;

namespace DataContracts.Impact.Columns;

/// <summary>
/// What the catalog said about columns, for the sources with broken columns: each source table's column
/// resources, the one-hop downstream of every node the column walk expanded (the source's columns and every
/// node reached from a broken column), and the details of the nodes reached. Read by
/// <see cref="ColumnLineageReader"/>; the analysis (<see cref="ColumnImpactAnalyzer"/>) only reads this record.
/// </summary>
internal sealed record ColumnLineage
{
    public static readonly ColumnLineage Empty = new();

    /// <summary>Column resources per source table id. A source missing here was not asked about.</summary>
    public ImmutableDictionary<string, ImmutableArray<CatalogResource>> Columns { get; init; } =
        ImmutableDictionary.Create<string, ImmutableArray<CatalogResource>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>One-hop downstream of every expanded node. A node missing here was not expanded (a leaf or past the depth limit).</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Downstream { get; init; } =
        ImmutableDictionary.Create<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Details of reached nodes (columns carry their table as <see cref="CatalogResource.ParentId"/>).</summary>
    public ImmutableDictionary<string, CatalogResource> Resources { get; init; } =
        ImmutableDictionary.Create<string, CatalogResource>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Nodes reached from a broken column at the depth limit, whose own downstream was not read.</summary>
    public ImmutableHashSet<string> NotFollowed { get; init; } = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);
}
