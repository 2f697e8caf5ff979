using System.Collections.Immutable;
using DataContracts.Mapping;

namespace DataContracts.Mapping.Dbt;

/// <summary>A declared column: its contract <c>data_type</c> and constraint types, as written in the properties yml.</summary>
internal sealed record DeclaredColumn(string Name, string? DataType, ImmutableArray<string> Constraints);

/// <summary>
/// What the classifier needs to know about one dbt node on one side (production state or this change).
/// Built from a manifest by the application layer; the classifier itself reads no files.
/// </summary>
internal sealed record NodeFacts
{
    public required string UniqueId { get; init; }

    public required string ResourceType { get; init; }

    /// <summary>The rendered relation; null for ephemeral models.</summary>
    public TableName? Relation { get; init; }

    /// <summary>The configured (unrendered) database, schema and alias: what dbt compares for <c>state:modified.relation</c>.</summary>
    public string? ConfiguredDatabase { get; init; }

    public string? ConfiguredSchema { get; init; }

    public string? ConfiguredAlias { get; init; }

    public string? Materialized { get; init; }

    public bool Disabled { get; init; }

    public bool ContractEnforced { get; init; }

    public string? Access { get; init; }

    public string? Version { get; init; }

    public ImmutableArray<DeclaredColumn> Columns { get; init; } = [];

    /// <summary>Model-level constraint types (<c>primary_key</c>, …).</summary>
    public ImmutableArray<string> Constraints { get; init; } = [];

    public string? RawCode { get; init; }

    public string? CompiledCode { get; init; }

    /// <summary><c>sql</c> or <c>python</c>.</summary>
    public string? Language { get; init; }

    public string? Checksum { get; init; }

    public bool IsEphemeral => string.Equals(Materialized, "ephemeral", StringComparison.OrdinalIgnoreCase);
}
