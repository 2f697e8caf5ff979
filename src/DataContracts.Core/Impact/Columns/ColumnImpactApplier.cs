using System.Collections.Immutable;
using DataContracts.Application;
using DataContracts.Catalog;

namespace DataContracts.Impact.Columns;

/// <summary>
/// Puts a source's column answer on its report entry: <see cref="DownstreamEntry.Breaks"/> per consumer and the
/// per-column readers. Walk keys name catalog nodes by id and dbt-only nodes as <c>dbt:</c> plus the unique id,
/// which is how <see cref="ImpactEvaluator"/> names their entries. A consumer the column answer does not know
/// stays null (counted as breaking); one only column lineage found (outside the walk) breaks.
/// </summary>
internal static class ColumnImpactApplier
{
    /// <summary>
    /// Consumers only column lineage found (<see cref="ColumnImpact.Outside"/>), as walk nodes with their column
    /// path, and what the catalog said about them, so they are described, filtered and counted like any other.
    /// </summary>
    public static (ImmutableArray<WalkedNode> Nodes, ImmutableDictionary<string, CatalogResource> Resources) Outside(
        ColumnImpact? impact, ImmutableDictionary<string, CatalogResource> resources)
    {
        if (impact is null || impact.Outside.IsEmpty)
        {
            return ([], resources);
        }

        return (
            [.. impact.Outside.Select(o => new WalkedNode(o.Id, o.Id, null, o.Via.Length, o.Via))],
            resources.SetItems(impact.Outside.Where(o => o.Resource is not null).Select(o => KeyValuePair.Create(o.Id, o.Resource!))));
    }

    public static ImpactEntry Apply(ImpactEntry entry, ColumnImpact impact)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(impact);
        var downstream = entry.Downstream.Select(d => d with
        {
            Breaks = impact.Breaks.TryGetValue(d.Id, out var breaks) || impact.Breaks.TryGetValue("dbt:" + d.Id, out breaks) ? breaks
                : impact.Outside.Any(o => string.Equals(o.Id, d.Id, StringComparison.OrdinalIgnoreCase)) ? true : null,
        });
        return entry with
        {
            Downstream = [.. downstream],
            Columns = new ColumnSummary
            {
                Broken = [.. impact.Readers
                    .Select(r => new ColumnReaders(r.Key, r.Value))
                    .Concat(impact.Unmatched.Select(c => new ColumnReaders(c, [])))
                    .OrderBy(r => r.Column, StringComparer.OrdinalIgnoreCase)],
                Unknown = impact.Unknown,
            },
        };
    }
}
