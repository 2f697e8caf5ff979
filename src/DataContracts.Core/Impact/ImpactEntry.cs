using System.Collections.Immutable;
using DataContracts.Classification;

namespace DataContracts.Impact;

internal enum ImpactVerdict
{
    Fail,
    Warn,
    Acknowledged,
    Off,
}

/// <summary>Which lineage found a downstream node.</summary>
internal enum LineageOrigin
{
    /// <summary>The catalog's lineage only.</summary>
    Catalog,

    /// <summary>dbt's lineage only (the manifest's graph).</summary>
    Dbt,

    /// <summary>Both: the catalog resource is also a node of the dbt graph.</summary>
    CatalogAndDbt,
}

internal sealed record ImpactSource
{
    public string? Table { get; init; }

    public string? SecodaId { get; init; }

    public string? Contract { get; init; }

    public ImmutableArray<string> Models { get; init; } = [];

    /// <summary>Why the model counts as changed (file edited, macro changed, properties yml), so reviewers see the cause.</summary>
    public string? Reason { get; init; }

    /// <summary>The changed file to point annotations and MSBuild errors at.</summary>
    public required string File { get; init; }

    public int Line { get; init; } = 1;

    public ImmutableArray<string> Owners { get; init; } = [];

    /// <summary>The class of the change (the worst of the models building this table); the verdict follows from it.</summary>
    public ChangeClassification? Classification { get; init; }
}

internal sealed record ImpactEntry
{
    public required ImpactSource Source { get; init; }

    public required ImpactVerdict Verdict { get; init; }

    public required ImmutableArray<DownstreamEntry> Downstream { get; init; }

    /// <summary>Column-level impact, when the change breaks named columns of the source; null otherwise.</summary>
    public ColumnSummary? Columns { get; init; }

    /// <summary>Consumers that column lineage shows do not read a broken column (<c>breaks: false</c>), not ignored.</summary>
    public int Spared => Downstream.Count(d => d.Breaks == false && !d.Ignored);
}

/// <summary>The broken columns of a source, and per column who reads it (resource ids, sorted).</summary>
internal sealed record ColumnSummary
{
    public required ImmutableArray<ColumnReaders> Broken { get; init; }

    /// <summary>Why no consumer could be spared, when none could; null when the column answer is complete.</summary>
    public string? Unknown { get; init; }
}

internal sealed record ColumnReaders(string Column, ImmutableArray<string> Readers);

internal sealed record DownstreamEntry
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Type { get; init; }

    public string? NativeType { get; init; }

    public string? Url { get; init; }

    public required int Depth { get; init; }

    /// <summary>The path from the source to this node's parent (ids), source first.</summary>
    public ImmutableArray<string> Via { get; init; } = [];

    public bool Acknowledged { get; init; }

    public string? AcknowledgedReason { get; init; }

    public bool Ignored { get; init; }

    public ImmutableArray<string> Owners { get; init; } = [];

    /// <summary><c>db.schema.name</c> when the resource is a table.</summary>
    public string? FullName { get; init; }

    /// <summary>
    /// Column-level impact, when the source's change breaks named columns: true (reads a broken column), false
    /// (spared: reads the source only through intact columns), null (unknown, counted as breaking).
    /// </summary>
    public bool? Breaks { get; init; }

    /// <summary>Which lineage found it.</summary>
    public LineageOrigin Origin { get; init; } = LineageOrigin.Catalog;

    /// <summary>How people should see it: <c>db.schema.name</c> for tables, the title otherwise.</summary>
    public string DisplayName => FullName ?? Title;

    /// <summary>A model this same change rebuilds: listed apart, not a consumer.</summary>
    public bool ChangedHere { get; init; }

    /// <summary>A model this same change deletes: it will not read anything, so it is listed apart, not a consumer.</summary>
    public bool DeletedHere { get; init; }

    /// <summary>Counts toward the verdict: neither ignored, acknowledged, changed nor deleted in this same change.</summary>
    public bool Counts => !Ignored && !Acknowledged && !ChangedHere && !DeletedHere;
}
