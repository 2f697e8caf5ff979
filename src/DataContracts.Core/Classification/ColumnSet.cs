using System.Collections.Immutable;

namespace DataContracts.Classification;

/// <summary>A column as one source of evidence knows it; <see cref="Type"/> is null when that source has no types (SQL).</summary>
internal sealed record ColumnFact(string Name, string? Type);

/// <summary>
/// The columns of one side (production or this change) from one source of evidence. <see cref="Expressions"/>
/// is set for SQL evidence only: the projection text per column, so a changed expression is seen even
/// though its type is unknown.
/// </summary>
internal sealed record ColumnSet
{
    public required Evidence Source { get; init; }

    public required ImmutableArray<ColumnFact> Columns { get; init; }

    /// <summary>Normalised projection text by lower-cased column name (SQL evidence only).</summary>
    public ImmutableDictionary<string, string> Expressions { get; init; } = ImmutableDictionary<string, string>.Empty;

    public bool HasTypes => Columns.Length > 0 && Columns.All(c => c.Type is not null);

    public ColumnFact? Find(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
