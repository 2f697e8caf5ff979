using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Diagnostics;

namespace DataContracts.Impact.Columns;

/// <summary>
/// The column-level step after the table-level walk: reads column lineage for the sources whose change breaks
/// named columns (nothing is asked otherwise) and answers per source. The diagnostics say, per source, which
/// broken columns the catalog lacks (DC1040) and why nobody could be spared (DC1041).
/// </summary>
internal static class ColumnImpactStage
{
    public static async Task<(ImmutableDictionary<string, ColumnImpact> Impacts, ImmutableArray<Diagnostic> Diagnostics)> RunAsync(
        ICatalog catalog, WalkResult walk, IReadOnlyCollection<BrokenColumns> broken, int maxDepth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(walk);
        var lineage = await ColumnLineageReader.ReadAsync(catalog, broken, maxDepth, cancellationToken).ConfigureAwait(false);
        var impacts = ImmutableDictionary.CreateBuilder<string, ColumnImpact>(StringComparer.OrdinalIgnoreCase);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var source in broken.Where(b => !b.Columns.IsDefaultOrEmpty).DistinctBy(b => b.SourceId, StringComparer.OrdinalIgnoreCase))
        {
            var impact = ColumnImpactAnalyzer.Analyze(new ColumnImpactInput
            {
                Broken = source,
                Nodes = [.. walk.Downstream.GetValueOrDefault(source.SourceId, []).Select(n => n.Key)],
                Edges = walk.Edges.GetValueOrDefault(source.SourceId, []),
                Lineage = lineage,
            });
            impacts[source.SourceId] = impact;
            diagnostics.AddRange(Describe(impact, walk.Resources.GetValueOrDefault(source.SourceId), source.ValuesOnly));
        }

        return (impacts.ToImmutable(), diagnostics.ToImmutable());
    }

    private static IEnumerable<Diagnostic> Describe(ColumnImpact impact, CatalogResource? table, bool valuesOnly)
    {
        var name = table?.AsTable?.ToString() ?? table?.Title ?? impact.SourceId;
        if (!impact.Unmatched.IsEmpty)
        {
            // A logic change keeps its columns: say what it does to them, and that consumers count as reached, not broken.
            var columns = string.Join(", ", impact.Unmatched.Select(c => $"'{c}'"));
            yield return DiagnosticCodes.BrokenColumnNotInCatalog.Create(
                valuesOnly
                    ? $"{name}: the change may alter the values of {columns}, which the catalog does not list among the table's columns; every consumer of the table counts as reached."
                    : $"{name}: the change breaks {columns}, which the catalog does not list among the table's columns; every consumer of the table counts as breaking.",
                hint: "Sync the table in Secoda (or regenerate the catalog snapshot) so its columns are known.");
        }

        if (impact.Unknown is not null && impact.Unmatched.IsEmpty && impact.Breaks.Count > 0)
        {
            yield return DiagnosticCodes.ColumnLineageUnknown.Create(
                $"{name}: no consumer could be spared at column level because {impact.Unknown}; consumers without a known column path count as breaking.");
        }
    }
}
