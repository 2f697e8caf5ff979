using System.Collections.Immutable;
using DataContracts.Mapping;

namespace DataContracts.Classification;

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
