using System.Collections.Immutable;

namespace DataContracts.Impact.Columns;

/// <summary>
/// What change classification says about one changed source table: the catalog id of the table and the names
/// of its columns that the change breaks (removed or retyped). Added columns break nothing and are not listed.
/// For a logic change, the columns whose values may change (<see cref="ValuesOnly"/>): they stay, so diagnostics
/// must not call them broken.
/// </summary>
internal sealed record BrokenColumns(string SourceId, ImmutableArray<string> Columns)
{
    /// <summary>The columns keep their names and types; only their values may change (a logic change).</summary>
    public bool ValuesOnly { get; init; }
}
