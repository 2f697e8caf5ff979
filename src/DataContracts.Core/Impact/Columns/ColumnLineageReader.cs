using System.Collections.Immutable;
using DataContracts.Catalog;

namespace DataContracts.Impact.Columns;

/// <summary>
/// Reads from the catalog what <see cref="ColumnImpactAnalyzer"/> needs, and nothing when no change breaks a
/// named column. Per source table: its columns (one catalog query each); one hop of lineage from every column
/// (which consumers read the table's columns at all); then, level by level up to max_depth, the lineage of
/// everything reached from a broken column. Each level is one batch, so the catalog's batching, concurrency
/// cap, request budget and once-per-run memo cover it; details of the nodes reached (and of a column's parent)
/// are fetched in batches too, so columns can be tied to their tables.
/// </summary>
internal static class ColumnLineageReader
{
    private const int MaxNesting = 16;

    public static async Task<ColumnLineage> ReadAsync(
        ICatalog catalog, IReadOnlyCollection<BrokenColumns> broken, int maxDepth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(broken);
        var wanted = broken.Where(b => !b.Columns.IsDefaultOrEmpty).ToList();
        if (wanted.Count == 0)
        {
            return ColumnLineage.Empty;
        }

        var tableIds = wanted.Select(b => b.SourceId).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var columns = await catalog.GetColumnsAsync(tableIds, cancellationToken).ConfigureAwait(false);
        var resources = new Dictionary<string, CatalogResource>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns.Values.SelectMany(c => c))
        {
            resources.TryAdd(column.Id, column);
        }

        var follow = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var b in wanted)
        {
            var names = b.Columns.ToHashSet(StringComparer.OrdinalIgnoreCase);
            follow.UnionWith(columns.GetValueOrDefault(b.SourceId, []).Where(c => names.Contains(c.Title)).Select(c => c.Id));
        }

        var downstream = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);
        var frontier = columns.Values.SelectMany(c => c).Select(c => c.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var describing = Task.CompletedTask;
        for (var depth = 0; depth < maxDepth && frontier.Count > 0; depth++)
        {
            var level = await LevelAsync(catalog, frontier, describing, cancellationToken).ConfigureAwait(false);
            var next = new List<string>();
            foreach (var (id, children) in level)
            {
                downstream[id] = [.. children];
                if (!follow.Contains(id))
                {
                    continue;
                }

                foreach (var child in children)
                {
                    // Everything reached from a broken column is followed further, once.
                    if (follow.Add(child) && !downstream.ContainsKey(child))
                    {
                        next.Add(child);
                    }
                }
            }

            // Details travel beside the next level's lineage instead of after it: the loop reads only the lineage,
            // and the describes run one after another, so `resources` has one writer at a time.
            describing = DescribeAfterAsync(describing, catalog, [.. level.Values.SelectMany(c => c)], resources, cancellationToken);
            frontier = next;
        }

        await describing.ConfigureAwait(false);

        return new ColumnLineage
        {
            Columns = columns.ToImmutableDictionary(c => c.Key, c => c.Value.ToImmutableArray(), StringComparer.OrdinalIgnoreCase),
            Downstream = downstream.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
            Resources = resources.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
            NotFollowed = frontier.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>
    /// For <c>snapshot</c>: reads the columns of each table and the column lineage reachable from every one of
    /// them, so that an offline run can answer for whichever columns a later change breaks.
    /// </summary>
    public static async Task CaptureAsync(ICatalog catalog, IReadOnlyCollection<string> tableIds, int maxDepth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (tableIds.Count == 0)
        {
            return;
        }

        var columns = await catalog.GetColumnsAsync(tableIds, cancellationToken).ConfigureAwait(false);
        var all = columns.Select(c => new BrokenColumns(c.Key, [.. c.Value.Select(r => r.Title)])).ToArray();
        await ReadAsync(catalog, all, maxDepth, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One level's lineage; when it fails, the details still out are waited for, so no request outlives the read.</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> LevelAsync(
        ICatalog catalog, List<string> frontier, Task describing, CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.GetDownstreamAsync(frontier, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAny(describing).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task DescribeAfterAsync(
        Task previous, ICatalog catalog, IEnumerable<string> ids, Dictionary<string, CatalogResource> resources, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(false);
        await DescribeAsync(catalog, ids, resources, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Details of the ids not yet known, then of the parents of the columns among them (nested columns go up).</summary>
    private static async Task DescribeAsync(
        ICatalog catalog, IEnumerable<string> ids, Dictionary<string, CatalogResource> resources, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => !resources.ContainsKey(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        for (var i = 0; i < MaxNesting && missing.Length > 0; i++)
        {
            var found = await catalog.GetResourcesAsync(missing, cancellationToken).ConfigureAwait(false);
            foreach (var (id, resource) in found)
            {
                resources.TryAdd(id, resource);
            }

            missing = [.. found.Values
                .Where(r => r.IsColumn && r.ParentId is not null && !resources.ContainsKey(r.ParentId))
                .Select(r => r.ParentId!)
                .Distinct(StringComparer.OrdinalIgnoreCase)];
        }
    }
}
