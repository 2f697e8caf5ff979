using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Classification;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Impact.Columns;

namespace DataContracts.Application;

/// <summary>The analysis's column-level step: which sources' breaks are named columns, and who reads them.</summary>
internal static partial class ImpactAnalysis
{
    /// <summary>
    /// Column lineage is read only for sources whose change is breaking through removed or retyped columns and
    /// nothing else, or a logic change whose SQL names the only columns it changes: a removed relation, a dropped
    /// constraint or narrowed access breaks every consumer, so no one could be spared and asking the catalog would
    /// only cost requests.
    /// </summary>
    private static async Task<(ImmutableDictionary<string, ColumnImpact> Impacts, ImmutableArray<Diagnostic> Diagnostics)> ColumnImpactsAsync(
        CheckRun run, IReadOnlyList<PlannedSource> planned, WalkResult walk, ICatalog catalog, CancellationToken cancellationToken)
    {
        var broken = planned
            .Where(p => p.Start.CatalogId is not null && walk.Downstream.TryGetValue(p.Start.Key, out var nodes) && !nodes.IsEmpty)
            .Select(p => (p.Start.CatalogId, Columns: BrokenColumnNames(p.Classification), ValuesOnly: p.Classification is { Class: ChangeClass.NonBreaking }))
            .Where(p => !p.Columns.IsEmpty)
            .Select(p => new BrokenColumns(p.CatalogId!, p.Columns) { ValuesOnly = p.ValuesOnly })
            .ToArray();
        if (broken.Length == 0)
        {
            return (ImmutableDictionary<string, ColumnImpact>.Empty, []);
        }

        run.Request.Progress?.Report($"following {broken.Sum(b => b.Columns.Length)} broken column(s) in {catalog.Source}");
        return await ColumnImpactStage.RunAsync(catalog, walk, broken, run.MaxDepth, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The removed and retyped columns, when they are the only reasons the change is breaking; for a logic change,
    /// the output columns whose values may change, when the SQL shows exactly which; else none.
    /// </summary>
    internal static ImmutableArray<string> BrokenColumnNames(ChangeClassification? classification)
    {
        if (classification is { Class: ChangeClass.NonBreaking, Kind: ChangeKind.Logic, ValueColumns: { IsEmpty: false } values })
        {
            return values;
        }

        if (classification is not { Class: ChangeClass.Breaking } || classification.ColumnChanges.IsEmpty)
        {
            return [];
        }

        // Every reason of a column-only break is one column change; any other reason (a rename, a constraint,
        // access, an undecided expression) breaks consumers whatever columns they read.
        if (!classification.Reasons.All(r => r.IsColumnChange))
        {
            return [];
        }

        return [.. classification.ColumnChanges
            .Where(c => c.Change is ColumnChangeType.Removed or ColumnChangeType.Retyped)
            .Select(c => c.Column)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
