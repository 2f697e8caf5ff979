using System.Collections.Immutable;
using DataContracts.Catalog;

namespace DataContracts.Impact.Columns;

/// <summary>
/// The column-level answer for one source table. <see cref="Breaks"/> has one value per downstream node key of
/// the table-level walk: true (reached through a broken column), false (spared: every path to it passes through
/// a consumer that reads this table's columns but none that broke) or null (no column lineage known on some
/// path; counted as breaking).
/// </summary>
internal sealed record ColumnImpact
{
    public required string SourceId { get; init; }

    public required ImmutableDictionary<string, bool?> Breaks { get; init; }

    /// <summary>Per broken column (as the change names it), the resources it reaches through column lineage, sorted by id.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Readers { get; init; } =
        ImmutableDictionary.Create<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Resources reached through a broken column that the table-level walk did not list (a chart Secoda links
    /// only to a column, say), sorted by id. They break, and the report lists them as consumers.
    /// </summary>
    public ImmutableArray<OutsideReader> Outside { get; init; } = [];

    public ImmutableArray<string> OutsideWalk => [.. Outside.Select(o => o.Id)];

    /// <summary>Broken column names the catalog has no column resource for.</summary>
    public ImmutableArray<string> Unmatched { get; init; } = [];

    /// <summary>Why no consumer could be spared, when none could (empty when the column answer is complete).</summary>
    public string? Unknown { get; init; }

    public int Spared => Breaks.Values.Count(b => b == false);
}

/// <summary>
/// A consumer found only through column lineage: its id, what the catalog said about it (null when it could not
/// describe it), and the resources the column path passed through, source first (as <see cref="WalkedNode.Via"/>).
/// </summary>
internal sealed record OutsideReader(string Id, CatalogResource? Resource, ImmutableArray<string> Via);
