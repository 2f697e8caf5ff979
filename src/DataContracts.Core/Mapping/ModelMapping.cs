using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Mapping;

/// <summary>What a mapper found for a set of changed files.</summary>
internal sealed record ModelMapping
{
    public static readonly ModelMapping Empty = new();

    public ImmutableArray<MappedModel> Models { get; init; } = [];

    /// <summary>dbt lineage to merge into the walk; empty for plain SQL.</summary>
    public DbtGraph Graph { get; init; } = DbtGraph.Empty;

    /// <summary>Changed files this mapper claimed but could not map (for the coverage line).</summary>
    public ImmutableArray<string> UnmappedFiles { get; init; } = [];

    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];
}
